namespace ReadoutApi.Collections;

/// <summary>
/// Every collection the API serves, in the order the index lists them. A collection built from others
/// (<see cref="CollectionModule.BuiltFrom"/>) comes after them.
/// </summary>
public static class CollectionRegistry
{
    /// <summary>The modules, in order.</summary>
    public static readonly IReadOnlyList<CollectionModule> All =
    [
        ReadoutsModule.Instance,
        ClaimsModule.Instance,
        StatementsModule.Instance,
        PeopleModule.Instance,
        OrganizationsModule.Instance,
        CountriesModule.Instance,
        PlacesModule.Instance,
        SourcesModule.Instance,
        TimelineModule.Instance,
    ];
}
