using System.Buffers.Text;
using System.IO.Hashing;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ReadoutApi.Http;

/// <summary>Where the API is reached from outside (configuration key <c>PublicBaseUrl</c>).</summary>
public sealed class LinkOptions
{
    /// <summary>The configuration key.</summary>
    public const string Key = "PublicBaseUrl";

    /// <summary>
    /// The origin absolute links are built on (<c>https://api.example.org</c>), or empty: then on the request's scheme and
    /// Host (after trusted forwarded headers).
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The origin, without a trailing slash, when one is set.</summary>
    public string? Origin => string.IsNullOrWhiteSpace(PublicBaseUrl) ? null : PublicBaseUrl.Trim().TrimEnd('/');

    /// <summary>Whether <see cref="PublicBaseUrl"/> is empty or an http(s) origin: no user, path, query or fragment.</summary>
    public bool IsValid() =>
        Origin is not { } origin ||
        (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.UserInfo.Length == 0 &&
         uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0 && !origin.EndsWith('#') && !origin.EndsWith('?'));
}

/// <summary>
/// Absolute links and what they depend on. With <c>PublicBaseUrl</c> set, every absolute link is built on it, whatever
/// the request. Without it, links are built on the request's scheme and Host (valid ones only: an invalid Host is a 400
/// before any endpoint runs), and the ETag of a representation holding such links includes that origin.
/// </summary>
public static partial class PublicLinks
{
    /// <summary>The tag URI (RFC 4151) prefix of Atom ids: a fixed authority and date, so ids never depend on the request.</summary>
    public const string TagPrefix = "tag:readoutapi,2026:";

    // A DNS name (labels of letters, digits, '-' and '_', none empty, 63 at most) or an IPv4 address; a port of 1-5 digits.
    [GeneratedRegex(@"^(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?$")]
    private static partial Regex HostName();

    /// <summary>The Atom id of a resource: its root-relative path (and query) under <see cref="TagPrefix"/>.</summary>
    public static string AtomId(string relative) => TagPrefix + relative;

    /// <summary>Whether a Host header value (<c>name[:port]</c>, <c>[v6][:port]</c>) names a host and a port in range.</summary>
    public static bool IsValidHost(string host)
    {
        if (host.Length is 0 or > 300)
        {
            return false;
        }

        string name;
        var port = "";
        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']');
            if (close < 0 || host[1..close].Contains('%') || !IPAddress.TryParse(host[1..close], out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }

            name = "";
            if (close + 1 < host.Length)
            {
                if (host[close + 1] != ':')
                {
                    return false;
                }

                port = host[(close + 2)..];
                if (port.Length == 0)
                {
                    return false;
                }
            }
        }
        else
        {
            var colon = host.IndexOf(':');
            name = colon < 0 ? host : host[..colon];
            if (colon >= 0)
            {
                port = host[(colon + 1)..];
                if (port.Length == 0)
                {
                    return false;
                }
            }

            if (name.Length > 254 || !HostName().IsMatch(name))
            {
                return false;
            }
        }

        return port.Length == 0 || (port.Length <= 5 && port.All(char.IsAsciiDigit) && int.Parse(port, System.Globalization.CultureInfo.InvariantCulture) is >= 1 and <= 65535);
    }

    /// <summary>The origin absolute links are built on: <c>PublicBaseUrl</c>, else the request's; null if neither serves.</summary>
    public static string? Origin(HttpContext context) => Configured(context) ?? RequestOrigin(context);

    /// <summary>
    /// The origin of the request when links are built on it (no <c>PublicBaseUrl</c>): then a representation with absolute
    /// links differs by origin, and so must its ETag. Null when <c>PublicBaseUrl</c> is set or the request has no usable Host.
    /// </summary>
    public static string? RequestOrigin(HttpContext context)
    {
        if (Configured(context) is not null)
        {
            return null;
        }

        var request = context.Request;
        return request.Scheme is "http" or "https" && request.Host.HasValue && IsValidHost(request.Host.Value)
            ? $"{request.Scheme}://{request.Host.Value.ToLowerInvariant()}"
            : null;
    }

    /// <summary>An ETag made distinct per origin: the same representation with links on another host is another entity.</summary>
    public static string ETagFor(string etag, string? origin)
    {
        if (origin is null)
        {
            return etag;
        }

        var digest = XxHash128.Hash(Encoding.UTF8.GetBytes(etag + "\n" + origin));
        return $"\"{Base64Url.EncodeToString(digest.AsSpan(0, 15))}\"";
    }

    /// <summary>Answers 400 problem+json to a request whose Host is present and invalid (RFC 9112 §3.2).</summary>
    public static IApplicationBuilder UseHostValidation(this IApplicationBuilder app) => app.Use(ValidateHost);

    private static Task ValidateHost(HttpContext context, RequestDelegate next)
    {
        var host = context.Request.Host;
        if (!host.HasValue || IsValidHost(host.Value))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Invalid Host header",
                Detail = "The Host header (or the X-Forwarded-Host of a trusted proxy) is not a host name or address with a port of 1 to 65535.",
            },
        }).AsTask();
    }

    private static string? Configured(HttpContext context) =>
        context.RequestServices?.GetService<IOptions<LinkOptions>>()?.Value.Origin;
}
