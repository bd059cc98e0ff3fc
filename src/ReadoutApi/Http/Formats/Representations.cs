using System.Globalization;
using ReadoutApi.Contracts;
using ReadoutApi.Data;
using ReadoutApi.Seed;

namespace ReadoutApi.Http.Formats;

/// <summary>How a record type renders in every format besides the JSON envelope.</summary>
/// <typeparam name="TDto">The record type.</typeparam>
/// <param name="Title">The feed title and CSV file name stem.</param>
/// <param name="Csv">The CSV columns.</param>
/// <param name="Atom">The Atom entry of a record, for the collections that have feeds.</param>
public sealed record Representation<TDto>(
    string Title, CsvColumns<TDto> Csv, Func<TDto, ReferenceLookups, AtomEntry>? Atom = null);

/// <summary>The representations of every collection.</summary>
public static class Representations
{
    /// <summary>Readouts.</summary>
    public static readonly Representation<ReadoutDto> Readouts = new(
        "readouts",
        new(
            ("id", r => r.Id),
            ("date", r => Date(r.Date)),
            ("datePrecision", r => r.DatePrecision),
            ("title", r => r.Title),
            ("issuer", r => r.Issuer.Id),
            ("participants", r => CsvColumns<ReadoutDto>.Join(r.Participants.Select(p => p.Person.Id))),
            ("roles", r => CsvColumns<ReadoutDto>.Join(r.Participants.Select(p => $"{p.Person.Id}: {p.Role}"))),
            ("countries", r => CsvColumns<ReadoutDto>.Join(r.Participants.Select(p => p.Country.Id).Distinct())),
            ("topics", r => CsvColumns<ReadoutDto>.Join(r.Topics)),
            ("quotes", r => CsvColumns<ReadoutDto>.Join(r.Points.Select(p => p.Quote))),
            ("reportedWording", r => r.ReportedWording?.Quote),
            ("sources", r => CsvColumns<ReadoutDto>.Join(r.Sources.Select(s => s.Id))),
            ("notes", r => CsvColumns<ReadoutDto>.Join(r.Notes)),
            ("href", r => r.Links.Self)),
        (r, refs) => new AtomEntry(
            r.Title, string.Join(" ", r.Points.Select(p => p.Text)), r.Date, refs.Organizations[r.Issuer.Id].Name, r.Links.Self));

    /// <summary>Claims.</summary>
    public static readonly Representation<ClaimDto> Claims = new(
        "claims",
        new(
            ("id", c => c.Id),
            ("date", c => Date(c.Date)),
            ("text", c => c.Text),
            ("quote", c => c.Quote),
            ("claimantKind", c => c.Claimant.Kind),
            ("claimant", c => c.Claimant.Id),
            ("onBehalfOf", c => c.OnBehalfOf?.Id),
            ("channel", c => c.Channel),
            ("eventKind", c => c.EventKind),
            ("allegedActors", c => CsvColumns<ClaimDto>.Join(c.AllegedActors.Select(a => a.Id))),
            ("targets", c => CsvColumns<ClaimDto>.Join(c.Targets.Select(t => t.Id))),
            ("places", c => CsvColumns<ClaimDto>.Join(c.Places.Select(p => p.Id))),
            ("placeNamesAsReported", c => CsvColumns<ClaimDto>.Join(c.Places.Select(p => p.NameAsReported))),
            ("verificationStatus", c => c.Verification.Status),
            ("verificationReviewer", c => c.Verification.Reviewer),
            ("verificationNote", c => c.Verification.Note),
            ("reviewedDate", c => c.Verification.ReviewedDate is { } d ? Date(d) : null),
            ("sources", c => CsvColumns<ClaimDto>.Join(c.Sources.Select(s => s.Id))),
            ("notes", c => CsvColumns<ClaimDto>.Join(c.Notes)),
            ("href", c => c.Links.Self)),
        (c, refs) => new AtomEntry(
            c.Text,
            $"{(c.Quote is null ? c.Text : $"\u201c{c.Quote}\u201d")} Verification: {c.Verification.Status} ({c.Verification.Reviewer}).",
            c.Date, refs.NameOf(new ActorRecord(c.Claimant.Kind, c.Claimant.Id)), c.Links.Self));

