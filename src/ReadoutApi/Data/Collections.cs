using ReadoutApi.Contracts;
using ReadoutApi.Querying;
using ReadoutApi.Seed;

namespace ReadoutApi.Data;

/// <summary>
/// Every collection: what clients may ask of it (the descriptors, which also feed the OpenAPI document)
/// and how its records are indexed (the definitions).
/// </summary>
public static class Collections
{
    private static readonly string[] AllFormats = ["json", "csv", "ndjson"];
    private static readonly string[] FeedFormats = ["json", "csv", "ndjson", "atom"];

    /// <summary>Readouts of calls.</summary>
    public static readonly CollectionDescriptor Readouts = new(
        "readouts", "readout", Dated: true,
        [
            new("participant", "A participant's person id or alias.", ValueKind.Person, "subrahmanyam-jaishankar"),
            new("country", "A participant's country (ISO 3166-1 alpha-2, any case).", ValueKind.Country, "IN"),
            new("topic", "A topic of the call.", ValueKind.Indexed, "de-escalation"),
            new("issuer", "The organization that issued the readout (id or alias).", ValueKind.Organization, "us-department-of-state"),
        ],
        ["date", "id", "title"], "-date", FeedFormats, "jaishankar");

    /// <summary>Claims about military events.</summary>
    public static readonly CollectionDescriptor Claims = new(
        "claims", "claim", Dated: true,
        [
            new("claimant", "Who made the claim: a person, organization or country (id, alias or code).", ValueKind.Actor, "ahmed-sharif-chaudhry"),
            new("country", "A country involved: alleged actor, target or the claimant's country.", ValueKind.Country, "IN"),
            new("place", "A place the claim names, by id or any of its names (aliases resolve).", ValueKind.Place, "rafiqui-air-base"),
            new("status", "The verification status.", ValueKind.Vocabulary, "unverified", Vocabulary.VerificationStatuses),
            new("eventKind", "The kind of event claimed.", ValueKind.Vocabulary, "interception", Vocabulary.EventKinds),
            new("allegedActor", "The country the claim says acted.", ValueKind.Country, "IN"),
        ],
        ["date", "id", "status", "eventKind"], "-date", FeedFormats, "intercepted");

    /// <summary>Public statements.</summary>
    public static readonly CollectionDescriptor Statements = new(
        "statements", "statement", Dated: true,
        [
            new("speaker", "Who spoke: a person, organization or country (id, alias or code).", ValueKind.Actor, "ishaq-dar"),
            new("country", "The speaker's country.", ValueKind.Country, "PK"),
        ],
        ["date", "id"], "-date", FeedFormats, "peace");

    /// <summary>People.</summary>
    public static readonly CollectionDescriptor People = new(
        "people", "person", Dated: false,
        [
            new("country", "The person's country.", ValueKind.Country, "PK"),
            new("organization", "An organization the person held a role in.", ValueKind.Organization, "pakistan-army"),
        ],
        ["name", "id"], "name", AllFormats, "munir");

    /// <summary>Organizations.</summary>
    public static readonly CollectionDescriptor Organizations = new(
        "organizations", "organization", Dated: false, [], ["name", "id"], "name", AllFormats, "pakistan");

    /// <summary>Countries.</summary>
    public static readonly CollectionDescriptor Countries = new(
        "countries", "country", Dated: false, [], ["name", "id"], "name", AllFormats, "pakistan");

    /// <summary>Places.</summary>
    public static readonly CollectionDescriptor Places = new(
        "places", "place", Dated: false,
        [
            new("country", "The place's country.", ValueKind.Country, "PK"),
            new("kind", "The kind of place.", ValueKind.Vocabulary, "air-base", Vocabulary.PlaceKinds),
        ],
        ["name", "id", "kind"], "name", AllFormats, "shorkot");

    /// <summary>Cited sources.</summary>
    public static readonly CollectionDescriptor Sources = new(
        "sources", "source", Dated: true, [], ["title", "publisher", "date", "id"], "title", AllFormats, "munir");

    /// <summary>Readouts, claims and statements merged.</summary>
    public static readonly CollectionDescriptor Timeline = new(
        "timeline", "timeline item", Dated: true,
        [
            new("type", "The kind of record.", ValueKind.Vocabulary, "claim", Vocabulary.TimelineTypes),
            new("person", "A person involved (participant, claimant or speaker).", ValueKind.Person, "ahmed-sharif-chaudhry"),
            new("country", "A country involved.", ValueKind.Country, "PK"),
            new("place", "A place named (aliases resolve).", ValueKind.Place, "rafiqui-air-base"),
        ],
        ["date", "id", "type"], "-date", FeedFormats, "intercepted");

