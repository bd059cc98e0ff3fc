using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace ReadoutApi.Contracts;

// The public shapes of the API. References to other records are ids plus links, never copies (References.cs).

/// <summary>A government's readout of a call.</summary>
/// <param name="Id">The readout's id: its date, <c>rubio</c> and the counterpart (<c>2025-05-10-rubio-jaishankar</c>).</param>
/// <param name="Type">Always <c>readout</c>.</param>
/// <param name="Title">The readout's title as issued.</param>
/// <param name="Date">The date of the call (YYYY-MM-DD).</param>
/// <param name="DatePrecision">How precisely the date is known: day, month or year.</param>
/// <param name="Issuer">The organization that issued the readout.</param>
/// <param name="Participants">The parties to the call, with the roles they held then.</param>
/// <param name="Topics">What the call covered, as lowercase slugs (<c>de-escalation</c>).</param>
/// <param name="Points">What the readout says, point by point, each with its verbatim quote.</param>
/// <param name="ReportedWording">The wording news outlets reported for the readout, where it differs; null otherwise.</param>
/// <param name="Sources">The sources the readout is taken from.</param>
/// <param name="Notes">Where sources disagree or something is uncertain; empty when nothing is.</param>
/// <param name="Provenance">Which source supports which field, where the record's sources give different fields; empty when one source gives all.</param>
/// <param name="Links">This readout's URL.</param>
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
    SelfLinks Links) : VersionedRecord;

/// <summary>Which source supports which field, where a record's sources give different fields.</summary>
/// <param name="Field">The field, by its name in this API.</param>
/// <param name="Source">The source that gives it (one of the record's sources).</param>
public sealed record ProvenanceDto(string Field, Ref Source);

/// <summary>A party to a call, with the role held then.</summary>
/// <param name="Person">The person.</param>
/// <param name="Role">The role the person held at the time of the call.</param>
/// <param name="Country">The country the person spoke for.</param>
public sealed record ParticipantDto(Ref Person, string Role, Ref Country);

/// <summary>One point of a readout, with its verbatim quote and where it is quoted.</summary>
/// <param name="Text">The point, in a sentence.</param>
/// <param name="Quote">The readout's own words for this point, verbatim.</param>
/// <param name="Source">The source that quotes it.</param>
/// <param name="WordingOf">The readout whose words the quote is, when the source gives this call the wording of another call's readout; absent otherwise.</param>
public sealed record PointDto(
    string Text,
    string Quote,
    Ref Source,
    // Absent rather than null: OpenAPI 3.0 cannot say "a Ref or null" so that validators accept a null example.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    Ref? WordingOf);

/// <summary>The readout's wording as news outlets quoted it.</summary>
/// <param name="Quote">The wording as reported, verbatim.</param>
/// <param name="Attribution">Who the outlet attributed the wording to.</param>
/// <param name="Source">The outlet's report.</param>
public sealed record ReportedWordingDto(string Quote, string Attribution, Ref Source);

/// <summary>An assertion about a military event, with its verification status.</summary>
/// <param name="Id">The claim's id: its date and a slug of what it claims.</param>
/// <param name="Type">Always <c>claim</c>.</param>
/// <param name="Text">What was claimed, in a sentence.</param>
/// <param name="Quote">The claimant's verbatim words, or null where the source paraphrases.</param>
/// <param name="Claimant">Who made the claim: a person, organization or country.</param>
/// <param name="OnBehalfOf">Whom the claimant spoke for (a spokesman's government or army), or null when they spoke for themselves.</param>
/// <param name="Channel">statement, state-television-broadcast, social-media-post or interview; null where not reported.</param>
/// <param name="Date">The date of the claim (YYYY-MM-DD).</param>
/// <param name="EventKind">The primary kind of event claimed (the first of <c>eventKinds</c>): strike, interception, damage-assessment, retaliation or accusation.</param>
/// <param name="EventKinds">Every kind of event the claim asserts, each once, the primary kind first.</param>
/// <param name="AllegedActors">The countries the claim says acted.</param>
/// <param name="Targets">The countries the claim says were targeted.</param>
/// <param name="Places">The places the claim names, each with the name the claim used.</param>
/// <param name="Verification">Who reviewed the claim and what they concluded.</param>
/// <param name="Sources">The sources that report the claim.</param>
/// <param name="Notes">Where sources disagree or something is uncertain; empty when nothing is.</param>
/// <param name="Inferred">The fields whose values are inferred from the context rather than stated by the sources (e.g. <c>targets</c>).</param>
/// <param name="Provenance">Which source supports which field, where the record's sources give different fields; empty when one source gives all.</param>
/// <param name="Links">This claim's URL.</param>
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
    SelfLinks Links) : VersionedRecord;

