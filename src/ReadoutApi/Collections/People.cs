using System.Text.Json.Serialization.Metadata;
using Mapster;
using ReadoutApi.Contracts;
using ReadoutApi.Http;
using ReadoutApi.Querying;
using ReadoutApi.Seed;

namespace ReadoutApi.Collections;

/// <summary>People: <c>/v1/people</c>.</summary>
public sealed class PeopleModule : CollectionModule<PersonRecord, PersonDto>
{
    /// <inheritdoc />
    public override CollectionDescriptor Descriptor { get; } = new(
        "people", "person", Dated: false,
        [
            new("country", "The person's country.", ValueKind.Country, "PK"),
            new("organization", "An organization the person held a role in, or one that organization is part of.", ValueKind.Organization, "pakistan-army"),
        ],
        ["name", "id"], "name", CollectionDescriptor.AllFormats, "munir");

    /// <inheritdoc />
    public override CollectionDocs Docs { get; } = new(
        "People",
        "List people",
        "The people the readouts, claims and statements involve, by name, with their roles." + CollectionDocs.Querying,
        "Get one person",
        "A person: name, aliases, country and roles (title, organization, dates where known); `links` lead to the readouts, claims, statements and timeline that mention them.",
        "asim-munir",
        TagDescription: "The people the readouts, claims and statements involve, with the roles they held.");

    /// <inheritdoc />
    public override ValueKind? AliasKind => ValueKind.Person;

    /// <inheritdoc />
    protected override JsonTypeInfo<PersonDto> Json => ReadoutJsonContext.Default.PersonDto;

    /// <inheritdoc />
    protected override CsvColumns<PersonDto> Csv { get; } = new(
        ("id", p => p.Id),
        ("name", p => p.Name),
        ("aliases", p => CsvCells.Join(p.Aliases)),
        ("country", p => p.Country.Id),
        ("roles", p => CsvCells.Join(p.Roles.Select(r => $"{r.Title}{(r.Organization is null ? "" : $" ({r.Organization.Id})")}{Span(r.From, r.To)}"))),
        ("href", p => p.Links.Self));

    /// <inheritdoc />
    public override void ConfigureMapping(TypeAdapterConfig config)
    {
        config.NewConfig<RoleRecord, RoleDto>()
            .Map(d => d.Organization, s => s.OrganizationId == null ? null : Ref.To("organizations", s.OrganizationId))
            .Map(d => d.Sources, s => RecordRefs.Sources(s.SourceIds));
        config.NewConfig<PersonRecord, PersonDto>()
            .Map(d => d.Type, _ => "person")
            .Map(d => d.Country, s => Ref.To("countries", s.CountryCode))
            .Map(d => d.Links, s => new PersonLinks(
                Paths.Record("people", s.Id),
                Paths.Filtered("readouts", "participant", s.Id),
                Paths.Filtered("claims", "claimant", s.Id),
                Paths.Filtered("statements", "speaker", s.Id),
                Paths.Filtered("timeline", "person", s.Id)));
    }

    /// <inheritdoc />
    protected override IEnumerable<PersonRecord> Records(SeedData data, BuildContext context) => data.People;

    /// <inheritdoc />
    protected override CollectionDefinition<PersonRecord> Define(BuildContext context)
    {
        var refs = context.References;
        return new()
        {
            Descriptor = Descriptor,
            Id = p => p.Id,
            FilterKeys = new Dictionary<string, Func<PersonRecord, IEnumerable<string>>>
            {
                ["country"] = p => [p.CountryCode],
                ["organization"] = p => p.Roles.Where(r => r.OrganizationId is not null).SelectMany(r => refs.WithParents(r.OrganizationId!)),
            },
            SortKeys = new Dictionary<string, Func<PersonRecord, string?>> { ["name"] = p => p.Name },
            SearchText = p => [p.Name, .. p.Aliases, .. p.Roles.Select(r => r.Title),
                .. p.Roles.Where(r => r.OrganizationId is not null).SelectMany(r => refs.NamesOf(new ActorRecord("organization", r.OrganizationId!))),
                refs.Countries[p.CountryCode].Name],
        };
    }

    private static string Span(DateOnly? from, DateOnly? to) =>
        from is null && to is null ? "" : $" [{CsvCells.Date(from) ?? "?"}..{CsvCells.Date(to) ?? ""}]";
}
