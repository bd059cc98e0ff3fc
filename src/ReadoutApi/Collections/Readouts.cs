using System.Text.Json.Serialization.Metadata;
using Mapster;
using ReadoutApi.Contracts;
using ReadoutApi.Http;
using ReadoutApi.Querying;
using ReadoutApi.Seed;

namespace ReadoutApi.Collections;

/// <summary>Readouts of calls: <c>/v1/readouts</c>.</summary>
public sealed class ReadoutsModule : CollectionModule<ReadoutRecord, ReadoutDto>
{
    /// <inheritdoc />
    public override CollectionDescriptor Descriptor { get; } = new(
        "readouts", "readout", Dated: true,
        [
            new("participant", "A participant's person id or alias.", ValueKind.Person, "subrahmanyam-jaishankar"),
            new("country", "A participant's country (ISO 3166-1 alpha-2, any case).", ValueKind.Country, "IN"),
            new("topic", "A topic of the call.", ValueKind.Indexed, "de-escalation"),
            new("issuer", "The organization that issued the readout (id or alias).", ValueKind.Organization, "us-department-of-state"),
        ],
        ["date", "id", "title"], "-date", CollectionDescriptor.FeedFormats, "jaishankar");

    /// <inheritdoc />
    public override CollectionDocs Docs { get; } = new(
        "Readouts",
        "List readouts of calls",
        "The U.S. State Department's readouts of Secretary Rubio's calls with Indian and Pakistani officials in May 2025, newest first: " +
        "participants with the roles they held, points with verbatim quotes and their sources, and the wording news outlets reported." + CollectionDocs.Querying,
        "Get one readout",
        "A readout: date and its precision, issuer, participants, topics, points (each with the verbatim quote and its source), " +
        "the reported wording where known, sources, and notes where sources disagree.",
        "2025-05-10-rubio-jaishankar",
        TagDescription: "The U.S. State Department's readouts of Secretary Rubio's May 2025 calls with Jaishankar, Dar and Munir.");

    /// <inheritdoc />
    protected override JsonTypeInfo<ReadoutDto> Json => ReadoutJsonContext.Default.ReadoutDto;

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string> CsvFieldsOfColumns { get; } =
        new Dictionary<string, string> { ["roles"] = "participants", ["countries"] = "participants", ["quotes"] = "points" };

    /// <inheritdoc />
    protected override CsvColumns<ReadoutDto> Csv { get; } = new(
        ("id", r => r.Id),
        ("date", r => CsvCells.Date(r.Date)),
        ("datePrecision", r => r.DatePrecision),
        ("title", r => r.Title),
        ("issuer", r => r.Issuer.Id),
        ("participants", r => CsvCells.Join(r.Participants.Select(p => p.Person.Id))),
        ("roles", r => CsvCells.Join(r.Participants.Select(p => $"{p.Person.Id}: {p.Role}"))),
        ("countries", r => CsvCells.Join(r.Participants.Select(p => p.Country.Id).Distinct())),
        ("topics", r => CsvCells.Join(r.Topics)),
        ("quotes", r => CsvCells.Join(r.Points.Select(p => p.Quote))),
        ("reportedWording", r => r.ReportedWording?.Quote),
        ("sources", r => CsvCells.Join(r.Sources.Select(s => s.Id))),
        ("notes", r => CsvCells.Join(r.Notes)),
        ("provenance", r => CsvCells.Join(r.Provenance.Select(p => $"{p.Field}: {p.Source.Id}"))),
        ("href", r => r.Links.Self));

    /// <inheritdoc />
    public override void ConfigureMapping(TypeAdapterConfig config)
    {
        config.NewConfig<ParticipantRecord, ParticipantDto>()
            .Map(d => d.Person, s => Ref.To("people", s.PersonId))
            .Map(d => d.Country, s => Ref.To("countries", s.CountryCode));
        config.NewConfig<PointRecord, PointDto>()
            .Map(d => d.Source, s => Ref.To("sources", s.SourceId))
            .Map(d => d.WordingOf, s => s.WordingOf == null ? null : Ref.To("readouts", s.WordingOf));
        config.NewConfig<ReportedWordingRecord, ReportedWordingDto>()
            .Map(d => d.Source, s => Ref.To("sources", s.SourceId));
        config.NewConfig<ReadoutRecord, ReadoutDto>()
            .Map(d => d.Type, _ => "readout")
            .Map(d => d.Issuer, s => Ref.To("organizations", s.IssuerId))
            .Map(d => d.Sources, s => RecordRefs.Sources(s.SourceIds))
            .Map(d => d.Links, s => new SelfLinks(Paths.Record("readouts", s.Id)));
    }

    /// <inheritdoc />
    protected override IEnumerable<ReadoutRecord> Records(SeedData data, BuildContext context) => data.Readouts;

    /// <inheritdoc />
    protected override CollectionDefinition<ReadoutRecord> Define(BuildContext context)
    {
        var refs = context.References;
        return new()
        {
            Descriptor = Descriptor,
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
            SearchText = Text,
            SearchTokens = r => Links(r, refs),
        };
    }

    /// <inheritdoc />
    protected override AtomEntry Atom(ReadoutDto r, ReferenceLookups references) => new(
        r.Title, string.Join(" ", r.Points.Select(p => p.Text)), r.Date, references.Organizations[r.Issuer.Id].Name, r.Links.Self);

    // The texts and linked tokens of the large collections are yielded one by one: building arrays of them would allocate
    // several objects per record, at 100,000 records on the start-up path.
    private static IEnumerable<string?> Text(ReadoutRecord r)
    {
        yield return r.Title;
        foreach (var text in r.Topics.Concat(r.Notes))
        {
            yield return text;
        }

        for (var i = 0; i < r.Points.Count; i++)
        {
            yield return r.Points[i].Text;
            yield return r.Points[i].Quote;
        }

        yield return r.ReportedWording?.Quote;
        for (var i = 0; i < r.Participants.Count; i++)
        {
            yield return r.Participants[i].Role;
        }
    }

    private static IEnumerable<string> Links(ReadoutRecord r, ReferenceLookups refs)
    {
        foreach (var token in refs.TokensOf(new ActorRecord("organization", r.IssuerId)))
        {
            yield return token;
        }

        for (var i = 0; i < r.Participants.Count; i++)
        {
            foreach (var token in refs.TokensOf(new ActorRecord("person", r.Participants[i].PersonId)).Concat(refs.CountryNameTokens(r.Participants[i].CountryCode)))
            {
                yield return token;
            }
        }
    }
}
