using System.Text.Json.Serialization.Metadata;
using Mapster;
using ReadoutApi.Contracts;
using ReadoutApi.Http;
using ReadoutApi.Querying;
using ReadoutApi.Seed;

namespace ReadoutApi.Collections;

/// <summary>Cited sources: <c>/v1/sources</c>.</summary>
public sealed class SourcesModule : CollectionModule<SourceRecord, SourceDto>
{
    /// <inheritdoc />
    public override CollectionDescriptor Descriptor { get; } = new(
        "sources", "source", Dated: true, [], ["title", "publisher", "date", "id"], "title", CollectionDescriptor.AllFormats, "munir");

    /// <inheritdoc />
    public override CollectionDocs Docs { get; } = new(
        "Sources",
        "List sources",
        "The seed article and every secondary source the data cites, by title." + CollectionDocs.Querying,
        "Get one source",
        "A source: title, publisher, URL and date where known, kind, and notes on what it confirms.",
        "the-finance-360-rubio-mediation",
        TagDescription: "The seed news article and every secondary source the data cites.");

    /// <inheritdoc />
    protected override JsonTypeInfo<SourceDto> Json => ReadoutJsonContext.Default.SourceDto;

    /// <inheritdoc />
    protected override CsvColumns<SourceDto> Csv { get; } = new(
        ("id", s => s.Id),
        ("title", s => s.Title),
        ("publisher", s => s.Publisher),
        ("url", s => s.Url),
        ("date", s => CsvCells.Date(s.Date)),
        ("kind", s => s.Kind),
        ("notes", s => CsvCells.Join(s.Notes)),
        ("href", s => s.Links.Self));

    /// <inheritdoc />
    public override void ConfigureMapping(TypeAdapterConfig config) =>
        config.NewConfig<SourceRecord, SourceDto>()
            .Map(d => d.Type, _ => "source")
            .Map(d => d.Links, s => new SelfLinks(Paths.Record("sources", s.Id)));

    /// <inheritdoc />
    protected override IEnumerable<SourceRecord> Records(SeedData data, BuildContext context) => data.Sources;

    /// <inheritdoc />
    protected override CollectionDefinition<SourceRecord> Define(BuildContext context) => new()
    {
        Descriptor = Descriptor,
        Id = s => s.Id,
        Date = s => s.Date,
        SortKeys = new Dictionary<string, Func<SourceRecord, string?>>
        {
            ["title"] = s => s.Title,
            ["publisher"] = s => s.Publisher,
        },
        SearchText = s => [s.Title, s.Publisher, s.Url, .. s.Notes],
    };
}
