using System.Text.Json.Serialization.Metadata;
using Mapster;
using ReadoutApi.Contracts;
using ReadoutApi.Http;
using ReadoutApi.Querying;
using ReadoutApi.Seed;

namespace ReadoutApi.Collections;

/// <summary>Countries: <c>/v1/countries</c>, keyed by ISO 3166-1 alpha-2 code.</summary>
public sealed class CountriesModule : CollectionModule<CountryRecord, CountryDto>
{
    /// <inheritdoc />
    public override CollectionDescriptor Descriptor { get; } = new(
        "countries", "country", Dated: false, [], ["name", "id"], "name", CollectionDescriptor.AllFormats, "pakistan");

    /// <inheritdoc />
    public override CollectionDocs Docs { get; } = new(
        "Countries",
        "List countries",
        "The countries involved, by name. Codes are ISO 3166-1 alpha-2." + CollectionDocs.Querying,
        "Get one country",
        "A country by its ISO 3166-1 alpha-2 code (any case); `links` lead to everything that involves it.",
        "PK",
        TagDescription: "The countries involved, by ISO 3166-1 alpha-2 code.");

    /// <inheritdoc />
    protected override JsonTypeInfo<CountryDto> Json => ReadoutJsonContext.Default.CountryDto;

    /// <inheritdoc />
    protected override CsvColumns<CountryDto> Csv { get; } = new(
        ("code", c => c.Code),
        ("name", c => c.Name),
        ("href", c => c.Links.Self));

    /// <inheritdoc />
    public override void ConfigureMapping(TypeAdapterConfig config) =>
        config.NewConfig<CountryRecord, CountryDto>()
            .Map(d => d.Id, s => s.Code)
            .Map(d => d.Type, _ => "country")
            .Map(d => d.Links, s => new CountryLinks(
                Paths.Record("countries", s.Code),
                Paths.Filtered("readouts", "country", s.Code),
                Paths.Filtered("claims", "country", s.Code),
                Paths.Filtered("statements", "country", s.Code),
                Paths.Filtered("people", "country", s.Code),
                Paths.Filtered("places", "country", s.Code)));

    /// <inheritdoc />
    protected override IEnumerable<CountryRecord> Records(SeedData data, BuildContext context) => data.Countries;

    /// <inheritdoc />
    protected override CollectionDefinition<CountryRecord> Define(BuildContext context) => new()
    {
        Descriptor = Descriptor,
        Id = c => c.Code,
        SortKeys = new Dictionary<string, Func<CountryRecord, string?>> { ["name"] = c => c.Name },
        SearchText = c => [c.Name, c.Code],
    };
}
