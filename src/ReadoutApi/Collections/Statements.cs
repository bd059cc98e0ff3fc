using System.Text.Json.Serialization.Metadata;
using Mapster;
using ReadoutApi.Contracts;
using ReadoutApi.Http;
using ReadoutApi.Querying;
using ReadoutApi.Seed;

namespace ReadoutApi.Collections;

/// <summary>Public statements: <c>/v1/statements</c>.</summary>
public sealed class StatementsModule : CollectionModule<StatementRecord, StatementDto>
{
    /// <inheritdoc />
    public override CollectionDescriptor Descriptor { get; } = new(
        "statements", "statement", Dated: true,
        [
            new("speaker", "Who spoke: a person, organization or country (id, alias or code).", ValueKind.Actor, "ishaq-dar"),
            new("country", "The speaker's country.", ValueKind.Country, "PK"),
        ],
        ["date", "id"], "-date", CollectionDescriptor.FeedFormats, "peace");

    /// <inheritdoc />
    public override CollectionDocs Docs { get; } = new(
        "Statements",
        "List public statements",
        "Public remarks that are neither readouts nor event claims, newest first: speaker, channel, date and the verbatim quote." + CollectionDocs.Querying,
        "Get one statement",
        "A statement: speaker, channel, date, verbatim quote and sources.",
        "2025-05-10-dar-iota-of-sanity",
        TagDescription: "Public remarks that are neither readouts nor event claims, quoted verbatim.");

    /// <inheritdoc />
    protected override JsonTypeInfo<StatementDto> Json => ReadoutJsonContext.Default.StatementDto;

    /// <inheritdoc />
    protected override CsvColumns<StatementDto> Csv { get; } = new(
        ("id", s => s.Id),
        ("date", s => CsvCells.Date(s.Date)),
        ("speakerKind", s => s.Speaker.Kind),
        ("speaker", s => s.Speaker.Id),
        ("channel", s => s.Channel),
        ("quote", s => s.Quote),
        ("sources", s => CsvCells.Join(s.Sources.Select(x => x.Id))),
        ("notes", s => CsvCells.Join(s.Notes)),
        ("href", s => s.Links.Self));

    /// <inheritdoc />
    public override void ConfigureMapping(TypeAdapterConfig config) =>
        config.NewConfig<StatementRecord, StatementDto>()
            .Map(d => d.Type, _ => "statement")
            .Map(d => d.Sources, s => RecordRefs.Sources(s.SourceIds))
            .Map(d => d.Links, s => new SelfLinks(Paths.Record("statements", s.Id)));

    /// <inheritdoc />
    protected override IEnumerable<StatementRecord> Records(SeedData data, BuildContext context) => data.Statements;

    /// <inheritdoc />
    protected override CollectionDefinition<StatementRecord> Define(BuildContext context)
    {
        var refs = context.References;
        return new()
        {
            Descriptor = Descriptor,
            Id = s => s.Id,
            Date = s => s.Date,
            FilterKeys = new Dictionary<string, Func<StatementRecord, IEnumerable<string>>>
            {
                ["speaker"] = s => [s.Speaker.Id],
                ["country"] = s => refs.CountryOf(s.Speaker) is { } code ? [code] : [],
            },
            SearchText = s => [s.Quote, s.Channel, .. s.Notes],
            SearchTokens = s => refs.TokensOf(s.Speaker),
        };
    }

    /// <inheritdoc />
    protected override AtomEntry Atom(StatementDto s, ReferenceLookups references)
    {
        var speaker = references.NameOf(new ActorRecord(s.Speaker.Kind, s.Speaker.Id));
        return new AtomEntry($"{speaker}: \u201c{s.Quote}\u201d", s.Quote, s.Date, speaker, s.Links.Self);
    }
}
