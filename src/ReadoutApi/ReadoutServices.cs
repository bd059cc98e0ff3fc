using Mapster;
using ReadoutApi.Contracts;
using ReadoutApi.Data;
using ReadoutApi.Endpoints;
using ReadoutApi.Http;
using ReadoutApi.Seed;

namespace ReadoutApi;

/// <summary>The service's composition: what <c>Program.cs</c> calls, in order.</summary>
public static class ReadoutServices
{
    /// <summary>Registers everything the API needs.</summary>
    public static WebApplicationBuilder AddReadoutServices(this WebApplicationBuilder builder)
    {
        builder.AddReadoutLogging();
        var services = builder.Services;
        services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // In-flight requests get this long to finish when the host stops (SIGTERM).
        services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(25));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => MappingConfig.Create());
        services.AddSingleton<SnapshotStore>();
        services.AddHostedService<SnapshotInitializer>();
        services.AddHostedService<SeedWatcher>();
        services.AddReadoutProblemDetails();
        services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, ReadoutJsonContext.Default));
        services.AddReadoutOpenApi();
        services.AddReadoutHealthChecks();
        services.AddReadoutHttp();
        return builder;
    }

    /// <summary>Maps every endpoint.</summary>
    public static WebApplication MapReadoutApi(this WebApplication app)
    {
        app.MapIndexEndpoints();
        app.MapResourceEndpoints();
        app.MapReadoutHealthChecks();
        return app;
    }
}
