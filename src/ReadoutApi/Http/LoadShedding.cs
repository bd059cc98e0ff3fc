using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.Options;

namespace ReadoutApi.Http;

/// <summary>How much expensive work runs at once, and how long any request may take (configuration section <c>Load</c>).</summary>
public sealed class LoadOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Load";

    /// <summary>Exports and searches that run at once; 0: half the processors, at least one.</summary>
    [Range(0, 1024)]
    public int ExpensiveConcurrency { get; set; }

    /// <summary>Expensive requests that may wait for a turn; any more are refused with 503 at once.</summary>
    [Range(0, 10_000)]
    public int ExpensiveQueue { get; set; } = 8;

    /// <summary>How long a request may run before it is stopped with a 503 (an export's body, once begun, is not cut short).</summary>
    [Range(0.001, 3600)]
    public double RequestTimeoutSeconds { get; set; } = 10;

    /// <summary>The concurrency in effect.</summary>
    public int EffectiveConcurrency => ExpensiveConcurrency > 0 ? ExpensiveConcurrency : Math.Max(1, Environment.ProcessorCount / 2);
}

/// <summary>
/// Load shedding. Expensive requests (exports and searches, <see cref="RequestCost.IsExpensive"/>) take turns through
/// one <see cref="ConcurrencyLimiter"/> with a short queue, so that they can never take every processor from the cheap
/// requests of other clients; when the queue is full the answer is 503 problem+json with <c>Retry-After</c>. ASP.NET
/// Core's request timeouts stop any request that runs longer than <see cref="LoadOptions.RequestTimeoutSeconds"/> (a
/// turn waited for included) with a 503 problem.
/// </summary>
public static class LoadShedding
{
    /// <summary>What a refused or stopped request is told to wait, in seconds.</summary>
    public const int RetryAfterSeconds = 1;

    /// <summary>Registers the limiter of expensive work and the request timeout.</summary>
    public static IServiceCollection AddLoadShedding(this IServiceCollection services)
    {
        services.AddOptions<LoadOptions>().BindConfiguration(LoadOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(provider => new ExpensiveWork(provider.GetRequiredService<IOptions<LoadOptions>>().Value));
        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<LoadOptions>>((options, load) =>
        {
            var seconds = load.Value.RequestTimeoutSeconds;
            options.DefaultPolicy = new RequestTimeoutPolicy
            {
                Timeout = TimeSpan.FromSeconds(seconds),
                TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
                WriteTimeoutResponse = context => WriteProblem(
                    context,
                    $"The request took longer than {seconds.ToString(CultureInfo.InvariantCulture)} s and was stopped. Narrow it (filters, fewer words in q) or retry later."),
            };
        });
        return services;
    }

    /// <summary>Applies the request timeout, then makes expensive requests take turns.</summary>
    public static IApplicationBuilder UseLoadShedding(this IApplicationBuilder app)
    {
        app.UseRequestTimeouts();
        var work = app.ApplicationServices.GetRequiredService<ExpensiveWork>();
        var rates = app.ApplicationServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
        return app.Use(async (context, next) =>
        {
            if (!RequestCost.IsExpensive(context, rates))
            {
                await next(context);
                return;
            }

            using var turn = await work.Limiter.AcquireAsync(1, context.RequestAborted);
            if (!turn.IsAcquired)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await WriteProblem(
                    context,
                    $"The server is busy with other exports and searches ({work.Concurrency} at a time, {work.Queue} waiting). Retry after {RetryAfterSeconds} s.");
                return;
            }

            await next(context);
        });
    }

    /// <summary>
    /// Gives a problem response the CORS headers of the default policy, so that a browser can read it: for responses
    /// written before the CORS middleware runs (a rate-limit refusal) or after their headers were cleared (a timeout).
    /// </summary>
    public static async Task ApplyCors(HttpContext context)
    {
        var policy = await context.RequestServices.GetRequiredService<ICorsPolicyProvider>().GetPolicyAsync(context, null);
        if (policy is not null)
        {
            var cors = context.RequestServices.GetRequiredService<ICorsService>();
            cors.ApplyResult(cors.EvaluatePolicy(context, policy), context.Response);
        }
    }

    private static async Task WriteProblem(HttpContext context, string detail)
    {
        await ApplyCors(context);
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Detail = detail },
        });
    }
}

/// <summary>The turns of expensive work: one concurrency limiter for the process.</summary>
/// <param name="options">How many at once, and how many may wait.</param>
public sealed class ExpensiveWork(LoadOptions options) : IDisposable
{
    /// <summary>How many run at once.</summary>
    public int Concurrency { get; } = options.EffectiveConcurrency;

    /// <summary>How many may wait.</summary>
    public int Queue { get; } = options.ExpensiveQueue;

    /// <summary>The limiter (oldest waiter first).</summary>
    public ConcurrencyLimiter Limiter { get; } = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.EffectiveConcurrency,
        QueueLimit = options.ExpensiveQueue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    /// <inheritdoc />
    public void Dispose() => Limiter.Dispose();
}
