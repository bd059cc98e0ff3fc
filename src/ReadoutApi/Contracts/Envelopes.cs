namespace ReadoutApi.Contracts;

/// <summary>A page of a collection.</summary>
/// <typeparam name="T">The record type.</typeparam>
/// <param name="Data">The records of this page.</param>
/// <param name="Meta">Counts and paging facts.</param>
/// <param name="Links">This page and its neighbours.</param>
public sealed record ListResponse<T>(IReadOnlyList<T> Data, ListMeta Meta, ListLinks Links);

/// <summary>Facts about a page.</summary>
/// <param name="Total">How many records match the query, over all pages.</param>
/// <param name="Limit">The page size in force.</param>
/// <param name="Sort">The order applied, <c>-</c> meaning descending; ties are broken by id.</param>
/// <param name="DataVersion">The data version the page shows: a walk keeps the version it began on while it is held.</param>
/// <param name="CrossedChange">
/// True when the walk began on data that is no longer held: this page continues after the same place in newer data,
/// so a record whose sort key changed meanwhile may be missed or seen twice. Start again for an exact copy.
/// </param>
/// <param name="Facets">When asked for with <c>facets</c>: value counts over the whole filtered result.</param>
public sealed record ListMeta(
    int Total,
    int Limit,
    string Sort,
    string DataVersion,
    bool CrossedChange,
    IReadOnlyDictionary<string, IReadOnlyList<FacetCount>>? Facets);

/// <summary>One value of a facet and how many records of the result have it.</summary>
/// <param name="Value">The canonical value (an id, a code or a vocabulary word).</param>
/// <param name="Count">How many records of the whole filtered result have it.</param>
public sealed record FacetCount(string Value, int Count);

/// <summary>Links of a page. <c>next</c> and <c>prev</c> are null at the ends.</summary>
/// <param name="Self">This page's URL.</param>
/// <param name="Next">The next page's URL, or null on the last page.</param>
/// <param name="Prev">The previous page's URL, or null on the first page.</param>
public sealed record ListLinks(string Self, string? Next, string? Prev);

/// <summary>The API index.</summary>
/// <param name="Name">The service's name.</param>
/// <param name="DataVersion">A hash of the loaded seed snapshot.</param>
/// <param name="LoadedAt">When the snapshot was loaded (RFC 3339, UTC).</param>
/// <param name="Collections">Every collection with its record count.</param>
/// <param name="Links">The index itself and the documentation.</param>
public sealed record ApiIndex(
    string Name, string DataVersion, DateTimeOffset LoadedAt, IReadOnlyList<CollectionSummary> Collections, IndexLinks Links);

/// <summary>A collection in the index.</summary>
/// <param name="Name">The collection's name, its path segment (<c>readouts</c>).</param>
/// <param name="Count">How many records it holds.</param>
/// <param name="Href">The collection's URL.</param>
public sealed record CollectionSummary(string Name, int Count, string Href);

/// <summary>Where the documentation is.</summary>
/// <param name="Self">The index's URL.</param>
/// <param name="OpenApi">The OpenAPI document.</param>
/// <param name="Docs">Swagger UI.</param>
public sealed record IndexLinks(string Self, string OpenApi, string Docs);
