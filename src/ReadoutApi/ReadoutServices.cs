using Microsoft.Extensions.Options;
using ReadoutApi.Changes;
using ReadoutApi.Contracts;
using ReadoutApi.Endpoints;
using ReadoutApi.Http;
using ReadoutApi.Observability;
using ReadoutApi.OpenApi;
using ReadoutApi.Querying;
using ReadoutApi.Seed;
using ReadoutApi.Snapshots;

namespace ReadoutApi;

/// <summary>The service's composition: what <c>Program.cs</c> calls, in order.</summary>
public static class ReadoutServices
{
    /// <summary>Registers everything the API needs.</summary>
    public static WebApplicationBuilder AddReadoutServices(this WebApplicationBuilder builder)
    {
        builder.AddReadoutLogging();
        builder.AddReadoutTelemetry();
        var services = builder.Services;
        services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // In-flight requests get this long to finish when the host stops (SIGTERM).
        services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(25));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => MappingConfig.Create());

        // Start-up, in this order, before the server listens: the first snapshot is loaded (a bad seed folder stops the
        // start), then the seed folder is watched. Every record's JSON is rendered in the background meanwhile.
        services.AddOptions<CursorOptions>().BindConfiguration(CursorOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(provider => new CursorCodec(provider.GetRequiredService<IOptions<CursorOptions>>().Value.SigningKey));
        services.AddSingleton(provider => new SnapshotStore(
            provider.GetRequiredService<IOptions<CursorOptions>>().Value, provider.GetRequiredService<TimeProvider>()));
        // The change journal gives each record its version and times, and keeps the events the feed serves.
        services.AddOptions<StateOptions>().BindConfiguration(StateOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ChangeJournal>();
        services.AddSingleton<IRecordHistory>(provider => provider.GetRequiredService<ChangeJournal>());
        services.AddOptions<ChangesOptions>().BindConfiguration(ChangesOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ChangeFeed>();
        services.AddSingleton<SnapshotLoader>();
        services.AddSingleton<SnapshotLoadingService>();
        services.AddHostedService(provider => provider.GetRequiredService<SnapshotLoadingService>());
        services.AddHostedService<SeedWatcher>();

        services.AddReadoutProblemDetails();
        services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, ReadoutJsonContext.Default));
        services.AddReadoutOpenApi();
        services.AddReadoutHealthChecks();
        services.AddReadoutHttp();
        return builder;
    }

    /// <summary>The middleware, outermost first.</summary>
    public static WebApplication UseReadoutPipeline(this WebApplication app)
    {
        if (app.Environment.IsProduction() && !app.Services.GetRequiredService<CursorCodec>().IsKeyed)
        {
            app.Logger.LogWarning("Cursor:SigningKey is not set: cursors are signed with the key built into the code, so anyone can make one. Give every replica the same secret.");
        }

        app.UseMetricsEndpoint();
        app.UseForwardedHeaders();
        app.UseRequestIdentity();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseReadoutRequestLogging();
        app.UseHostValidation();
        app.UseReadoutCompression();
        app.UseReadoutRateLimiting();
        app.UseCors();
        app.UseLoadShedding();
        app.UseHeadWithoutBody();
        app.UseReadoutSwagger();
        app.UseExplorer();
        return app;
    }

    /// <summary>Maps every endpoint.</summary>
    public static WebApplication MapReadoutApi(this WebApplication app)
    {
        app.MapIndexEndpoints();
        app.MapCollections();
        app.MapChanges();
        app.MapReadoutHealthChecks();
        return app;
    }
}
