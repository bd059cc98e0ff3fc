using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.Options;
using ReadoutApi.Telemetry;

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

    /// <summary>A search costs a turn when its words would union more positions than this (see SearchIndex.Cost).</summary>
    [Range(0, long.MaxValue)]
    public long ExpensiveSearchPostings { get; set; } = 20_000;

    /// <summary>How long a request may run before it is stopped with a 503 (an export's body, once begun, is not cut short).</summary>
    [Range(0.001, 3600)]
    public double RequestTimeoutSeconds { get; set; } = 10;

    /// <summary>The concurrency in effect.</summary>
    public int EffectiveConcurrency => ExpensiveConcurrency > 0 ? ExpensiveConcurrency : Math.Max(1, Environment.ProcessorCount / 2);
}

/// <summary>
/// Load shedding. Expensive work (an export written from the records, a search above
/// <see cref="LoadOptions.ExpensiveSearchPostings"/>) takes turns through one <see cref="ConcurrencyLimiter"/> with a
/// short queue (<see cref="ExpensiveWork"/>), so that it can never take every processor from the cheap requests of
/// other clients; when the queue is full the answer is 503 problem+json with <c>Retry-After</c>. A 304, an export from
/// the cache and a cheap search take no turn. ASP.NET Core's request timeouts stop any request that runs longer than
/// <see cref="LoadOptions.RequestTimeoutSeconds"/> (a turn waited for included) with a 503 problem.
/// </summary>
public static class LoadShedding
{
    /// <summary>What a refused or stopped request is told to wait, in seconds.</summary>
    public const int RetryAfterSeconds = 1;

    /// <summary>Registers the limiter of expensive work and the request timeout.</summary>
    public static IServiceCollection AddLoadShedding(this IServiceCollection services)
    {
        services.AddOptions<LoadOptions>().BindConfiguration(LoadOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ExpensiveWork>();
        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<LoadOptions>>((options, load) =>
        {
            var seconds = load.Value.RequestTimeoutSeconds;
            options.DefaultPolicy = new RequestTimeoutPolicy
            {
                Timeout = TimeSpan.FromSeconds(seconds),
                TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
                WriteTimeoutResponse = context =>
                {
                    context.RequestServices.GetRequiredService<ServiceMetrics>().RequestTimedOut();
                    return WriteProblem(
                        context,
                        $"The request took longer than {seconds.ToString(CultureInfo.InvariantCulture)} s and was stopped. Narrow it (filters, fewer words in q) or retry later.");
                },
            };
        });
        return services;
    }

    /// <summary>Applies the request timeout (expensive work takes its turns in the handlers, <see cref="ExpensiveWork"/>).</summary>
    public static IApplicationBuilder UseLoadShedding(this IApplicationBuilder app) => app.UseRequestTimeouts();

    /// <summary>The 503 of expensive work refused a turn: every turn taken and the queue full.</summary>
    public static Task WriteBusy(HttpContext context, ExpensiveWork work)
    {
        context.RequestServices.GetRequiredService<ServiceMetrics>().ExpensiveWorkRefused();
        // Headers a 200 would have had (ETag, Last-Modified, a content type) must not describe the 503.
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return WriteProblem(
            context,
            $"The server is busy with other exports and searches ({work.Concurrency} at a time, {work.Queue} waiting). Retry after {RetryAfterSeconds} s.");
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

/// <summary>The 503 of expensive work refused a turn (<see cref="LoadShedding.WriteBusy"/>).</summary>
/// <param name="work">The limiter that refused it.</param>
public sealed class BusyProblem(ExpensiveWork work) : IResult
{
    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext) => LoadShedding.WriteBusy(httpContext, work);
}

/// <summary>The turns of expensive work: one concurrency limiter for the process.</summary>
public sealed class ExpensiveWork : IDisposable
{
    /// <summary>Creates the limiter from the options.</summary>
    /// <param name="load">How many at once, how many may wait, and what search is expensive.</param>
    public ExpensiveWork(IOptions<LoadOptions> load)
    {
        var options = load.Value;
        Concurrency = options.EffectiveConcurrency;
        Queue = options.ExpensiveQueue;
        ExpensiveSearchPostings = options.ExpensiveSearchPostings;
        Limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = Concurrency,
            QueueLimit = Queue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>How many run at once.</summary>
    public int Concurrency { get; }

    /// <summary>How many may wait.</summary>
    public int Queue { get; }

    /// <summary>A search that unions more positions than this takes a turn.</summary>
    public long ExpensiveSearchPostings { get; }

    /// <summary>The limiter (oldest waiter first).</summary>
    public ConcurrencyLimiter Limiter { get; }

    /// <summary>Waits for a turn (or is refused at once when the queue is full); dispose the lease to give it back.</summary>
    public ValueTask<RateLimitLease> TakeTurnAsync(CancellationToken cancellationToken) => Limiter.AcquireAsync(1, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => Limiter.Dispose();
}
