using ReadoutApi.Seed;
using ReadoutApi.Telemetry;
using Serilog;
using Serilog.Configuration;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace ReadoutApi.Observability;

/// <summary>Serilog: one structured line per request; readable in Development, compact JSON elsewhere.</summary>
public static class RequestLogging
{
    /// <summary>Registers Serilog as the logger, configured from <c>Serilog</c> settings and the environment.</summary>
    public static WebApplicationBuilder AddReadoutLogging(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        // No bootstrap logger and no static Log.Logger: several hosts in one process (tests) each keep their own.
        builder.Services.AddSerilog((services, logger) => Configure(logger, services, builder.Configuration, development), preserveStaticLogger: true);
        return builder;
    }

    private static void Configure(LoggerConfiguration logger, IServiceProvider services, IConfiguration configuration, bool development)
    {
        logger.ReadFrom.Configuration(configuration)
            .ReadFrom.Services(services)
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            // A seed folder that cannot be served stops the start: Program reports its problems on stderr, plainly. The
            // host's own "Hosting failed to start" line would repeat them with a stack trace.
            .Filter.ByExcluding(e => e.Exception is SeedValidationException);
        // No Enrich.FromLogContext: it would copy ASP.NET Core's logging scopes (connection id, request id and path) into
        // every event, about 3-5 us of CPU per request line. Each event written during a request carries its trace id (@tr)
        // instead, which is also the request id of a request that came without one.
        // Batched: the request path only queues the event; a timer formats what has queued and writes it at once.
        ITextFormatter formatter = development
            ? new MessageTemplateTextFormatter("[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}")
            : new CompactJsonFormatter(); // CLEF: the template and its values; log tools render the message

        logger.WriteTo.Sink(new BufferedConsoleSink(formatter, services.GetService<ServiceMetrics>()));
    }

    /// <summary>Writes the request line: method, path, status, elapsed and request id.</summary>
    public static IApplicationBuilder UseReadoutRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.000} ms";
            options.EnrichDiagnosticContext = (diagnostics, context) =>
                diagnostics.Set("RequestId", context.TraceIdentifier);
        });
}
