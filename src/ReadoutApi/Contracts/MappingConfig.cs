using Mapster;
using ReadoutApi.Data;
using ReadoutApi.Seed;

namespace ReadoutApi.Contracts;

/// <summary>The one Mapster configuration that turns seed records into response DTOs.</summary>
public static class MappingConfig
{
    /// <summary>Builds and compiles the configuration, so a mapping mistake fails at start, not on a request.</summary>
    public static TypeAdapterConfig Create()
    {
        var config = new TypeAdapterConfig();
        config.Default.MapToConstructor(true);

        config.NewConfig<ActorRecord, ActorRef>()
            .Map(d => d.Href, s => Paths.Record(Paths.ActorCollection(s.Kind), s.Id));
        config.NewConfig<ParticipantRecord, ParticipantDto>()
            .Map(d => d.Person, s => Ref.To("people", s.PersonId))
            .Map(d => d.Country, s => Ref.To("countries", s.CountryCode));
        config.NewConfig<PointRecord, PointDto>()
            .Map(d => d.Source, s => Ref.To("sources", s.SourceId));
        config.NewConfig<ReportedWordingRecord, ReportedWordingDto>()
            .Map(d => d.Source, s => Ref.To("sources", s.SourceId));
        config.NewConfig<PlaceMentionRecord, PlaceMentionDto>()
            .Map(d => d.Id, s => s.PlaceId)
            .Map(d => d.Href, s => Paths.Record("places", s.PlaceId));
        config.NewConfig<RoleRecord, RoleDto>()
            .Map(d => d.Organization, s => s.OrganizationId == null ? null : Ref.To("organizations", s.OrganizationId))
            .Map(d => d.Sources, s => SourceRefs(s.SourceIds));

        config.NewConfig<ReadoutRecord, ReadoutDto>()
            .Map(d => d.Type, _ => "readout")
            .Map(d => d.Issuer, s => Ref.To("organizations", s.IssuerId))
            .Map(d => d.Sources, s => SourceRefs(s.SourceIds))
            .Map(d => d.Links, s => new SelfLinks(Paths.Record("readouts", s.Id)));
        config.NewConfig<ClaimRecord, ClaimDto>()
            .Map(d => d.Type, _ => "claim")
            .Map(d => d.AllegedActors, s => CountryRefs(s.AllegedActors))
            .Map(d => d.Targets, s => CountryRefs(s.Targets))
            .Map(d => d.Sources, s => SourceRefs(s.SourceIds))
            .Map(d => d.Links, s => new SelfLinks(Paths.Record("claims", s.Id)));
        config.NewConfig<StatementRecord, StatementDto>()
            .Map(d => d.Type, _ => "statement")
            .Map(d => d.Sources, s => SourceRefs(s.SourceIds))
            .Map(d => d.Links, s => new SelfLinks(Paths.Record("statements", s.Id)));
        config.NewConfig<PersonRecord, PersonDto>()
            .Map(d => d.Type, _ => "person")
            .Map(d => d.Country, s => Ref.To("countries", s.CountryCode))
            .Map(d => d.Links, s => new PersonLinks(
                Paths.Record("people", s.Id),
                Paths.Filtered("readouts", "participant", s.Id),
                Paths.Filtered("claims", "claimant", s.Id),
                Paths.Filtered("statements", "speaker", s.Id),
                Paths.Filtered("timeline", "person", s.Id)));
        config.NewConfig<OrganizationRecord, OrganizationDto>()
            .Map(d => d.Type, _ => "organization")
            .Map(d => d.Country, s => s.CountryCode == null ? null : Ref.To("countries", s.CountryCode))
            .Map(d => d.Sources, s => SourceRefs(s.SourceIds))
            .Map(d => d.Links, s => new OrganizationLinks(
                Paths.Record("organizations", s.Id),
                Paths.Filtered("people", "organization", s.Id),
                Paths.Filtered("readouts", "issuer", s.Id),
                Paths.Filtered("claims", "claimant", s.Id)));
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
        config.NewConfig<PlaceRecord, PlaceDto>()
            .Map(d => d.Type, _ => "place")
            .Map(d => d.Country, s => Ref.To("countries", s.CountryCode))
            .Map(d => d.Sources, s => SourceRefs(s.SourceIds))
            .Map(d => d.Links, s => new PlaceLinks(
                Paths.Record("places", s.Id),
                Paths.Filtered("claims", "place", s.Id),
                Paths.Filtered("timeline", "place", s.Id)));
        config.NewConfig<SourceRecord, SourceDto>()
            .Map(d => d.Type, _ => "source")
            .Map(d => d.Links, s => new SelfLinks(Paths.Record("sources", s.Id)));
        config.NewConfig<TimelineEntry, TimelineItemDto>()
            .Map(d => d.Links, s => new SelfLinks(Paths.Record(s.Collection, s.Id)));

        config.Compile();
        return config;
    }

    private static Ref[] SourceRefs(IReadOnlyList<string> ids) => ids.Select(id => Ref.To("sources", id)).ToArray();

    private static Ref[] CountryRefs(IReadOnlyList<string> codes) => codes.Select(c => Ref.To("countries", c)).ToArray();
}
