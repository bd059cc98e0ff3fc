using Mapster;
using ReadoutApi.Collections;
using ReadoutApi.Contracts;
using ReadoutApi.Seed;

namespace ReadoutApi.Snapshots;

/// <summary>The one Mapster configuration that turns seed records into response DTOs: what the collections share, then each collection's own.</summary>
public static class MappingConfig
{
    /// <summary>Builds and compiles the configuration, so a mapping mistake fails at start, not on a request.</summary>
    public static TypeAdapterConfig Create()
    {
        var config = new TypeAdapterConfig();
        config.Default.MapToConstructor(true);

        config.NewConfig<ActorRecord, ActorRef>()
            .Map(d => d.Href, s => Paths.Record(Paths.ActorCollection(s.Kind), s.Id));
        config.NewConfig<ProvenanceRecord, ProvenanceDto>()
            .Map(d => d.Source, s => Ref.To("sources", s.SourceId));
        foreach (var module in CollectionRegistry.All)
        {
            module.ConfigureMapping(config);
        }

        config.Compile();
        return config;
    }
}