    /// <summary>All descriptors, in the order the index lists them.</summary>
    public static readonly IReadOnlyList<CollectionDescriptor> All =
        [Readouts, Claims, Statements, People, Organizations, Countries, Places, Sources, Timeline];

    internal static CollectionDefinition<ReadoutRecord> ReadoutDefinition(ReferenceLookups refs) => new()
    {
        Descriptor = Readouts,
        Id = r => r.Id,
        Date = r => r.Date,
        FilterKeys = new Dictionary<string, Func<ReadoutRecord, IEnumerable<string>>>
        {
            ["participant"] = r => r.Participants.Select(p => p.PersonId),
            ["country"] = r => r.Participants.Select(p => p.CountryCode),
            ["topic"] = r => r.Topics,
            ["issuer"] = r => [r.IssuerId],
        },
        SortKeys = new Dictionary<string, Func<ReadoutRecord, string?>> { ["title"] = r => r.Title },
        SearchText = r => ReadoutText(r, refs),
    };

    internal static CollectionDefinition<ClaimRecord> ClaimDefinition(ReferenceLookups refs) => new()
    {
        Descriptor = Claims,
        Id = c => c.Id,
        Date = c => c.Date,
        FilterKeys = new Dictionary<string, Func<ClaimRecord, IEnumerable<string>>>
        {
            ["claimant"] = c => [c.Claimant.Id],
            ["country"] = c => ClaimCountries(c, refs),
            ["place"] = c => c.Places.Select(p => p.PlaceId),
            ["status"] = c => [c.Verification.Status],
            ["eventKind"] = c => [c.EventKind],
            ["allegedActor"] = c => c.AllegedActors,
        },
        SortKeys = new Dictionary<string, Func<ClaimRecord, string?>>
        {
            ["status"] = c => c.Verification.Status,
            ["eventKind"] = c => c.EventKind,
        },
        SearchText = c => ClaimText(c, refs),
    };

    internal static CollectionDefinition<StatementRecord> StatementDefinition(ReferenceLookups refs) => new()
    {
        Descriptor = Statements,
        Id = s => s.Id,
        Date = s => s.Date,
        FilterKeys = new Dictionary<string, Func<StatementRecord, IEnumerable<string>>>
        {
            ["speaker"] = s => [s.Speaker.Id],
            ["country"] = s => refs.CountryOf(s.Speaker) is { } code ? [code] : [],
        },
        SearchText = s => StatementText(s, refs),
    };

    internal static CollectionDefinition<PersonRecord> PersonDefinition(ReferenceLookups refs) => new()
    {
        Descriptor = People,
        Id = p => p.Id,
        FilterKeys = new Dictionary<string, Func<PersonRecord, IEnumerable<string>>>
        {
            ["country"] = p => [p.CountryCode],
            ["organization"] = p => p.Roles.Where(r => r.OrganizationId is not null).Select(r => r.OrganizationId!),
        },
        SortKeys = new Dictionary<string, Func<PersonRecord, string?>> { ["name"] = p => p.Name },
        SearchText = p => [p.Name, .. p.Aliases, .. p.Roles.Select(r => r.Title),
            .. p.Roles.Where(r => r.OrganizationId is not null).SelectMany(r => refs.NamesOf(new ActorRecord("organization", r.OrganizationId!))),
            refs.Countries[p.CountryCode].Name],
    };

    internal static CollectionDefinition<OrganizationRecord> OrganizationDefinition(ReferenceLookups refs) => new()
    {
        Descriptor = Organizations,
        Id = o => o.Id,
        SortKeys = new Dictionary<string, Func<OrganizationRecord, string?>> { ["name"] = o => o.Name },
        SearchText = o => [o.Name, .. o.Aliases, o.Kind, o.CountryCode is { } code ? refs.Countries[code].Name : null],
    };

    internal static CollectionDefinition<CountryRecord> CountryDefinition() => new()
    {
        Descriptor = Countries,
        Id = c => c.Code,
        SortKeys = new Dictionary<string, Func<CountryRecord, string?>> { ["name"] = c => c.Name },
        SearchText = c => [c.Name, c.Code],
    };

    internal static CollectionDefinition<PlaceRecord> PlaceDefinition(ReferenceLookups refs) => new()
    {
        Descriptor = Places,
        Id = p => p.Id,
        FilterKeys = new Dictionary<string, Func<PlaceRecord, IEnumerable<string>>>
        {
            ["country"] = p => [p.CountryCode],
            ["kind"] = p => [p.Kind],
        },
        SortKeys = new Dictionary<string, Func<PlaceRecord, string?>>
        {
            ["name"] = p => p.Name,
            ["kind"] = p => p.Kind,
        },
        SearchText = p => [p.Name, .. p.Aliases, p.Locality, p.Icao, .. p.Notes, refs.Countries[p.CountryCode].Name],
    };

