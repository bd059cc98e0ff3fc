using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace ReadoutApi.Contracts;

// The public shapes of the API. References to other records are ids plus links, never copies.

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

/// <summary>A government's readout of a call.</summary>
public sealed record ReadoutDto(
    string Id,
    [property: Description("Always `readout`.")] string Type,
    string Title,
    DateOnly Date,
    [property: Description("How precisely the date is known: day, month or year.")] string DatePrecision,
    Ref Issuer,
    IReadOnlyList<ParticipantDto> Participants,
    IReadOnlyList<string> Topics,
    IReadOnlyList<PointDto> Points,
    ReportedWordingDto? ReportedWording,
    IReadOnlyList<Ref> Sources,
    IReadOnlyList<string> Notes,
    IReadOnlyList<ProvenanceDto> Provenance,
    SelfLinks Links);

/// <summary>Which source supports which field, where a record's sources give different fields.</summary>
/// <param name="Field">The field, by its name in this API.</param>
/// <param name="Source">The source that gives it (one of the record's sources).</param>
public sealed record ProvenanceDto(string Field, Ref Source);

/// <summary>A party to a call, with the role held then.</summary>
public sealed record ParticipantDto(Ref Person, string Role, Ref Country);

/// <summary>One point of a readout, with its verbatim quote and where it is quoted.</summary>
public sealed record PointDto(
    string Text,
    string Quote,
    Ref Source,
    // Absent rather than null: OpenAPI 3.0 cannot say "a Ref or null" so that validators accept a null example.
    [property: Description("The readout whose words the quote is, when the source gives this call the wording of another call's readout; absent otherwise.")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    Ref? WordingOf);

/// <summary>The readout's wording as news outlets quoted it.</summary>
public sealed record ReportedWordingDto(string Quote, string Attribution, Ref Source);

/// <summary>An assertion about a military event, with its verification status.</summary>
public sealed record ClaimDto(
    string Id,
    [property: Description("Always `claim`.")] string Type,
    string Text,
    [property: Description("The claimant's verbatim words, or null where the source paraphrases.")] string? Quote,
    ActorRef Claimant,
    ActorRef? OnBehalfOf,
    [property: Description("statement, state-television-broadcast, social-media-post or interview; null where not reported.")] string? Channel,
    DateOnly Date,
    [property: Description("The primary kind of event claimed (the first of `eventKinds`): strike, interception, damage-assessment, retaliation or accusation.")] string EventKind,
    [property: Description("Every kind of event the claim asserts, each once, the primary kind first.")] IReadOnlyList<string> EventKinds,
    IReadOnlyList<Ref> AllegedActors,
    IReadOnlyList<Ref> Targets,
    IReadOnlyList<PlaceMentionDto> Places,
    VerificationDto Verification,
    IReadOnlyList<Ref> Sources,
    IReadOnlyList<string> Notes,
    [property: Description("The fields whose values are inferred from the context rather than stated by the sources.")] IReadOnlyList<string> Inferred,
    IReadOnlyList<ProvenanceDto> Provenance,
    SelfLinks Links);

/// <summary>A place a claim names, with the name the claim used for it.</summary>
public sealed record PlaceMentionDto(
    string Id,
    string Href,
    string NameAsReported,
    [property: Description("at: the claim is about the place itself; near: about somewhere near it.")] string Relation);

/// <summary>Who reviewed a claim and what they concluded.</summary>
public sealed record VerificationDto(
    [property: Description("unverified, disputed, corroborated, confirmed or refuted.")] string Status,
    string Reviewer,
    string? Note,
    DateOnly? ReviewedDate);

/// <summary>Public remarks that are neither a readout nor an event claim.</summary>
public sealed record StatementDto(
    string Id,
    [property: Description("Always `statement`.")] string Type,
    ActorRef Speaker,
    string Channel,
    DateOnly Date,
    string Quote,
    IReadOnlyList<Ref> Sources,
    IReadOnlyList<string> Notes,
    SelfLinks Links);

/// <summary>A person and the roles they held.</summary>
public sealed record PersonDto(
    string Id,
    [property: Description("Always `person`.")] string Type,
    string Name,
    IReadOnlyList<string> Aliases,
    Ref Country,
    IReadOnlyList<RoleDto> Roles,
    PersonLinks Links);

/// <summary>A role a person held; dates are null where no source gives them.</summary>
public sealed record RoleDto(string Title, Ref? Organization, DateOnly? From, DateOnly? To, IReadOnlyList<Ref> Sources);

/// <summary>A person's links, to the filtered collections that mention them.</summary>
public sealed record PersonLinks(string Self, string Readouts, string Claims, string Statements, string Timeline);

/// <summary>A government body, military organization or publisher.</summary>
public sealed record OrganizationDto(
    string Id,
    [property: Description("Always `organization`.")] string Type,
    string Name,
    IReadOnlyList<string> Aliases,
    string Kind,
    Ref? Country,
    [property: Description("The organization this one is part of (ISPR within the armed forces), or null.")] Ref? Parent,
    IReadOnlyList<Ref> Sources,
    OrganizationLinks Links);

/// <summary>An organization's links, to the filtered collections that mention it or the organizations within it.</summary>
public sealed record OrganizationLinks(string Self, string People, string Readouts, string Claims);

/// <summary>A country.</summary>
public sealed record CountryDto(
    [property: Description("The ISO 3166-1 alpha-2 code.")] string Id,
    [property: Description("Always `country`.")] string Type,
    string Code,
    string Name,
    CountryLinks Links);

/// <summary>A country's links, to the filtered collections that mention it.</summary>
public sealed record CountryLinks(string Self, string Readouts, string Claims, string Statements, string People, string Places);

/// <summary>A place: an air base or a city.</summary>
public sealed record PlaceDto(
    string Id,
    [property: Description("Always `place`.")] string Type,
    string Name,
    IReadOnlyList<string> Aliases,
    [property: Description("air-base or city.")] string Kind,
    Ref Country,
    string? Locality,
    string? Icao,
    CoordinatesDto? Coordinates,
    IReadOnlyList<string> Notes,
    IReadOnlyList<Ref> Sources,
    IReadOnlyList<ProvenanceDto> Provenance,
    PlaceLinks Links);

/// <summary>WGS 84 coordinates in decimal degrees.</summary>
public sealed record CoordinatesDto(double Latitude, double Longitude);

/// <summary>A place's links, to the filtered collections that mention it.</summary>
public sealed record PlaceLinks(string Self, string Claims, string Timeline);

/// <summary>A cited source: the seed article or a secondary source.</summary>
public sealed record SourceDto(
    string Id,
    [property: Description("Always `source`.")] string Type,
    string? Title,
    string Publisher,
    string? Url,
    DateOnly? Date,
    [property: Description("news-article, government-readout, broadcast, social-media-post or reference-work.")] string Kind,
    IReadOnlyList<string> Notes,
    SelfLinks Links);

/// <summary>One entry of the timeline: a readout, claim or statement in brief.</summary>
public sealed record TimelineItemDto(
    [property: Description("readout, claim or statement.")] string Type,
    string Id,
    DateOnly Date,
    string Summary,
    SelfLinks Links);

/// <summary>
/// Source-generated serializers for every response shape above and the envelopes (no reflection on the request path).
/// A new record type is listed here, beside its shape.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ApiIndex))]
[JsonSerializable(typeof(ListMeta))]
[JsonSerializable(typeof(ListLinks))]
[JsonSerializable(typeof(ListResponse<ReadoutDto>))]
[JsonSerializable(typeof(ListResponse<ClaimDto>))]
[JsonSerializable(typeof(ListResponse<StatementDto>))]
[JsonSerializable(typeof(ListResponse<PersonDto>))]
[JsonSerializable(typeof(ListResponse<OrganizationDto>))]
[JsonSerializable(typeof(ListResponse<CountryDto>))]
[JsonSerializable(typeof(ListResponse<PlaceDto>))]
[JsonSerializable(typeof(ListResponse<SourceDto>))]
[JsonSerializable(typeof(ListResponse<TimelineItemDto>))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
public sealed partial class ReadoutJsonContext : JsonSerializerContext;
