using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ReadoutApi.Telemetry;

namespace ReadoutApi.Http;

/// <summary>Requests allowed per client address per window (configuration section <c>RateLimiting</c>).</summary>
public sealed class RateLimitingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "RateLimiting";

    /// <summary>Requests per window.</summary>
    [Range(1, int.MaxValue)]
    public int PermitLimit { get; set; } = 600;

    /// <summary>The window, in seconds.</summary>
    [Range(1, 86_400)]
    public int WindowSeconds { get; set; } = 60;

    /// <summary>How many requests' worth of the quota a whole-result export (CSV, NDJSON) spends.</summary>
    [Range(1, 10_000)]
    public int ExportCost { get; set; } = 20;

    /// <summary>How many requests' worth of the quota a search (<c>q</c>) spends.</summary>
    [Range(1, 10_000)]
    public int SearchCost { get; set; } = 3;
}

/// <summary>
/// ASP.NET Core's rate limiter, one fixed window per client and budget. Windows are aligned to the clock (the partition
/// key includes the window's number), so every response can say exactly when the quota resets: the <c>RateLimit-*</c>
/// headers and <c>Retry-After</c> on a 429. A client is an IPv4 address or an IPv6 /64 (what one subscriber gets).
/// Requests spend what they cost (<see cref="RequestCost"/>); health probes spend nothing, and the documentation has a
/// budget of its own, so neither a busy client nor a reader of the docs can starve the other.
/// </summary>
public sealed class ClientRateLimiter : IDisposable
{
    private readonly RateLimitingOptions _options;
    private readonly TimeProvider _clock;

    /// <summary>Creates the limiter from the options.</summary>
    public ClientRateLimiter(IOptions<RateLimitingOptions> options, TimeProvider clock)
    {
        _options = options.Value;
        _clock = clock;
        var byClient = PartitionedRateLimiter.Create<HttpContext, (string Client, RequestBudget Budget, long Window)>(context =>
            RequestCost.BudgetOf(context) is { } budget
                ? RateLimitPartition.GetFixedWindowLimiter(
                    (ClientOf(context.Connection.RemoteIpAddress), budget, Now / _options.WindowSeconds),
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = _options.PermitLimit,
                        Window = TimeSpan.FromSeconds(_options.WindowSeconds),
                        QueueLimit = 0,
                        AutoReplenishment = false,
                    })
                : RateLimitPartition.GetNoLimiter(("", RequestBudget.Api, 0L)));
        Limiter = new WeightedRateLimiter(byClient, context => Math.Min(RequestCost.Of(context, _options), _options.PermitLimit));
    }

    /// <summary>Requests allowed per window.</summary>
    public int PermitLimit => _options.PermitLimit;

    /// <summary>Requests' worth an export spends.</summary>
    public int ExportCost => _options.ExportCost;

    /// <summary>Requests' worth a search spends.</summary>
    public int SearchCost => _options.SearchCost;

    /// <summary>The partitioned limiter the rate-limiting middleware runs.</summary>
    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    private long Now => _clock.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>The partition of a client address: itself for IPv4, its /64 for IPv6.</summary>
    public static string ClientOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>Writes <c>RateLimit-Limit</c>, <c>RateLimit-Remaining</c> and <c>RateLimit-Reset</c> for this client.</summary>
    public int WriteHeaders(HttpContext context)
    {
        var reset = (int)(_options.WindowSeconds - (Now % _options.WindowSeconds));
        var remaining = Limiter.GetStatistics(context)?.CurrentAvailablePermits ?? 0;
        var headers = context.Response.Headers;
        headers["RateLimit-Limit"] = _options.PermitLimit.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Reset"] = reset.ToString(CultureInfo.InvariantCulture);
        return reset;
    }

    /// <inheritdoc />
    public void Dispose() => Limiter.Dispose();
}

/// <summary>Registration and middleware of the rate limiter.</summary>
public static class RateLimitSetup
{
    /// <summary>Registers the limiter; a rejected request is a 429 problem with <c>Retry-After</c>.</summary>
    public static IServiceCollection AddReadoutRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitingOptions>().BindConfiguration(RateLimitingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ClientRateLimiter>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<ClientRateLimiter, ServiceMetrics>((options, limiter, metrics) =>
        {
            options.GlobalLimiter = limiter.Limiter;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var context = rejected.HttpContext;
                metrics.RateLimited(docsBudget: RequestCost.BudgetOf(context) == RequestBudget.Docs);
                // The limiter runs before CORS (so preflights count too): a browser must still be able to read the 429.
                await LoadShedding.ApplyCors(context);

                var reset = limiter.WriteHeaders(context);
                context.Response.Headers.RetryAfter = reset.ToString(CultureInfo.InvariantCulture);
                var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too Many Requests",
                        Type = "https://tools.ietf.org/html/rfc6585#section-4",
                        Detail = $"This client has used its {limiter.PermitLimit} requests of this window (an export counts as {limiter.ExportCost}, a search as {limiter.SearchCost}). Retry after {reset} s.",
                    },
                });
            };
        });
        return services;
    }

    /// <summary>Applies the limiter and writes the quota headers on every admitted response.</summary>
    public static IApplicationBuilder UseReadoutRateLimiting(this IApplicationBuilder app)
    {
        app.UseRateLimiter();
        var limiter = app.ApplicationServices.GetRequiredService<ClientRateLimiter>();
        return app.Use((context, next) =>
        {
            if (RequestCost.BudgetOf(context) is not null)
            {
                limiter.WriteHeaders(context);
            }

            return next(context);
        });
    }
}