    internal static CollectionDefinition<SourceRecord> SourceDefinition() => new()
    {
        Descriptor = Sources,
        Id = s => s.Id,
        Date = s => s.Date,
        SortKeys = new Dictionary<string, Func<SourceRecord, string?>>
        {
            ["title"] = s => s.Title,
            ["publisher"] = s => s.Publisher,
        },
        SearchText = s => [s.Title, s.Publisher, s.Url, .. s.Notes],
    };

    internal static CollectionDefinition<TimelineEntry> TimelineDefinition() => new()
    {
        Descriptor = Timeline,
        Id = e => e.Key,
        Date = e => e.Date,
        FilterKeys = new Dictionary<string, Func<TimelineEntry, IEnumerable<string>>>
        {
            ["type"] = e => [e.Type],
            ["person"] = e => e.People,
            ["country"] = e => e.Countries,
            ["place"] = e => e.Places,
        },
        SortKeys = new Dictionary<string, Func<TimelineEntry, string?>> { ["type"] = e => e.Type },
        SearchText = e => e.SearchText,
    };

    /// <summary>The timeline entries of a data set: each readout, claim and statement in brief.</summary>
    internal static IEnumerable<TimelineEntry> TimelineEntries(SeedData data, ReferenceLookups refs)
    {
        foreach (var r in data.Readouts)
        {
            yield return new TimelineEntry(
                "readout", r.Id, r.Date, r.Title, Paths.Record("readouts", r.Id),
                r.Participants.Select(p => p.PersonId).ToArray(),
                r.Participants.Select(p => p.CountryCode).Distinct().ToArray(),
                [],
                ReadoutText(r, refs));
        }

        foreach (var c in data.Claims)
        {
            yield return new TimelineEntry(
                "claim", c.Id, c.Date, c.Text, Paths.Record("claims", c.Id),
                new[] { c.Claimant, c.OnBehalfOf }.Where(a => a?.Kind == "person").Select(a => a!.Id).ToArray(),
                ClaimCountries(c, refs).ToArray(),
                c.Places.Select(p => p.PlaceId).ToArray(),
                ClaimText(c, refs));
        }

        foreach (var s in data.Statements)
        {
            yield return new TimelineEntry(
                "statement", s.Id, s.Date, $"{refs.NameOf(s.Speaker)}: \u201c{s.Quote}\u201d", Paths.Record("statements", s.Id),
                s.Speaker.Kind == "person" ? [s.Speaker.Id] : [],
                refs.CountryOf(s.Speaker) is { } code ? [code] : [],
                [],
                StatementText(s, refs));
        }
    }

    private static IEnumerable<string> ClaimCountries(ClaimRecord c, ReferenceLookups refs) =>
        c.AllegedActors.Concat(c.Targets)
            .Concat(refs.CountryOf(c.Claimant) is { } code ? [code] : [])
            .Concat(c.Places.Select(p => refs.Places[p.PlaceId].CountryCode))
            .Distinct();

    private static IEnumerable<string?> ReadoutText(ReadoutRecord r, ReferenceLookups refs) =>
    [
        r.Title, .. r.Topics, .. r.Notes,
        .. r.Points.SelectMany(p => new[] { p.Text, p.Quote }),
        r.ReportedWording?.Quote,
        .. refs.NamesOf(new ActorRecord("organization", r.IssuerId)),
        .. r.Participants.SelectMany(p => refs.NamesOf(new ActorRecord("person", p.PersonId)).Append(p.Role)),
        .. r.Participants.Select(p => refs.Countries[p.CountryCode].Name),
    ];

    private static IEnumerable<string?> ClaimText(ClaimRecord c, ReferenceLookups refs) =>
    [
        c.Text, c.Quote, c.Channel, c.EventKind, c.Verification.Status, .. c.Notes,
        .. refs.NamesOf(c.Claimant),
        .. c.OnBehalfOf is { } principal ? refs.NamesOf(principal) : [],
        .. c.Places.SelectMany(p => refs.PlaceNames(p.PlaceId).Append(p.NameAsReported)),
        .. c.AllegedActors.Concat(c.Targets).Select(code => refs.Countries[code].Name),
    ];

    private static IEnumerable<string?> StatementText(StatementRecord s, ReferenceLookups refs) =>
        [s.Quote, s.Channel, .. s.Notes, .. refs.NamesOf(s.Speaker)];
}