/// <summary>A place a claim names, with the name the claim used for it.</summary>
/// <param name="Id">The place's id.</param>
/// <param name="Href">The place's URL.</param>
/// <param name="NameAsReported">The name the claim used (<c>Shorkot Air Base</c> for PAF Base Rafiqui).</param>
/// <param name="Relation">at: the claim is about the place itself; near: about somewhere near it.</param>
public sealed record PlaceMentionDto(string Id, string Href, string NameAsReported, string Relation);

/// <summary>Who reviewed a claim and what they concluded.</summary>
/// <param name="Status">unverified, disputed, corroborated, confirmed or refuted (the vocabulary of schema.org ClaimReview).</param>
/// <param name="Reviewer">Who reviewed the claim.</param>
/// <param name="Note">What the reviewer said, or null.</param>
/// <param name="ReviewedDate">When it was reviewed (YYYY-MM-DD), or null where not known.</param>
public sealed record VerificationDto(
    [property: Description("unverified, disputed, corroborated, confirmed or refuted.")] string Status,
    string Reviewer,
    string? Note,
    DateOnly? ReviewedDate);

/// <summary>Public remarks that are neither a readout nor an event claim.</summary>
/// <param name="Id">The statement's id: its date and a slug of the speaker and the remark.</param>
/// <param name="Type">Always <c>statement</c>.</param>
/// <param name="Speaker">Who spoke: a person, organization or country.</param>
/// <param name="Channel">Where it was said: statement, state-television-broadcast, social-media-post or interview.</param>
/// <param name="Date">The date of the statement (YYYY-MM-DD).</param>
/// <param name="Quote">The speaker's words, verbatim.</param>
/// <param name="Sources">The sources that report the statement.</param>
/// <param name="Notes">Where sources disagree or something is uncertain; empty when nothing is.</param>
/// <param name="Links">This statement's URL.</param>
public sealed record StatementDto(
    string Id,
    [property: Description("Always `statement`.")] string Type,
    ActorRef Speaker,
    string Channel,
    DateOnly Date,
    string Quote,
    IReadOnlyList<Ref> Sources,
    IReadOnlyList<string> Notes,
    SelfLinks Links) : VersionedRecord;

/// <summary>A person and the roles they held.</summary>
/// <param name="Id">The person's id, a slug of the name (<c>marco-rubio</c>).</param>
/// <param name="Type">Always <c>person</c>.</param>
/// <param name="Name">The person's name.</param>
/// <param name="Aliases">Other names the sources use; filters accept them too.</param>
/// <param name="Country">The person's country.</param>
/// <param name="Roles">The roles the person held.</param>
/// <param name="Links">This person's URL and the filtered collections that mention them.</param>
public sealed record PersonDto(
    string Id,
    [property: Description("Always `person`.")] string Type,
    string Name,
    IReadOnlyList<string> Aliases,
    Ref Country,
    IReadOnlyList<RoleDto> Roles,
    PersonLinks Links) : VersionedRecord;

/// <summary>A role a person held; dates are null where no source gives them.</summary>
/// <param name="Title">The role's title (<c>Secretary of State</c>).</param>
/// <param name="Organization">The organization the role is in, or null.</param>
/// <param name="From">When the role began (YYYY-MM-DD), or null where no source gives it.</param>
/// <param name="To">When it ended (YYYY-MM-DD), or null while held or where no source gives it.</param>
/// <param name="Sources">The sources for the role.</param>
public sealed record RoleDto(string Title, Ref? Organization, DateOnly? From, DateOnly? To, IReadOnlyList<Ref> Sources);

