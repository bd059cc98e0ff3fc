using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using Mapster;
using ReadoutApi.Contracts;
using ReadoutApi.Http;
using ReadoutApi.Querying;
using ReadoutApi.Seed;

namespace ReadoutApi.Collections;

/// <summary>Places: <c>/v1/places</c>.</summary>
public sealed class PlacesModule : CollectionModule<PlaceRecord, PlaceDto>
{
    /// <inheritdoc />
    public override CollectionDescriptor Descriptor { get; } = new(
        "places", "place", Dated: false,
        [
            new("country", "The place's country.", ValueKind.Country, "PK"),
            new("kind", "The kind of place.", ValueKind.Vocabulary, "air-base", Vocabulary.PlaceKinds),
        ],
        ["name", "id", "kind"], "name", CollectionDescriptor.AllFormats, "shorkot");

    /// <inheritdoc />
    public override CollectionDocs Docs { get; } = new(
        "Places",
        "List places",
        "Air bases and cities the claims name, by name, with aliases (Shorkot Air Base is PAF Base Rafiqui)." + CollectionDocs.Querying,
        "Get one place",
        "A place: name, aliases, kind, country, locality, ICAO code and coordinates where confirmed (null otherwise); `links.claims` lists the claims naming it.",
        "nur-khan-air-base",
        TagDescription: "Air bases and cities the claims name, with their aliases.");

    /// <inheritdoc />
    public override ValueKind? AliasKind => ValueKind.Place;

    /// <inheritdoc />
    protected override JsonTypeInfo<PlaceDto> Json => ReadoutJsonContext.Default.PlaceDto;

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string> CsvFieldsOfColumns { get; } =
        new Dictionary<string, string> { ["latitude"] = "coordinates", ["longitude"] = "coordinates" };

    /// <inheritdoc />
    protected override CsvColumns<PlaceDto> Csv { get; } = new(
        ("id", p => p.Id),
        ("name", p => p.Name),
        ("aliases", p => CsvCells.Join(p.Aliases)),
        ("kind", p => p.Kind),
        ("country", p => p.Country.Id),
        ("locality", p => p.Locality),
        ("icao", p => p.Icao),
        ("latitude", p => p.Coordinates?.Latitude.ToString(CultureInfo.InvariantCulture)),
        ("longitude", p => p.Coordinates?.Longitude.ToString(CultureInfo.InvariantCulture)),
        ("notes", p => CsvCells.Join(p.Notes)),
        ("sources", p => CsvCells.Join(p.Sources.Select(s => s.Id))),
        ("provenance", p => CsvCells.Join(p.Provenance.Select(v => $"{v.Field}: {v.Source.Id}"))),
        ("href", p => p.Links.Self));

    /// <inheritdoc />
    public override void ConfigureMapping(TypeAdapterConfig config) =>
        config.NewConfig<PlaceRecord, PlaceDto>()
            .Map(d => d.Type, _ => "place")
            .Map(d => d.Country, s => Ref.To("countries", s.CountryCode))
            .Map(d => d.Sources, s => RecordRefs.Sources(s.SourceIds))
            .Map(d => d.Links, s => new PlaceLinks(
                Paths.Record("places", s.Id),
                Paths.Filtered("claims", "place", s.Id),
                Paths.Filtered("timeline", "place", s.Id)));

    /// <inheritdoc />
    protected override IEnumerable<PlaceRecord> Records(SeedData data, BuildContext context) => data.Places;

    /// <inheritdoc />
    protected override CollectionDefinition<PlaceRecord> Define(BuildContext context)
    {
        var refs = context.References;
        return new()
        {
            Descriptor = Descriptor,
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
    }
}
