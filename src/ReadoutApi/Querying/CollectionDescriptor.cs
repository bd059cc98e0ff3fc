namespace ReadoutApi.Querying;

/// <summary>What a filter's values are, which decides how an input value is resolved and checked.</summary>
public enum ValueKind
{
    /// <summary>A person id or one of the person's aliases.</summary>
    Person,

    /// <summary>An organization id or alias.</summary>
    Organization,

    /// <summary>A place id or alias.</summary>
    Place,

    /// <summary>An ISO 3166-1 alpha-2 code, any case.</summary>
    Country,

    /// <summary>A person, organization or country.</summary>
    Actor,

    /// <summary>One value of a closed list.</summary>
    Vocabulary,

    /// <summary>A value that occurs in the data (e.g. a readout topic).</summary>
    Indexed,
}

/// <summary>A filter parameter of a collection, as documented and as parsed.</summary>
/// <param name="Name">The query parameter.</param>
/// <param name="Description">What it matches.</param>
/// <param name="Kind">What its values are.</param>
/// <param name="Example">A value that matches seed data.</param>
/// <param name="AllowedValues">The closed list, for <see cref="ValueKind.Vocabulary"/>.</param>
public sealed record FilterInfo(
    string Name, string Description, ValueKind Kind, string Example, IReadOnlyList<string>? AllowedValues = null);

/// <summary>The static description of a collection: what a client may ask of it.</summary>
/// <param name="Name">The collection's path segment (<c>readouts</c>).</param>
/// <param name="ItemType">The <c>type</c> of its records (<c>readout</c>).</param>
/// <param name="Dated">Whether <c>from</c>/<c>to</c> apply.</param>
/// <param name="Filters">Its filters, which are also its facets.</param>
/// <param name="SortFields">The fields it sorts by.</param>
/// <param name="DefaultSort">The order when none is asked for.</param>
/// <param name="Formats">The formats it can be rendered in.</param>
/// <param name="SearchExample">A <c>q</c> that finds seed records, the example the documentation shows.</param>
public sealed record CollectionDescriptor(
    string Name,
    string ItemType,
    bool Dated,
    IReadOnlyList<FilterInfo> Filters,
    IReadOnlyList<string> SortFields,
    string DefaultSort,
    IReadOnlyList<string> Formats,
    string SearchExample)
{
    /// <summary>The formats of a collection without a feed.</summary>
    public static readonly IReadOnlyList<string> AllFormats = ["json", "csv", "ndjson"];

    /// <summary>The formats of a collection with an Atom feed.</summary>
    public static readonly IReadOnlyList<string> FeedFormats = ["json", "csv", "ndjson", "atom"];

    /// <summary>The formats of a collection with an Atom feed whose records are also schema.org JSON-LD (claims).</summary>
    public static readonly IReadOnlyList<string> LinkedDataFormats = ["json", "csv", "ndjson", "atom", "jsonld"];

    /// <summary>The formats one record is rendered in: the collection's, less the feed.</summary>
    public IReadOnlyList<string> RecordFormats => field ??= [.. Formats.Where(f => f != "atom")];

    /// <summary>The collection's path (<c>/v1/readouts</c>).</summary>
    public string Path => field ??= $"{Contracts.Paths.Base}/{Name}";

    /// <summary>The filter of that name, if the collection has it.</summary>
    public FilterInfo? Filter(string name) => Filters.FirstOrDefault(f => f.Name == name);
}
