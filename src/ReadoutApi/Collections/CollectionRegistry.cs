namespace ReadoutApi.Collections;

/// <summary>
/// Every collection the API serves, in the order the index lists them. A collection built from others
/// (<see cref="CollectionModule.BuiltFrom"/>) comes after them.
/// </summary>
public static class CollectionRegistry
{
    /// <summary><c>/v1/readouts</c>.</summary>
    public static readonly ReadoutsModule Readouts = new();

    /// <summary><c>/v1/claims</c>.</summary>
    public static readonly ClaimsModule Claims = new();

    /// <summary><c>/v1/statements</c>.</summary>
    public static readonly StatementsModule Statements = new();

    /// <summary><c>/v1/people</c>.</summary>
    public static readonly PeopleModule People = new();

    /// <summary><c>/v1/organizations</c>.</summary>
    public static readonly OrganizationsModule Organizations = new();

    /// <summary><c>/v1/countries</c>.</summary>
    public static readonly CountriesModule Countries = new();

    /// <summary><c>/v1/places</c>.</summary>
    public static readonly PlacesModule Places = new();

    /// <summary><c>/v1/sources</c>.</summary>
    public static readonly SourcesModule Sources = new();

    /// <summary><c>/v1/timeline</c>.</summary>
    public static readonly TimelineModule Timeline = new();

    /// <summary>The modules, in order.</summary>
    public static readonly IReadOnlyList<CollectionModule> All =
        [Readouts, Claims, Statements, People, Organizations, Countries, Places, Sources, Timeline];
}
