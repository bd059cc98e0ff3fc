using System.Collections.Frozen;
using ReadoutApi.Querying;
using ReadoutApi.Seed;

namespace ReadoutApi.Collections;

/// <summary>
/// The referenced records by id and by alias, used to index the collections (a claim is searchable by
/// its places' aliases) and to resolve filter values (<c>place=shorkot-air-base</c> is rafiqui-air-base).
/// </summary>
public sealed class ReferenceLookups
{
    private readonly FrozenDictionary<string, string> _personAliases;
    private readonly FrozenDictionary<string, string> _organizationAliases;
    private readonly FrozenDictionary<string, string> _placeAliases;
    private readonly FrozenDictionary<string, string[]> _personTokens;
    private readonly FrozenDictionary<string, string[]> _organizationTokens;
    private readonly FrozenDictionary<string, string[]> _placeTokens;
    private readonly FrozenDictionary<string, string[]> _countryTokens;
    private readonly FrozenDictionary<string, string[]> _countryActorTokens;

    /// <summary>Builds the lookups of a checked seed data set.</summary>
    public ReferenceLookups(SeedData data)
    {
        People = data.People.ToFrozenDictionary(p => p.Id, StringComparer.Ordinal);
        Organizations = data.Organizations.ToFrozenDictionary(o => o.Id, StringComparer.Ordinal);
        Places = data.Places.ToFrozenDictionary(p => p.Id, StringComparer.Ordinal);
        Countries = data.Countries.ToFrozenDictionary(c => c.Code, StringComparer.Ordinal);
        Sources = data.Sources.ToFrozenDictionary(s => s.Id, StringComparer.Ordinal);
        _personAliases = AliasMap(data.People, p => p.Id, p => [p.Name, .. p.Aliases]);
        _organizationAliases = AliasMap(data.Organizations, o => o.Id, o => [o.Name, .. o.Aliases]);
        _placeAliases = AliasMap(data.Places, p => p.Id, p => [p.Name, .. p.Aliases]);
        // A name is tokenized once here, not once for every record that mentions it.
        _personTokens = People.ToFrozenDictionary(p => p.Key, p => Tokens([p.Value.Name, .. p.Value.Aliases]), StringComparer.Ordinal);
        _organizationTokens = Organizations.ToFrozenDictionary(o => o.Key, o => Tokens([o.Value.Name, .. o.Value.Aliases]), StringComparer.Ordinal);
        _placeTokens = Places.ToFrozenDictionary(p => p.Key, p => Tokens([p.Value.Name, .. p.Value.Aliases]), StringComparer.Ordinal);
        _countryTokens = Countries.ToFrozenDictionary(c => c.Key, c => Tokens([c.Value.Name]), StringComparer.Ordinal);
        _countryActorTokens = Countries.ToFrozenDictionary(c => c.Key, c => Tokens([c.Value.Name, c.Key]), StringComparer.Ordinal);
    }

    /// <summary>People by id.</summary>
    public FrozenDictionary<string, PersonRecord> People { get; }

    /// <summary>Organizations by id.</summary>
    public FrozenDictionary<string, OrganizationRecord> Organizations { get; }

    /// <summary>Places by id.</summary>
    public FrozenDictionary<string, PlaceRecord> Places { get; }

    /// <summary>Countries by code.</summary>
    public FrozenDictionary<string, CountryRecord> Countries { get; }

    /// <summary>Sources by id.</summary>
    public FrozenDictionary<string, SourceRecord> Sources { get; }

    /// <summary>The canonical form of a filter value, or null when it names nothing known.</summary>
    public string? Resolve(ValueKind kind, string value) => kind switch
    {
        ValueKind.Person => ResolveId(value, People, _personAliases),
        ValueKind.Organization => ResolveId(value, Organizations, _organizationAliases),
        ValueKind.Place => ResolveId(value, Places, _placeAliases),
        ValueKind.Country => Countries.ContainsKey(value.ToUpperInvariant()) ? value.ToUpperInvariant() : null,
        ValueKind.Actor => Resolve(ValueKind.Person, value) ?? Resolve(ValueKind.Organization, value) ?? Resolve(ValueKind.Country, value),
        _ => null,
    };

