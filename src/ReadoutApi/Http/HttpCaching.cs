using System.Buffers.Binary;
using System.Buffers.Text;
using System.ComponentModel.DataAnnotations;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.AspNetCore.ResponseCompression;
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
/// A compressed body is another representation with its own strong ETag: the base tag (always 20 characters
/// between the quotes) followed by <c>-br</c> or <c>-gzip</c>. Tags are compared whole, never stripped, so a
/// base tag that happens to end in <c>-br</c> cannot be mistaken for a compressed variant.
/// </summary>
/// <param name="options">The caching options.</param>
/// <param name="compression">
/// The response compression middleware's own choice of encoding, asked before the response exists, so that a 304
/// names the variant the 200 would have been. Null where there is no compression (unit tests).
/// </param>
public sealed class HttpCaching(IOptions<CachingOptions> options, IResponseCompressionProvider? compression = null)
{
    // A new build may render the same data differently, so it gets new ETags.
    private static readonly string Build = typeof(HttpCaching).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    private readonly string _cacheControl = $"public, max-age={options.Value.MaxAgeSeconds}";

    /// <summary>The <c>Cache-Control</c> of the API's responses (<c>public, max-age=60</c>).</summary>
    public string CacheControl => _cacheControl;

    /// <summary>
    /// Sets <c>ETag</c>, <c>Last-Modified</c>, <c>Cache-Control</c> and <c>Vary</c> for a response that will be a 200,
    /// and tells whether the client's copy is still current (then answer 304).
    /// </summary>
    public bool IsNotModified(HttpContext context, DataStamp data, ResponseFormat format) =>
        IsNotModified(context, data, ETag(data, context.Request.Path, context.Request.QueryString, format));

    /// <summary>As <see cref="IsNotModified(HttpContext, DataStamp, ResponseFormat)"/>, with the (identity) ETag computed already.</summary>
    public bool IsNotModified(HttpContext context, DataStamp data, string etag) => Validate(context, etag, data);

    /// <summary>
    /// As <see cref="IsNotModified(HttpContext, DataStamp, string)"/>, for a representation fixed by the build rather than
    /// by the data (the OpenAPI document): the ETag alone validates it. It has no <c>Last-Modified</c>: replicas started at
    /// different times would each claim another date for the same bytes, and an older build's copy could pass for current.
    /// </summary>
    public bool IsNotModified(HttpContext context, string etag) => Validate(context, etag, null);

    private bool Validate(HttpContext context, string etag, DataStamp? data)
    {
        var request = context.Request;
        var headers = context.Response.Headers;
        // The ETag of the representation a 200 would send: the encoding the compression middleware will choose included.
        var encoding = CompressionFor(context)?.EncodingName;
        var variant = Variant(etag, encoding);
        headers.ETag = variant;
        if (data is not null)
        {
            headers.LastModified = data.HttpDate;
        }

        headers.CacheControl = _cacheControl;
        headers.Vary = CompressionSetup.VaryHeaderOf(request.Path);
        context.Response.OnStarting(MarkEncoding, new Marking(context, etag, encoding));

        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
        {
            // Weak comparison (RFC 9110, 13.1.2): the opaque tags must be equal, whatever W/ says.
            return EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags) &&
                   tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Tag.Value == variant);
        }

        return data is not null &&
               request.Headers.IfModifiedSince.Count > 0 &&
               HeaderUtilities.TryParseDate(request.Headers.IfModifiedSince.ToString(), out var since) &&
               data.LoadedAt <= since;
    }

    /// <summary>
    /// The content coding the compression middleware chooses for this request's 200 (brotli, gzip), or null for none.
    /// Exports compress with it themselves, so that the bodies they keep are the bodies sent.
    /// </summary>
    public ICompressionProvider? CompressionFor(HttpContext context) =>
        compression is not null && compression.CheckRequestAcceptsCompression(context) ? compression.GetCompressionProvider(context) : null;

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
        return Quoted(digest);
    }

    /// <summary>The strong ETag of fixed content (the OpenAPI document): a hash of its bytes, in the form of the others.</summary>
    public static string ETagOfContent(ReadOnlySpan<byte> content)
    {
        Span<byte> digest = stackalloc byte[16];
        XxHash128.Hash(content, digest);
        return Quoted(digest);
    }

    /// <summary>The ETag of the variant of a representation in a content coding (<c>"abc-br"</c>); the tag itself for none.</summary>
    public static string Variant(string etag, string? encoding) =>
        string.IsNullOrEmpty(encoding) ? etag : $"{etag[..^1]}-{encoding}\"";

    // When the response starts, the ETag of a 200 names the encoding actually applied. For a GET that is the one
    // predicted; a HEAD sends no body through the compression middleware, so it is told the encoding a GET would have.
    private static Task MarkEncoding(object state)
    {
        var (context, etag, predicted) = (Marking)state;
        var response = context.Response;
        if (response.StatusCode is not StatusCodes.Status200OK)
        {
            return Task.CompletedTask;
        }

        var encoding = response.Headers.ContentEncoding.ToString();
        if (encoding.Length == 0 && predicted is not null && HttpMethods.IsHead(context.Request.Method))
        {
            response.Headers.ContentEncoding = predicted;
            response.Headers.ContentLength = null;
            encoding = predicted;
        }

        response.Headers.ETag = Variant(etag, encoding);
        return Task.CompletedTask;
    }

    // 15 of the 16 bytes: 20 characters of base64url, no padding.
    private static string Quoted(ReadOnlySpan<byte> digest) => $"\"{Base64Url.EncodeToString(digest[..15])}\"";

    private sealed record Marking(HttpContext Context, string ETag, string? Encoding);
}
