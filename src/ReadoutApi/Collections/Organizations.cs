using System.Text.Json.Serialization.Metadata;
using Mapster;
using ReadoutApi.Contracts;
using ReadoutApi.Http;
using ReadoutApi.Querying;
using ReadoutApi.Seed;

namespace ReadoutApi.Collections;

/// <summary>Organizations: <c>/v1/organizations</c>.</summary>
public sealed class OrganizationsModule : CollectionModule<OrganizationRecord, OrganizationDto>
{
    /// <inheritdoc />
    public override CollectionDescriptor Descriptor { get; } = new(
        "organizations", "organization", Dated: false, [], ["name", "id"], "name", CollectionDescriptor.AllFormats, "pakistan");

    /// <inheritdoc />
    public override CollectionDocs Docs { get; } = new(
        "Organizations",
        "List organizations",
        "Government bodies, military organizations and publishers, by name." + CollectionDocs.Querying,
        "Get one organization",
        "An organization: name, aliases, kind, country and the organization it is part of (`parent`); `links` lead to its people, readouts and claims " +
        "(those of the organizations within it included).",
        "inter-services-public-relations",
        TagDescription: "Government bodies, military organizations and publishers.");

    /// <inheritdoc />
    public override ValueKind? AliasKind => ValueKind.Organization;

    /// <inheritdoc />
    protected override JsonTypeInfo<OrganizationDto> Json => ReadoutJsonContext.Default.OrganizationDto;

    /// <inheritdoc />
    protected override CsvColumns<OrganizationDto> Csv { get; } = new(
        ("id", o => o.Id),
        ("name", o => o.Name),
        ("aliases", o => CsvCells.Join(o.Aliases)),
        ("kind", o => o.Kind),
        ("country", o => o.Country?.Id),
        ("parent", o => o.Parent?.Id),
        ("sources", o => CsvCells.Join(o.Sources.Select(s => s.Id))),
        ("href", o => o.Links.Self));

    /// <inheritdoc />
    public override void ConfigureMapping(TypeAdapterConfig config) =>
        config.NewConfig<OrganizationRecord, OrganizationDto>()
            .Map(d => d.Type, _ => "organization")
            .Map(d => d.Country, s => s.CountryCode == null ? null : Ref.To("countries", s.CountryCode))
            .Map(d => d.Parent, s => s.ParentId == null ? null : Ref.To("organizations", s.ParentId))
            .Map(d => d.Sources, s => RecordRefs.Sources(s.SourceIds))
            .Map(d => d.Links, s => new OrganizationLinks(
                Paths.Record("organizations", s.Id),
                Paths.Filtered("people", "organization", s.Id),
                Paths.Filtered("readouts", "issuer", s.Id),
                Paths.Filtered("claims", "claimant", s.Id)));

    /// <inheritdoc />
    protected override IEnumerable<OrganizationRecord> Records(SeedData data, BuildContext context) => data.Organizations;

    /// <inheritdoc />
    protected override CollectionDefinition<OrganizationRecord> Define(BuildContext context)
    {
        var refs = context.References;
        return new()
        {
            Descriptor = Descriptor,
            Id = o => o.Id,
            SortKeys = new Dictionary<string, Func<OrganizationRecord, string?>> { ["name"] = o => o.Name },
            SearchText = o => [o.Name, .. o.Aliases, o.Kind, o.CountryCode is { } code ? refs.Countries[code].Name : null],
        };
    }
}
