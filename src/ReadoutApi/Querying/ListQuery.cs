using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using ReadoutApi.Contracts;

namespace ReadoutApi.Querying;

/// <summary>A parsed, validated list request, with every filter value in canonical form.</summary>
/// <param name="Filters">Filter name to accepted values (OR within a filter, AND across filters).</param>
/// <param name="Words">The normalized words of <c>q</c>; every one must match.</param>
/// <param name="From">Inclusive lower bound on the record's date.</param>
/// <param name="To">Inclusive upper bound on the record's date.</param>
/// <param name="Sort">The order.</param>
/// <param name="Limit">The page size.</param>
/// <param name="Cursor">Where the page starts, when walking.</param>
/// <param name="Facets">Fields to count over the result.</param>
/// <param name="Fingerprint">Identifies the query (everything but limit and cursor) inside cursors.</param>
/// <param name="Address">Where the request was made, for the page's links.</param>
public sealed record ListQuery(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Filters,
    IReadOnlyList<string> Words,
    DateOnly? From,
    DateOnly? To,
    SortOrder Sort,
    int Limit,
    Cursor? Cursor,
    IReadOnlyList<string> Facets,
    string Fingerprint,
    PageAddress Address)
{
    /// <summary>The fields kept and the links expanded in each record.</summary>
    public Projection Projection { get; init; } = Projection.None;
}

/// <summary>A sort field and direction; ties are always broken by id in the same direction.</summary>
public sealed record SortOrder(string Field, bool Descending)
{
    /// <summary>Parses <c>field</c> or <c>-field</c>.</summary>
    public static SortOrder Parse(string text) =>
        text.StartsWith('-') ? new SortOrder(text[1..], true) : new SortOrder(text, false);

    /// <inheritdoc />
    public override string ToString() => Descending ? "-" + Field : Field;
}

/// <summary>The path and parameters a list was asked for at: its page links keep them and swap the cursor.</summary>
/// <param name="Path">The request path.</param>
/// <param name="Self">The path and query string exactly as asked.</param>
/// <param name="Parameters">Every query parameter but the cursor, in order.</param>
public sealed record PageAddress(string Path, string Self, IReadOnlyList<KeyValuePair<string, string?>> Parameters)
{
    /// <summary>The address of a request.</summary>
    /// <param name="path">The request path.</param>
    /// <param name="queryString">The query string as sent (with its '?'), or empty.</param>
    /// <param name="parameters">The parsed query parameters.</param>
    public static PageAddress Of(string path, string queryString, IEnumerable<KeyValuePair<string, StringValues>> parameters) =>
        new(path, path + queryString, [.. parameters
            .Where(p => p.Key != ParameterNames.Cursor)
            .SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v)))]);

    /// <summary>The link to the page a cursor token points at.</summary>
    public string With(string cursorToken) =>
        Path + QueryString.Create(Parameters.Append(KeyValuePair.Create(ParameterNames.Cursor, (string?)cursorToken))).ToUriComponent();

    /// <summary>
    /// This address with <c>format=</c> added when it has none, itself included: links of a representation chosen by
    /// <c>Accept</c> then lead to the same representation whatever the follower's <c>Accept</c>.
    /// </summary>
    public PageAddress WithFormat(string format)
    {
        if (Parameters.Any(p => p.Key == ParameterNames.Format))
        {
            return this;
        }

        var added = KeyValuePair.Create(ParameterNames.Format, (string?)format);
        var separator = Self.Contains('?') ? (Self.EndsWith('?') ? "" : "&") : "?";
        return new PageAddress(Path, Self + separator + ParameterNames.Format + "=" + Uri.EscapeDataString(format), [.. Parameters, added]);
    }

    /// <summary>
    /// What names the result whatever its page and presentation: the path and the parameters that choose records and
    /// their order (not <c>limit</c>, <c>cursor</c>, <c>format</c> or <c>facets</c>), sorted by name.
    /// </summary>
    /// <param name="canonicalPath">The resource's path as the API writes it (the request's may differ in case or slash).</param>
    public string Identity(string canonicalPath)
    {
        string[] presentation = [ParameterNames.Limit, ParameterNames.Format, ParameterNames.Facets];
        var chosen = Parameters.Where(p => !presentation.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();
        return chosen.Length == 0 ? canonicalPath : canonicalPath + QueryString.Create(chosen).ToUriComponent();
    }
}

/// <summary>One finished page of a query's result.</summary>
/// <param name="Records">The page's records, as JSON, in order.</param>
/// <param name="Meta">The total, the limit, the order and the facets asked for.</param>
/// <param name="Links">This page and its neighbours.</param>
/// <param name="Next">The cursor token of the following page, if any.</param>
/// <param name="Prev">The cursor token of the preceding page, if any.</param>
public sealed record ListPage(
    IReadOnlyList<ReadOnlyMemory<byte>> Records,
    ListMeta Meta,
    ListLinks Links,
    string? Next,
    string? Prev);

/// <summary>What a page is served from: the snapshot's data version, and the codec that signs its cursors.</summary>
/// <param name="DataVersion">The version of the data the query runs on.</param>
/// <param name="Codec">Signs the page's next and prev cursors.</param>
public sealed record PageContext(string DataVersion, CursorCodec Codec)
{
    /// <summary>No data version, the built-in key (tests and benchmarks).</summary>
    public static PageContext Default { get; } = new("", CursorCodec.Default);
}
