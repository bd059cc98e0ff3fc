using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

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
}

/// <summary>
/// ASP.NET Core's rate limiter, one fixed window per client address. Windows are aligned to the clock
/// (the partition key includes the window's number), so every response can say exactly when the quota
/// resets: the <c>RateLimit-*</c> headers and <c>Retry-After</c> on a 429.
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
        Limiter = PartitionedRateLimiter.Create<HttpContext, (string Client, long Window)>(context =>
            RateLimitPartition.GetFixedWindowLimiter(
                (context.Connection.RemoteIpAddress?.ToString() ?? "unknown", Now / _options.WindowSeconds),
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = _options.PermitLimit,
                    Window = TimeSpan.FromSeconds(_options.WindowSeconds),
                    QueueLimit = 0,
                    AutoReplenishment = false,
                }));
    }

    /// <summary>Requests allowed per window.</summary>
    public int PermitLimit => _options.PermitLimit;

    /// <summary>The partitioned limiter the rate-limiting middleware runs.</summary>
    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    private long Now => _clock.GetUtcNow().ToUnixTimeSeconds();

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
        services.AddOptions<RateLimiterOptions>().Configure<ClientRateLimiter>((options, limiter) =>
        {
            options.GlobalLimiter = limiter.Limiter;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var context = rejected.HttpContext;
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
                        Detail = $"This client has used its {limiter.PermitLimit} requests of this window. Retry after {reset} s.",
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
            limiter.WriteHeaders(context);
            return next(context);
        });
    }
}