/// <summary>A government body, military organization or publisher.</summary>
/// <param name="Id">The organization's id, a slug of the name.</param>
/// <param name="Type">Always <c>organization</c>.</param>
/// <param name="Name">The organization's name.</param>
/// <param name="Aliases">Other names and abbreviations (<c>ISPR</c>); filters accept them too.</param>
/// <param name="Kind">What kind of organization it is (a government body, a military, a publisher).</param>
/// <param name="Country">The organization's country, or null for one that has none.</param>
/// <param name="Sources">The sources for it.</param>
/// <param name="Parent">The organization this one is part of (ISPR within the armed forces), or null.</param>
/// <param name="Links">This organization's URL and the filtered collections that mention it.</param>
public sealed record OrganizationDto(
    string Id,
    [property: Description("Always `organization`.")] string Type,
    string Name,
    IReadOnlyList<string> Aliases,
    string Kind,
    Ref? Country,
    [property: Description("The organization this one is part of (ISPR within the armed forces), or null.")] Ref? Parent,
    IReadOnlyList<Ref> Sources,
    OrganizationLinks Links) : VersionedRecord;

/// <summary>A country.</summary>
/// <param name="Id">The ISO 3166-1 alpha-2 code.</param>
/// <param name="Type">Always <c>country</c>.</param>
/// <param name="Code">The ISO 3166-1 alpha-2 code (the same as the id).</param>
/// <param name="Name">The country's short name.</param>
/// <param name="Links">This country's URL and the filtered collections that involve it.</param>
public sealed record CountryDto(
    [property: Description("The ISO 3166-1 alpha-2 code.")] string Id,
    [property: Description("Always `country`.")] string Type,
    string Code,
    string Name,
    CountryLinks Links) : VersionedRecord;

/// <summary>A place: an air base or a city.</summary>
/// <param name="Id">The place's id, a slug of the name (<c>rafiqui-air-base</c>).</param>
/// <param name="Type">Always <c>place</c>.</param>
/// <param name="Name">The place's name.</param>
/// <param name="Aliases">Other names (<c>Shorkot Air Base</c>); filters accept them too.</param>
/// <param name="Kind">air-base or city.</param>
/// <param name="Country">The country it is in.</param>
/// <param name="Locality">The town or district it is in, or null.</param>
/// <param name="Icao">Its ICAO airport code, or null.</param>
/// <param name="Coordinates">Where it is, or null where no source confirms it.</param>
/// <param name="Notes">Where sources disagree or something is uncertain; empty when nothing is.</param>
/// <param name="Sources">The sources for it.</param>
/// <param name="Provenance">Which source supports which field, where the record's sources give different fields; empty when one source gives all.</param>
/// <param name="Links">This place's URL and the filtered collections that mention it.</param>
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
    PlaceLinks Links) : VersionedRecord;

/// <summary>WGS 84 coordinates in decimal degrees.</summary>
/// <param name="Latitude">Degrees north (negative: south).</param>
/// <param name="Longitude">Degrees east (negative: west).</param>
public sealed record CoordinatesDto(double Latitude, double Longitude);

/// <summary>A cited source: the seed article or a secondary source.</summary>
/// <param name="Id">The source's id, a slug of the publisher and title.</param>
/// <param name="Type">Always <c>source</c>.</param>
/// <param name="Title">The title, or null where it has none.</param>
/// <param name="Publisher">Who published it.</param>
/// <param name="Url">Where it is, or null where it has no address.</param>
/// <param name="Date">When it was published (YYYY-MM-DD), or null where not known.</param>
/// <param name="Kind">news-article, government-readout, broadcast, social-media-post or reference-work.</param>
/// <param name="Notes">What it confirms, and any doubt about it.</param>
/// <param name="Links">This source's URL.</param>
public sealed record SourceDto(
    string Id,
    [property: Description("Always `source`.")] string Type,
    string? Title,
    string Publisher,
    string? Url,
    DateOnly? Date,
    [property: Description("news-article, government-readout, broadcast, social-media-post or reference-work.")] string Kind,
    IReadOnlyList<string> Notes,
    SelfLinks Links) : VersionedRecord;

/// <summary>One entry of the timeline: a readout, claim or statement in brief.</summary>
/// <param name="Type">readout, claim or statement.</param>
/// <param name="Id">The record's id in its own collection.</param>
/// <param name="Date">The record's date (YYYY-MM-DD).</param>
/// <param name="Summary">The record in one line.</param>
/// <param name="Links">The record's URL in its own collection.</param>
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
[JsonSerializable(typeof(RecordMeta))]
[JsonSerializable(typeof(ChangesResponse))]
public sealed partial class ReadoutJsonContext : JsonSerializerContext;
