using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.AspNetCore.Http.Features;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ReadoutApi.Telemetry;

namespace ReadoutApi.Observability;

/// <summary>Where the Prometheus scrape endpoint listens (configuration section <c>Metrics</c>).</summary>
public sealed class MetricsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Metrics";

    /// <summary>
    /// The port of <c>/metrics</c>, on the host of the API's first listen address (<c>http://+:9464</c> beside
    /// <c>http://+:8080</c>); the API's own port never serves it. 0: no scrape endpoint (metrics still go to an OTLP
    /// endpoint when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set).
    /// </summary>
    [Range(0, 65_535)]
    public int Port { get; set; }
}

/// <summary>
/// OpenTelemetry: ASP.NET Core's meters (requests by route and status, Kestrel connections, exceptions), the
/// runtime's, and the service's own (<see cref="ServiceMetrics"/>), scraped in the Prometheus text format from
/// <c>/metrics</c> on a port of its own (<see cref="MetricsOptions.Port"/>), and sent over OTLP with traces when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. With neither, no meter provider listens and the instruments cost nothing.
/// </summary>
public static class TelemetrySetup
{
    /// <summary>The span attribute that carries the request id (<c>X-Request-Id</c>, the log line's <c>RequestId</c>).</summary>
    public const string RequestIdTag = "readoutapi.request_id";

    /// <summary>The scrape path.</summary>
    public const string ScrapePath = "/metrics";

    // Not routing's match attempts and the memory pool's counters: recorded on every request, they cost CPU on every
    // request and tell an operator nothing here (docs/performance.md).
    private static readonly string[] AspNetCoreMeters =
    [
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.Diagnostics",
    ];

    // Instruments of those meters recorded on every request and not worth that: requests in flight, and the rate
    // limiter's lease duration and leases in flight (with the whole rate-limiting meter, about 4% of the CPU of
    // GET /v1/readouts; its requests counter by result stays). A dropped instrument is not listened to, so not recorded.
    private static readonly string[] DroppedInstruments =
        ["http.server.active_requests", "aspnetcore.rate_limiting.request_lease.duration", "aspnetcore.rate_limiting.active_request_leases"];

    // Finer than the default buckets (5 ms and up): most requests here take well under a millisecond, and the p99 target
    // of GET /v1/readouts is 5 ms (docs/performance.md).
    private static readonly double[] RequestBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Registers the service's meter, and OpenTelemetry when a scrape port or an OTLP endpoint is configured.</summary>
    public static WebApplicationBuilder AddReadoutTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<ServiceMetrics>();
        var urls = ListenUrls(builder.Configuration);
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.Port == 0 || urls.All(u => u.Address.Port != o.Port), "Metrics:Port must differ from the ports the API listens on.")
            .ValidateOnStart();

        // Read here, before the host is built, to add the listen address; an invalid value stops the start (above).
        var port = int.TryParse(builder.Configuration[$"{MetricsOptions.Section}:Port"], out var p) && p is > 0 and <= 65_535 ? p : 0;
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (port == 0 && !otlp)
        {
            return builder;
        }

        if (port > 0 && urls.Count > 0 && urls.All(u => u.Address.Port != port))
        {
            builder.WebHost.UseUrls([.. urls.Select(u => u.Url), $"http://{urls[0].Address.Host}:{port}"]);
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                builder.Configuration["OTEL_SERVICE_NAME"] ?? "readoutapi",
                serviceVersion: typeof(TelemetrySetup).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion))
            .WithMetrics(metrics =>
            {
                // ASP.NET Core's meters by name rather than all that AddAspNetCoreInstrumentation enables: every instrument
                // recorded on each request costs CPU on each request (docs/performance.md).
                metrics.AddMeter(AspNetCoreMeters)
                    .AddMeter("System.Runtime", ServiceMetrics.MeterName)
                    .AddView("http.server.request.duration", new ExplicitBucketHistogramConfiguration { Boundaries = RequestBuckets });
                foreach (var instrument in DroppedInstruments)
                {
                    metrics.AddView(instrument, MetricStreamConfiguration.Drop);
                }
                if (port > 0)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            // Traces only go somewhere over OTLP. Probes and scrapes are not traced.
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options =>
                {
                    options.Filter = context => (port == 0 || context.Connection.LocalPort != port) && !context.Request.Path.StartsWithSegments("/health");
                    // The request id is settled by the pipeline (HttpPipeline.UseRequestIdentity) once the span has begun.
                    options.EnrichWithHttpResponse = (activity, response) => activity.SetTag(RequestIdTag, response.HttpContext.TraceIdentifier);
                })
                .AddOtlpExporter());
        }

        return builder;
    }

    /// <summary>
    /// Answers on the metrics port, before anything else of the pipeline (no rate limit, no request log, no request
    /// metrics): <c>/metrics</c>, and 404 for any other path. The API's own port never serves <c>/metrics</c>.
    /// </summary>
    public static IApplicationBuilder UseMetricsEndpoint(this WebApplication app)
    {
        var port = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MetricsOptions>>().Value.Port;
        if (port == 0)
        {
            return app;
        }

        return app.MapWhen(context => context.Connection.LocalPort == port, metricsOnly =>
        {
            metricsOnly.Use((context, next) =>
            {
                if (context.Features.Get<IHttpMetricsTagsFeature>() is { } tags)
                {
                    tags.MetricsDisabled = true;
                }

                return next(context);
            });
            metricsOnly.UseOpenTelemetryPrometheusScrapingEndpoint(ScrapePath);
            metricsOnly.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        });
    }

    // The API's listen addresses as the host will read them (urls, else ASPNETCORE_HTTP_PORTS, else Kestrel's default).
    private static List<(string Url, BindingAddress Address)> ListenUrls(IConfiguration configuration)
    {
        var urls = configuration[WebHostDefaults.ServerUrlsKey];
        if (string.IsNullOrWhiteSpace(urls) && configuration["http_ports"] is { Length: > 0 } ports)
        {
            urls = string.Join(';', ports.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => $"http://*:{p.Trim()}"));
        }

        if (string.IsNullOrWhiteSpace(urls))
        {
            urls = "http://localhost:5000";
        }

        var addresses = new List<(string, BindingAddress)>();
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                addresses.Add((url, BindingAddress.Parse(url)));
            }
            catch (FormatException)
            {
                // Kestrel reports it when it binds.
            }
        }

        return addresses;
    }
}