    /// <summary>
    /// An organization and every organization it is part of, nearest first (ISPR, then the armed forces). The loader refuses
    /// loops; the walk stops at one all the same.
    /// </summary>
    public IEnumerable<string> WithParents(string organizationId)
    {
        var id = organizationId;
        for (var steps = 0; steps <= Organizations.Count && Organizations.TryGetValue(id, out var organization); steps++)
        {
            yield return id;
            if (organization.ParentId is not { } parent)
            {
                yield break;
            }

            id = parent;
        }
    }

    /// <summary>
    /// Whom a claim or statement speaks for: the actor, and for an organization every organization it is part of
    /// (a person is only themself, a country itself).
    /// </summary>
    public IEnumerable<string> SpeaksFor(ActorRecord actor) => actor.Kind == "organization" ? WithParents(actor.Id) : [actor.Id];

    /// <summary>The country an actor belongs to, if known.</summary>
    public string? CountryOf(ActorRecord actor) => actor.Kind switch
    {
        "person" => People[actor.Id].CountryCode,
        "organization" => Organizations[actor.Id].CountryCode,
        _ => actor.Id,
    };

    /// <summary>An actor's display name.</summary>
    public string NameOf(ActorRecord actor) => actor.Kind switch
    {
        "person" => People[actor.Id].Name,
        "organization" => Organizations[actor.Id].Name,
        _ => Countries[actor.Id].Name,
    };

    /// <summary>Every name an actor is known by, for search.</summary>
    public IEnumerable<string> NamesOf(ActorRecord actor) => actor.Kind switch
    {
        "person" => [People[actor.Id].Name, .. People[actor.Id].Aliases],
        "organization" => [Organizations[actor.Id].Name, .. Organizations[actor.Id].Aliases],
        _ => [Countries[actor.Id].Name, actor.Id],
    };

    /// <summary>Every name a place is known by, for search.</summary>
    public IEnumerable<string> PlaceNames(string id) => [Places[id].Name, .. Places[id].Aliases];

    /// <summary>The search tokens of every name of an actor (<see cref="NamesOf"/>).</summary>
    public string[] TokensOf(ActorRecord actor) => actor.Kind switch
    {
        "person" => _personTokens[actor.Id],
        "organization" => _organizationTokens[actor.Id],
        _ => _countryActorTokens[actor.Id],
    };

    /// <summary>The search tokens of every name of a place.</summary>
    public string[] PlaceTokens(string id) => _placeTokens[id];

    /// <summary>The search tokens of a country's name.</summary>
    public string[] CountryNameTokens(string code) => _countryTokens[code];

    private static string[] Tokens(IEnumerable<string> names) => [.. names.SelectMany(TextNormalizer.Tokens).Distinct(StringComparer.Ordinal)];

    private static string? ResolveId<T>(string value, FrozenDictionary<string, T> byId, FrozenDictionary<string, string> aliases) =>
        byId.ContainsKey(value) ? value : aliases.GetValueOrDefault(TextNormalizer.Slug(value));

    private static FrozenDictionary<string, string> AliasMap<T>(
        IEnumerable<T> records, Func<T, string> id, Func<T, IEnumerable<string>> names)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            foreach (var slug in names(record).Select(TextNormalizer.Slug))
            {
                // An alias two records share is ambiguous, so it resolves to neither.
                map[slug] = map.TryGetValue(slug, out var existing) && existing != id(record) ? "" : id(record);
            }
        }

        return map.Where(p => p.Value.Length > 0).ToFrozenDictionary(StringComparer.Ordinal);
    }
}