    /// <summary>Statements.</summary>
    public static readonly Representation<StatementDto> Statements = new(
        "statements",
        new(
            ("id", s => s.Id),
            ("date", s => Date(s.Date)),
            ("speakerKind", s => s.Speaker.Kind),
            ("speaker", s => s.Speaker.Id),
            ("channel", s => s.Channel),
            ("quote", s => s.Quote),
            ("sources", s => CsvColumns<StatementDto>.Join(s.Sources.Select(x => x.Id))),
            ("notes", s => CsvColumns<StatementDto>.Join(s.Notes)),
            ("href", s => s.Links.Self)),
        (s, refs) =>
        {
            var speaker = refs.NameOf(new ActorRecord(s.Speaker.Kind, s.Speaker.Id));
            return new AtomEntry($"{speaker}: \u201c{s.Quote}\u201d", s.Quote, s.Date, speaker, s.Links.Self);
        });

    /// <summary>People.</summary>
    public static readonly Representation<PersonDto> People = new(
        "people",
        new(
            ("id", p => p.Id),
            ("name", p => p.Name),
            ("aliases", p => CsvColumns<PersonDto>.Join(p.Aliases)),
            ("country", p => p.Country.Id),
            ("roles", p => CsvColumns<PersonDto>.Join(p.Roles.Select(r => $"{r.Title}{(r.Organization is null ? "" : $" ({r.Organization.Id})")}{Span(r.From, r.To)}"))),
            ("href", p => p.Links.Self)));

    /// <summary>Organizations.</summary>
    public static readonly Representation<OrganizationDto> Organizations = new(
        "organizations",
        new(
            ("id", o => o.Id),
            ("name", o => o.Name),
            ("aliases", o => CsvColumns<OrganizationDto>.Join(o.Aliases)),
            ("kind", o => o.Kind),
            ("country", o => o.Country?.Id),
            ("sources", o => CsvColumns<OrganizationDto>.Join(o.Sources.Select(s => s.Id))),
            ("href", o => o.Links.Self)));

    /// <summary>Countries.</summary>
    public static readonly Representation<CountryDto> Countries = new(
        "countries",
        new(
            ("code", c => c.Code),
            ("name", c => c.Name),
            ("href", c => c.Links.Self)));

    /// <summary>Places.</summary>
    public static readonly Representation<PlaceDto> Places = new(
        "places",
        new(
            ("id", p => p.Id),
            ("name", p => p.Name),
            ("aliases", p => CsvColumns<PlaceDto>.Join(p.Aliases)),
            ("kind", p => p.Kind),
            ("country", p => p.Country.Id),
            ("locality", p => p.Locality),
            ("icao", p => p.Icao),
            ("latitude", p => p.Coordinates?.Latitude.ToString(CultureInfo.InvariantCulture)),
            ("longitude", p => p.Coordinates?.Longitude.ToString(CultureInfo.InvariantCulture)),
            ("notes", p => CsvColumns<PlaceDto>.Join(p.Notes)),
            ("sources", p => CsvColumns<PlaceDto>.Join(p.Sources.Select(s => s.Id))),
            ("href", p => p.Links.Self)));

    /// <summary>Sources.</summary>
    public static readonly Representation<SourceDto> Sources = new(
        "sources",
        new(
            ("id", s => s.Id),
            ("title", s => s.Title),
            ("publisher", s => s.Publisher),
            ("url", s => s.Url),
            ("date", s => s.Date is { } d ? Date(d) : null),
            ("kind", s => s.Kind),
            ("notes", s => CsvColumns<SourceDto>.Join(s.Notes)),
            ("href", s => s.Links.Self)));

    /// <summary>The timeline.</summary>
    public static readonly Representation<TimelineItemDto> Timeline = new(
        "timeline",
        new(
            ("type", t => t.Type),
            ("id", t => t.Id),
            ("date", t => Date(t.Date)),
            ("summary", t => t.Summary),
            ("href", t => t.Links.Self)),
        (t, _) => new AtomEntry(t.Summary, $"{t.Type}: {t.Summary}", t.Date, "ReadoutApi", t.Links.Self));

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Span(DateOnly? from, DateOnly? to) =>
        from is null && to is null ? "" : $" [{(from is { } f ? Date(f) : "?")}..{(to is { } t ? Date(t) : "")}]";
}
