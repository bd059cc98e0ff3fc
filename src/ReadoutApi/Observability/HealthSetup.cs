using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ReadoutApi.Snapshots;

namespace ReadoutApi.Observability;

/// <summary>What health tells a caller (configuration section <c>Health</c>).</summary>
public sealed class HealthOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Health";

    /// <summary>
    /// Whether <c>/health/ready</c> shows the seed path and the text of seed problems. Off by default outside
    /// Development: anyone can call it, and a seed file may be a link to anywhere.
    /// </summary>
    public bool? ShowDetails { get; set; }
}

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (a snapshot is served).</summary>
public static class HealthSetup
{
    private const string Ready = "ready";

    /// <summary>Registers the readiness check.</summary>
    public static IServiceCollection AddReadoutHealthChecks(this IServiceCollection services)
    {
        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section);
        services.AddHealthChecks().AddCheck<SnapshotHealthCheck>("snapshot", tags: [Ready]);
        return services;
    }

    /// <summary>Maps the two health endpoints, outside the API's documentation.</summary>
    public static IEndpointRouteBuilder MapReadoutHealthChecks(this IEndpointRouteBuilder app)
    {
        // AllowCachingResponses: the middleware's own headers (no-cache, Pragma, an Expires in 1970) are HTTP/1.0
        // leftovers; WriteJson sends Cache-Control: no-store alone, which every cache obeys (RFC 9111, 5.2.2.5).
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJson, AllowCachingResponses = true });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteJson, AllowCachingResponses = true });
        return app;
    }

    private static Task WriteJson(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
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
    private sealed class SnapshotHealthCheck(
        SnapshotStore store, SnapshotLoader loader, IOptions<HealthOptions> options, IHostEnvironment environment) : IHealthCheck
    {
        private readonly bool _showDetails = options.Value.ShowDetails ?? environment.IsDevelopment();

        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var snapshot = store.Current;
            var data = new Dictionary<string, object>
            {
                ["dataVersion"] = snapshot.Version,
                ["loadedAt"] = snapshot.LoadedAt,
                ["counts"] = snapshot.Counts().ToDictionary(c => c.Name, c => c.Count),
            };
            // What the folder holds now, and since when it has differed from what is served (a change not loaded yet, or
            // one that failed).
            var onDisk = store.OnDisk;
            data["diskVersion"] = onDisk.Version;
            if (onDisk.Version != snapshot.Version)
            {
                data["diskDiffersSince"] = onDisk.Since;
            }

            // Earlier data kept for cursor walks begun on it (each costs about as much memory as the current snapshot).
            data["heldVersions"] = store.HeldVersions;
            if (_showDetails)
            {
                data["seedPath"] = loader.SeedPath;
            }

            if (store.LastFailure is { } failure)
            {
                // Still ready: the last good data is served. Degraded says the files on disk are broken.
                var error = new Dictionary<string, object> { ["at"] = failure.At, ["problemCount"] = failure.Problems.Count };
                if (_showDetails)
                {
                    error["problems"] = failure.Problems.Select(p => p.ToString()).ToArray();
                }

                data["lastReloadError"] = error;
                var first = _showDetails ? $" ({failure.Problems[0]})" : "";
                return Task.FromResult(HealthCheckResult.Degraded(
                    $"The last reload failed{first}; serving the last good data {snapshot.Version}.", data: data));
            }

            return Task.FromResult(HealthCheckResult.Healthy("Seed data loaded.", data));
        }
    }
}
