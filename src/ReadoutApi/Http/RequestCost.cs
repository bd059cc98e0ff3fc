using System.Threading.RateLimiting;

namespace ReadoutApi.Http;

/// <summary>The budgets a client's requests draw on.</summary>
public enum RequestBudget
{
    /// <summary>The API's resources.</summary>
    Api,

    /// <summary>The Swagger UI, the OpenAPI document, the explorer's files and the root redirect.</summary>
    Docs,
}

/// <summary>What a request costs a client: which budget it draws on, and how much of it.</summary>
public static class RequestCost
{
    /// <summary>The budget a request draws on; null for health probes, which are never limited.</summary>
    public static RequestBudget? BudgetOf(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/health"))
        {
            return null;
        }

        return path.StartsWithSegments("/swagger") || path.StartsWithSegments(ExplorerFiles.PathPrefix) || path.Value is "/" or ""
            ? RequestBudget.Docs
            : RequestBudget.Api;
    }

    /// <summary>
    /// How many requests' worth a request spends: on a list (an endpoint with <see cref="ListFormats"/>), a whole-result
    /// export (CSV or NDJSON, chosen by <c>format</c> or by <c>Accept</c>, exactly as the handler will negotiate it) spends
    /// <see cref="RateLimitingOptions.ExportCost"/> and a search <see cref="RateLimitingOptions.SearchCost"/>; anything
    /// else one.
    /// </summary>
    public static int Of(HttpContext context, RateLimitingOptions options)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ListFormats>() is not { } list)
        {
            return 1;
        }

        if (FormatNegotiation.Negotiate(context.Request, list.Formats).Format is ResponseFormat.Csv or ResponseFormat.Ndjson)
        {
            return options.ExportCost;
        }

        return context.Request.Query.ContainsKey(Querying.ParameterNames.Query) ? options.SearchCost : 1;
    }
}

/// <summary>Endpoint metadata of a list: the formats it offers, of which CSV and NDJSON are its whole result.</summary>
/// <param name="Formats">The formats, as <c>format</c> names them.</param>
public sealed record ListFormats(IReadOnlyList<string> Formats);

/// <summary>A partitioned limiter whose requests take as many permits as they weigh.</summary>
/// <param name="inner">The limiter that counts.</param>
/// <param name="weight">The permits one request takes (at least 1, at most the inner limiter's permit limit).</param>
public sealed class WeightedRateLimiter(PartitionedRateLimiter<HttpContext> inner, Func<HttpContext, int> weight)
    : PartitionedRateLimiter<HttpContext>
{
    /// <inheritdoc />
    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => inner.GetStatistics(resource);

    /// <inheritdoc />
    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
        inner.AttemptAcquire(resource, permitCount * weight(resource));

    /// <inheritdoc />
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        inner.AcquireAsync(resource, permitCount * weight(resource), cancellationToken);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
