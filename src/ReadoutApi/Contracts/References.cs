namespace ReadoutApi.Contracts;

// How records point at each other and at the filtered collections that mention them: ids and URLs, never copies.

/// <summary>A reference to another record.</summary>
/// <param name="Id">The referenced record's id.</param>
/// <param name="Href">The referenced record's URL.</param>
public sealed record Ref(string Id, string Href)
{
    /// <summary>A reference into a collection.</summary>
    public static Ref To(string collection, string id) => new(id, Paths.Record(collection, id));
}

/// <summary>A reference to whoever spoke or claimed.</summary>
/// <param name="Kind">person, organization or country.</param>
/// <param name="Id">The record's id (a country code for countries).</param>
/// <param name="Href">The record's URL.</param>
public sealed record ActorRef(string Kind, string Id, string Href);

/// <summary>Links of a record: at least its own URL.</summary>
/// <param name="Self">This record's URL.</param>
public sealed record SelfLinks(string Self);

/// <summary>A person's links, to the filtered collections that mention them.</summary>
/// <param name="Self">This person's URL.</param>
/// <param name="Readouts">The readouts they took part in.</param>
/// <param name="Claims">The claims they made.</param>
/// <param name="Statements">The statements they made.</param>
/// <param name="Timeline">The timeline items that involve them.</param>
public sealed record PersonLinks(string Self, string Readouts, string Claims, string Statements, string Timeline);

/// <summary>An organization's links, to the filtered collections that mention it or the organizations within it.</summary>
/// <param name="Self">This organization's URL.</param>
/// <param name="People">The people who held a role in it.</param>
/// <param name="Readouts">The readouts it issued.</param>
/// <param name="Claims">The claims made by it, on its behalf, or by the organizations within it.</param>
public sealed record OrganizationLinks(string Self, string People, string Readouts, string Claims);

/// <summary>A country's links, to the filtered collections that mention it.</summary>
/// <param name="Self">This country's URL.</param>
/// <param name="Readouts">The readouts with a participant from it.</param>
/// <param name="Claims">The claims that involve it.</param>
/// <param name="Statements">The statements of its speakers.</param>
/// <param name="People">Its people.</param>
/// <param name="Places">Its places.</param>
public sealed record CountryLinks(string Self, string Readouts, string Claims, string Statements, string People, string Places);

/// <summary>A place's links, to the filtered collections that mention it.</summary>
/// <param name="Self">This place's URL.</param>
/// <param name="Claims">The claims that name it.</param>
/// <param name="Timeline">The timeline items that name it.</param>
public sealed record PlaceLinks(string Self, string Claims, string Timeline);
