namespace ReadoutApi.Querying;

/// <summary>How to index one collection's records: its descriptor plus the functions that read a record.</summary>
/// <typeparam name="T">The seed record type.</typeparam>
public sealed class CollectionDefinition<T>
{
    /// <summary>What clients may ask of the collection.</summary>
    public required CollectionDescriptor Descriptor { get; init; }

    /// <summary>The record's unique key within the collection.</summary>
    public required Func<T, string> Id { get; init; }

    /// <summary>The record's date, for <c>from</c>/<c>to</c> and the <c>date</c> sort.</summary>
    public Func<T, DateOnly?>? Date { get; init; }

    /// <summary>For each filter name, the canonical values a record has.</summary>
    public IReadOnlyDictionary<string, Func<T, IEnumerable<string>>> FilterKeys { get; init; } =
        new Dictionary<string, Func<T, IEnumerable<string>>>();

    /// <summary>For each sort field other than id and date, the key to order by.</summary>
    public IReadOnlyDictionary<string, Func<T, string?>> SortKeys { get; init; } =
        new Dictionary<string, Func<T, string?>>();

    /// <summary>The record's own texts that <c>q</c> searches.</summary>
    public Func<T, IEnumerable<string?>> SearchText { get; init; } = _ => [];

    /// <summary>The search tokens of what the record links to (names of people, places...), normalized once per linked record.</summary>
    public Func<T, IEnumerable<string>>? SearchTokens { get; init; }

    /// <summary>
    /// Builds the search index from the records in id order instead of from their texts, when the collection is made
    /// of records indexed already (the timeline).
    /// </summary>
    public Func<IReadOnlyList<T>, SearchIndex>? Search { get; init; }
}
