using Microsoft.Net.Http.Headers;
using ReadoutApi.Contracts;

namespace ReadoutApi.Http;

/// <summary>
/// Response compression, and the <c>Vary</c> that goes with it. Every response may be compressed, and every response of
/// the API (<c>/v1</c>) may differ by <c>Accept</c> too (a 406, another format), so each response of a resource
/// carries the same <c>Vary</c> whatever its status, encoding or method (RFC 9110, 12.5.5).
/// </summary>
public static class CompressionSetup
{
    private static readonly string[] ApiVary = ["Accept", "Accept-Encoding"];
    private static readonly string[] OtherVary = ["Accept-Encoding"];
    private static readonly string ApiVaryHeader = string.Join(", ", ApiVary);
    private static readonly string OtherVaryHeader = string.Join(", ", OtherVary);

    /// <summary>Compresses responses (brotli, gzip) and sets <c>Vary</c> on every response.</summary>
    public static IApplicationBuilder UseReadoutCompression(this IApplicationBuilder app) =>
        app.Use(static (context, next) =>
        {
            context.Response.OnStarting(SetVary, context);
            return next(context);
        }).UseResponseCompression();

    /// <summary>What a response to this path varies by.</summary>
    public static IReadOnlyList<string> VaryOf(PathString path) => IsApi(path) ? ApiVary : OtherVary;

    /// <summary>As <see cref="VaryOf"/>, as one header value (<c>Accept, Accept-Encoding</c>), made once.</summary>
    public static string VaryHeaderOf(PathString path) => IsApi(path) ? ApiVaryHeader : OtherVaryHeader;

    private static bool IsApi(PathString path) => path.StartsWithSegments(Paths.Base, StringComparison.OrdinalIgnoreCase);

    // When the response starts: after the compression middleware (which adds Accept-Encoding only to what it may
    // compress) and after an error handler that cleared the headers. Fields set by others (Origin) are kept.
    private static Task SetVary(object state)
    {
        var context = (HttpContext)state;
        var headers = context.Response.Headers;
        var existing = headers.GetCommaSeparatedValues(HeaderNames.Vary);
        if (existing.Contains("*"))
        {
            return Task.CompletedTask;
        }

        headers.Vary = string.Join(", ", VaryOf(context.Request.Path).Concat(existing).Distinct(StringComparer.OrdinalIgnoreCase));
        return Task.CompletedTask;
    }
}
