using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Primitives;

namespace ReadoutApi.Querying;

/// <summary>The names of the parameters every list takes besides its filters.</summary>
public static class ParameterNames
{
    /// <summary>Page size.</summary>
    public const string Limit = "limit";

    /// <summary>Paging token.</summary>
    public const string Cursor = "cursor";

    /// <summary>Order.</summary>
    public const string Sort = "sort";

    /// <summary>Full-text search.</summary>
    public const string Query = "q";

    /// <summary>Inclusive lower date bound.</summary>
    public const string From = "from";

    /// <summary>Inclusive upper date bound.</summary>
    public const string To = "to";

    /// <summary>Fields to count.</summary>
    public const string Facets = "facets";

    /// <summary>Response format.</summary>
    public const string Format = "format";

    /// <summary>Fields to keep in each record.</summary>
    public const string Fields = "fields";

    /// <summary>Links to replace by the linked records.</summary>
    public const string Expand = "expand";
}

/// <summary>
/// The parameters every list takes besides its filters, bound from the query string as given: each is checked by
/// <see cref="QueryParser"/>, which names every bad parameter at once (a typed binding would stop at the first).
/// </summary>
public sealed class ListParameters
{
    /// <summary>The default page size.</summary>
    public const int DefaultLimit = 20;

    /// <summary>The largest page size.</summary>
    public const int MaxLimit = 100;

    /// <summary>Page size.</summary>
    [FromQuery(Name = ParameterNames.Limit)]
    [Description("Page size, 1 to 100 (default 20). Anything else is a 400, never a silent clamp.")]
    public string[]? Limit { get; init; }

    /// <summary>Paging token.</summary>
    [FromQuery(Name = ParameterNames.Cursor)]
    [Description("The opaque token from `links.next` or `links.prev` of a page of the same query. A forged, stale or malformed one is a 400.")]
    public string[]? Cursor { get; init; }

    /// <summary>Order.</summary>
    [FromQuery(Name = ParameterNames.Sort)]
    [Description("Sort field, `-` for descending; ties broken by id.")]
    public string[]? Sort { get; init; }

    /// <summary>Full-text search.</summary>
    [FromQuery(Name = ParameterNames.Query)]
    [Description("Full-text search: every word must match (as a word prefix), case- and accent-insensitive.")]
    public string[]? Q { get; init; }

    /// <summary>Inclusive lower date bound.</summary>
    [FromQuery(Name = ParameterNames.From)]
    [Description("Inclusive lower bound on the record's date (YYYY-MM-DD).")]
    public string[]? From { get; init; }

    /// <summary>Inclusive upper date bound.</summary>
    [FromQuery(Name = ParameterNames.To)]
    [Description("Inclusive upper bound on the record's date (YYYY-MM-DD); not before `from`.")]
    public string[]? To { get; init; }

    /// <summary>Fields to count.</summary>
    [FromQuery(Name = ParameterNames.Facets)]
    [Description("Comma-separated fields to count over the whole filtered result.")]
    public string[]? Facets { get; init; }

    /// <summary>Fields to keep.</summary>
    [FromQuery(Name = ParameterNames.Fields)]
    [Description("Comma-separated fields to keep in each record (dotted paths reach inside objects and lists, e.g. `participants.person`); `id` is always kept. CSV keeps the columns of the top-level fields named. An unknown field is a 400 naming it.")]
    public string[]? Fields { get; init; }

    /// <summary>Links to expand.</summary>
    [FromQuery(Name = ParameterNames.Expand)]
    [Description("Comma-separated links to replace by the records they link to, one level deep (e.g. `participants.person,issuer,sources`). Not with CSV or Atom. A path that is not a link is a 400 listing those that are.")]
    public string[]? Expand { get; init; }

    /// <summary>Response format.</summary>
    [FromQuery(Name = ParameterNames.Format)]
    [Description("The representation; wins over Accept. json: the paged envelope; csv (RFC 4180, lists joined by '; ') and ndjson: the whole filtered result; atom: the page as an Atom 1.0 feed.")]
    public string[]? Format { get; init; }

    /// <summary>The bound parameters of a parsed query string (tests, benchmarks and the default page).</summary>
    public static ListParameters Bind(IEnumerable<KeyValuePair<string, StringValues>> query)
    {
        var values = query.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        string[]? Get(string name) => values.TryGetValue(name, out var value) ? [.. value.Select(v => v ?? "")] : null;
        return new ListParameters
        {
            Limit = Get(ParameterNames.Limit),
            Cursor = Get(ParameterNames.Cursor),
            Sort = Get(ParameterNames.Sort),
            Q = Get(ParameterNames.Query),
            From = Get(ParameterNames.From),
            To = Get(ParameterNames.To),
            Facets = Get(ParameterNames.Facets),
            Format = Get(ParameterNames.Format),
            Fields = Get(ParameterNames.Fields),
            Expand = Get(ParameterNames.Expand),
        };
    }
}
