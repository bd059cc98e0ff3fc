using System.Buffers.Binary;
using System.Buffers.Text;
using System.ComponentModel.DataAnnotations;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ReadoutApi.Http;

/// <summary>How long clients and caches may reuse a response (configuration section <c>Caching</c>).</summary>
public sealed class CachingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Caching";

    /// <summary>The <c>max-age</c> of <c>Cache-Control</c>, in seconds.</summary>
    [Range(0, 31_536_000)]
    public int MaxAgeSeconds { get; set; } = 60;
}

/// <summary>What a response's validators derive from: the version of the data served and when it was loaded.</summary>
/// <param name="version">A hash of the data.</param>
/// <param name="loadedAt">When it was loaded, in whole seconds (HTTP dates have no finer precision).</param>
public sealed class DataStamp(string version, DateTimeOffset loadedAt)
{
    /// <summary>A hash of the data.</summary>
    public string Version { get; } = version;

    /// <summary>When it was loaded.</summary>
    public DateTimeOffset LoadedAt { get; } = loadedAt;

    /// <summary>The load time as an HTTP date, formatted once for every response's <c>Last-Modified</c>.</summary>
    public string HttpDate { get; } = loadedAt.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Validators and conditional requests. The ETag is derived from what determines the bytes (the data
/// version, the build, the path, the query and the format), so a 304 costs no query and no serialization.
/// </summary>
public sealed class HttpCaching(IOptions<CachingOptions> options)
{
    // A new build may render the same data differently, so it gets new ETags.
    private static readonly string Build = typeof(HttpCaching).Assembly.ManifestModule.ModuleVersionId.ToString("N");
    private static readonly string[] EncodingSuffixes = ["-br", "-gzip"];

    private readonly string _cacheControl = $"public, max-age={options.Value.MaxAgeSeconds}";

    /// <summary>
    /// Sets <c>ETag</c>, <c>Last-Modified</c>, <c>Cache-Control</c> and <c>Vary</c> for a response that will be a 200,
    /// and tells whether the client's copy is still current (then answer 304).
    /// </summary>
    public bool IsNotModified(HttpContext context, DataStamp data, ResponseFormat format) =>
        IsNotModified(context, data, ETag(data, context.Request.Path, context.Request.QueryString, format));

    /// <summary>As <see cref="IsNotModified(HttpContext, DataStamp, ResponseFormat)"/>, with the ETag computed already.</summary>
    public bool IsNotModified(HttpContext context, DataStamp data, string etag)
    {
        var request = context.Request;
        var headers = context.Response.Headers;
        headers.ETag = etag;
        headers.LastModified = data.HttpDate;
        headers.CacheControl = _cacheControl;
        headers.Vary = "Accept, Accept-Encoding";
        context.Response.OnStarting(MarkEncoding, context);

        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
        {
            return EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags) &&
                   tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || StripEncoding(t.Tag.Value) == etag);
        }

        return request.Headers.IfModifiedSince.Count > 0 &&
               HeaderUtilities.TryParseDate(request.Headers.IfModifiedSince.ToString(), out var since) &&
               data.LoadedAt <= since;
    }

    /// <summary>The strong ETag of a representation: a hash of what determines its bytes.</summary>
    public static string ETag(DataStamp data, PathString path, QueryString query, ResponseFormat format)
    {
        // A validator, not a secret: a fast 128-bit hash (xxHash) is plenty, and costs far less per request than SHA-256.
        // Each piece is preceded by its length, so different inputs never run together.
        var hash = new XxHash128();
        Span<byte> length = stackalloc byte[sizeof(int)];
        foreach (var piece in (ReadOnlySpan<string?>)[data.Version, Build, path.Value, query.Value, format.ToString()])
        {
            var text = (piece ?? "").AsSpan();
            BinaryPrimitives.WriteInt32LittleEndian(length, text.Length);
            hash.Append(length);
            hash.Append(MemoryMarshal.AsBytes(text));
        }

        Span<byte> digest = stackalloc byte[16];
        hash.GetCurrentHash(digest);
        return $"\"{Base64Url.EncodeToString(digest[..15])}\"";
    }

    // A compressed body is a different representation: give it a distinct strong ETag ("abc-br").
    private static Task MarkEncoding(object state)
    {
        var response = ((HttpContext)state).Response;
        var encoding = response.Headers.ContentEncoding.ToString();
        var etag = response.Headers.ETag.ToString();
        if (encoding.Length > 0 && etag.Length > 2 && response.StatusCode is StatusCodes.Status200OK)
        {
            response.Headers.ETag = $"{etag[..^1]}-{encoding}\"";
        }

        return Task.CompletedTask;
    }

    private static string StripEncoding(string? tag)
    {
        tag ??= "";
        foreach (var suffix in EncodingSuffixes)
        {
            if (tag.EndsWith(suffix + "\"", StringComparison.Ordinal))
            {
                return tag[..^(suffix.Length + 1)] + "\"";
            }
        }

        return tag;
    }
}
