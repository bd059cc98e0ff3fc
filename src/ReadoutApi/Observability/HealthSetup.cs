using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReadoutApi.Snapshots;

namespace ReadoutApi.Observability;

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (a snapshot is served).</summary>
public static class HealthSetup
{
    private const string Ready = "ready";

    /// <summary>Registers the readiness check.</summary>
    public static IServiceCollection AddReadoutHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<SnapshotHealthCheck>("snapshot", tags: [Ready]);
        return services;
    }

    /// <summary>Maps the two health endpoints, outside the API's documentation.</summary>
    public static IEndpointRouteBuilder MapReadoutHealthChecks(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJson });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteJson });
        return app;
    }

    private static Task WriteJson(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new Dictionary<string, object?>
        {
            ["status"] = report.Status.ToString(),
            ["checks"] = report.Entries.ToDictionary(
                e => e.Key,
                e => new Dictionary<string, object?>
                {
                    ["status"] = e.Value.Status.ToString(),
                    ["description"] = e.Value.Description,
                    ["data"] = e.Value.Data,
                }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, HealthJson));
    }

    private static readonly JsonSerializerOptions HealthJson = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Healthy while a snapshot is served; reports its version and counts.</summary>
    private sealed class SnapshotHealthCheck(SnapshotStore store, SnapshotLoader loader) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var snapshot = store.Current;
            var data = new Dictionary<string, object>
            {
                ["dataVersion"] = snapshot.Version,
                ["loadedAt"] = snapshot.LoadedAt,
                ["seedPath"] = loader.SeedPath,
                ["counts"] = snapshot.Counts().ToDictionary(c => c.Name, c => c.Count),
                ["rendered"] = snapshot.IsRendered,
            };
            if (store.LastFailure is { } failure)
            {
                // Still ready: the last good data is served. Degraded says the files on disk are broken.
                data["lastReloadError"] = new Dictionary<string, object>
                {
                    ["at"] = failure.At,
                    ["problems"] = failure.Problems.Select(p => p.ToString()).ToArray(),
                };
                return Task.FromResult(HealthCheckResult.Degraded(
                    $"The last reload failed ({failure.Problems[0]}); serving the last good data {snapshot.Version}.", data: data));
            }

            return Task.FromResult(HealthCheckResult.Healthy("Seed data loaded.", data));
        }
    }
}
