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
public sealed record ListQuery(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Filters,
    IReadOnlyList<string> Words,
    DateOnly? From,
    DateOnly? To,
    SortOrder Sort,
    int Limit,
    Cursor? Cursor,
    IReadOnlyList<string> Facets,
    string Fingerprint);

/// <summary>A sort field and direction; ties are always broken by id in the same direction.</summary>
public sealed record SortOrder(string Field, bool Descending)
{
    /// <summary>Parses <c>field</c> or <c>-field</c>.</summary>
    public static SortOrder Parse(string text) =>
        text.StartsWith('-') ? new SortOrder(text[1..], true) : new SortOrder(text, false);

    /// <inheritdoc />
    public override string ToString() => Descending ? "-" + Field : Field;
}

/// <summary>One page of a query's result.</summary>
/// <param name="Positions">The page's records, as positions in their collection.</param>
/// <param name="Total">How many records match in all.</param>
/// <param name="Next">The cursor of the following page, if any.</param>
/// <param name="Prev">The cursor of the preceding page, if any.</param>
/// <param name="Facets">The counts asked for.</param>
public sealed record QueryPage(
    IReadOnlyList<int> Positions,
    int Total,
    Cursor? Next,
    Cursor? Prev,
    IReadOnlyDictionary<string, IReadOnlyList<Contracts.FacetCount>>? Facets);
