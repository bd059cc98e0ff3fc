namespace ReadoutApi.Seed;

// The seed files' shapes, as editors write them. Nullable members are the facts that may be unknown;
// everything else is required (the loader rejects a missing or null required member).

/// <summary>A source cited by the data: the seed article or a secondary source.</summary>
public sealed record SourceRecord(
    string Id, string? Title, string Publisher, string? Url, DateOnly? Date, string Kind, IReadOnlyList<string> Notes);

/// <summary>A country, keyed by its ISO 3166-1 alpha-2 code.</summary>
public sealed record CountryRecord(string Code, string Name);

/// <summary>A government body, military organization or publisher; <paramref name="ParentId"/> is the organization it is part of.</summary>
public sealed record OrganizationRecord(
    string Id, string Name, IReadOnlyList<string> Aliases, string Kind, string? CountryCode, string? ParentId, IReadOnlyList<string> SourceIds);

/// <summary>A person and the roles they held.</summary>
public sealed record PersonRecord(
    string Id, string Name, IReadOnlyList<string> Aliases, string CountryCode, IReadOnlyList<RoleRecord> Roles);

/// <summary>A role a person held, with its dates where known.</summary>
public sealed record RoleRecord(
    string Title, string? OrganizationId, DateOnly? From, DateOnly? To, IReadOnlyList<string> SourceIds);

/// <summary>A place: an air base or a city.</summary>
public sealed record PlaceRecord(
    string Id,
    string Name,
    IReadOnlyList<string> Aliases,
    string Kind,
    string CountryCode,
    string? Locality,
    string? Icao,
    Coordinates? Coordinates,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> SourceIds,
    IReadOnlyList<ProvenanceRecord> Provenance);

/// <summary>Which source supports which field of a record that cites several (the field by its name in the API).</summary>
public sealed record ProvenanceRecord(string Field, string SourceId);

/// <summary>WGS 84 coordinates in decimal degrees.</summary>
public sealed record Coordinates(double Latitude, double Longitude);

/// <summary>A government's readout of a call.</summary>
public sealed record ReadoutRecord(
    string Id,
    string Title,
    DateOnly Date,
    string DatePrecision,
    string IssuerId,
    IReadOnlyList<ParticipantRecord> Participants,
    IReadOnlyList<string> Topics,
    IReadOnlyList<PointRecord> Points,
    ReportedWordingRecord? ReportedWording,
    IReadOnlyList<string> SourceIds,
    IReadOnlyList<string> Notes,
    IReadOnlyList<ProvenanceRecord> Provenance);

/// <summary>A party to a call, with the role held at the time.</summary>
public sealed record ParticipantRecord(string PersonId, string Role, string CountryCode);

/// <summary>
/// One point of a readout: what was said, the verbatim quote and where it is quoted; <paramref name="WordingOf"/> is the
/// readout whose words the quote is, when the source gives this call another call's wording.
/// </summary>
public sealed record PointRecord(string Text, string Quote, string SourceId, string? WordingOf);

/// <summary>The readout's wording as news outlets quoted it.</summary>
public sealed record ReportedWordingRecord(string Quote, string Attribution, string SourceId);

/// <summary>A reference to whoever speaks or claims: a person, an organization or a country.</summary>
public sealed record ActorRecord(string Kind, string Id);

/// <summary>An assertion about a military event.</summary>
public sealed record ClaimRecord(
    string Id,
    string Text,
    string? Quote,
    ActorRecord Claimant,
    ActorRecord? OnBehalfOf,
    string? Channel,
    DateOnly Date,
    string EventKind,
    IReadOnlyList<string> EventKinds,
    IReadOnlyList<string> AllegedActors,
    IReadOnlyList<string> Targets,
    IReadOnlyList<PlaceMentionRecord> Places,
    VerificationRecord Verification,
    IReadOnlyList<string> SourceIds,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> Inferred,
    IReadOnlyList<ProvenanceRecord> Provenance);

/// <summary>A place a claim names, with the name the claim used and whether the claim is about it or somewhere near it.</summary>
public sealed record PlaceMentionRecord(string PlaceId, string NameAsReported, string Relation);

/// <summary>Who reviewed a claim and what they concluded.</summary>
public sealed record VerificationRecord(string Status, string Reviewer, string? Note, DateOnly? ReviewedDate);

/// <summary>Public remarks that are neither a readout nor an event claim.</summary>
public sealed record StatementRecord(
    string Id,
    ActorRecord Speaker,
    string Channel,
    DateOnly Date,
    string Quote,
    IReadOnlyList<string> SourceIds,
    IReadOnlyList<string> Notes);

/// <summary>The records of one seed folder, checked and complete.</summary>
public sealed record SeedData(
    IReadOnlyList<SourceRecord> Sources,
    IReadOnlyList<CountryRecord> Countries,
    IReadOnlyList<OrganizationRecord> Organizations,
    IReadOnlyList<PersonRecord> People,
    IReadOnlyList<PlaceRecord> Places,
    IReadOnlyList<ReadoutRecord> Readouts,
    IReadOnlyList<ClaimRecord> Claims,
    IReadOnlyList<StatementRecord> Statements)
{
    /// <summary>The seed files, one per record kind, in the order they are hashed and reported (the API's order).</summary>
    internal static readonly IReadOnlyList<SeedFileKind> Files =
    [
        new SeedFileKind<ReadoutRecord>("readouts.json", "readouts", d => d.Readouts),
        new SeedFileKind<ClaimRecord>("claims.json", "claims", d => d.Claims),
        new SeedFileKind<StatementRecord>("statements.json", "statements", d => d.Statements),
        new SeedFileKind<PersonRecord>("people.json", "people", d => d.People),
        new SeedFileKind<OrganizationRecord>("organizations.json", "organizations", d => d.Organizations),
        new SeedFileKind<CountryRecord>("countries.json", "countries", d => d.Countries),
        new SeedFileKind<PlaceRecord>("places.json", "places", d => d.Places),
        new SeedFileKind<SourceRecord>("sources.json", "sources", d => d.Sources),
    ];

    /// <summary>The records of each file, as <see cref="Files"/> read them.</summary>
    internal static SeedData From(Func<string, object> records) => new(
        (IReadOnlyList<SourceRecord>)records("sources.json"),
        (IReadOnlyList<CountryRecord>)records("countries.json"),
        (IReadOnlyList<OrganizationRecord>)records("organizations.json"),
        (IReadOnlyList<PersonRecord>)records("people.json"),
        (IReadOnlyList<PlaceRecord>)records("places.json"),
        (IReadOnlyList<ReadoutRecord>)records("readouts.json"),
        (IReadOnlyList<ClaimRecord>)records("claims.json"),
        (IReadOnlyList<StatementRecord>)records("statements.json"));

    /// <summary>The names of the seed files, in the order they are hashed and reported.</summary>
    public static IReadOnlyList<string> FileNames { get; } = [.. Files.Select(f => f.Name)];

    /// <summary>How many records each file holds, in file order.</summary>
    public IReadOnlyList<(string File, int Count)> Counts() => [.. Files.Select(f => (f.Name, f.Count(this)))];
}
