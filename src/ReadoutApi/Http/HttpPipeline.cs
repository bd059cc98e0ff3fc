using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ReadoutApi.Http;

/// <summary>
/// The HTTP behaviour around the endpoints: identity and security headers, compression, CORS, forwarded headers, HEAD.
/// The composition root (<c>ReadoutServices</c>) puts the middleware in order.
/// </summary>
public static partial class HttpPipeline
{
    /// <summary>The request id header, echoed or generated.</summary>
    public const string RequestIdHeader = "X-Request-Id";

    private static readonly string[] ExposedHeaders =
        ["ETag", "Last-Modified", "Link", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", RequestIdHeader];

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")]
    private static partial Regex SaneRequestId();

    /// <summary>Registers the services of the pipeline.</summary>
    public static IServiceCollection AddReadoutHttp(this IServiceCollection services)
    {
        services.Configure<KestrelServerOptions>(options => options.AddServerHeader = false);
        services.AddOptions<CachingOptions>().BindConfiguration(CachingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<HttpCaching>();
        services.AddOptions<ExportOptions>().BindConfiguration(ExportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ExportCache>();
        services.AddOptions<LinkOptions>()
            .Configure<IConfiguration>((options, configuration) => options.PublicBaseUrl = configuration[LinkOptions.Key])
            .Validate(options => options.IsValid(), $"{LinkOptions.Key} must be an http or https origin (scheme, host and port only), e.g. https://api.example.org.")
            .ValidateOnStart();
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(
                ["application/problem+json", "text/csv", "application/x-ndjson", "application/atom+xml", "application/ld+json"]);
        });
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        services.AddCors(options => options.AddDefaultPolicy(policy => policy
            .AllowAnyOrigin()
            .WithMethods(HttpMethods.Get, HttpMethods.Head)
            .AllowAnyHeader()
            .WithExposedHeaders(ExposedHeaders)
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        // Behind a proxy (the nginx of the deployment), the client address, scheme and host come from X-Forwarded-For,
        // -Proto and -Host: trusted from loopback, and from the networks listed in ForwardedHeaders:KnownNetworks (CIDR,
        // e.g. a compose network); from anyone else they are ignored. The host is then checked like a Host header.
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            foreach (var network in configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [])
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        services.AddReadoutRateLimiting();
        services.AddLoadShedding();
        return services;
    }

    /// <summary>Echoes or assigns the request id (<c>X-Request-Id</c>) and sets the security headers on every response.</summary>
    public static IApplicationBuilder UseRequestIdentity(this IApplicationBuilder app) => app.Use(IdentifyAndSecure);

    /// <summary>Sends no body for HEAD, whatever the handler (the GET handler) writes.</summary>
    public static IApplicationBuilder UseHeadWithoutBody(this IApplicationBuilder app) => app.Use(DiscardHeadBody);

    // HEAD is answered by the GET handler; the body is dropped here whatever the server (Kestrel drops it too).
    private static Task DiscardHeadBody(HttpContext context, RequestDelegate next)
    {
        if (HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.Body = Stream.Null;
        }

        return next(context);
    }

    // Set when the response starts, so that even an error response that was cleared carries them.
    private static Task IdentifyAndSecure(HttpContext context, RequestDelegate next)
    {
        var incoming = context.Request.Headers[RequestIdHeader].ToString();
        // Without a sane id from the client, the W3C trace id of the request's activity (already made for it) serves.
        var requestId = incoming.Length > 0 && SaneRequestId().IsMatch(incoming) ? incoming
            : Activity.Current?.TraceId.ToHexString() ?? Guid.NewGuid().ToString("N");
        context.TraceIdentifier = requestId;
        context.Response.OnStarting(AddIdentityAndSecurityHeaders, context);
        return next(context);
    }

    private static Task AddIdentityAndSecurityHeaders(object state)
    {
        var context = (HttpContext)state;
        var headers = context.Response.Headers;
        headers[RequestIdHeader] = context.TraceIdentifier;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        return Task.CompletedTask;
    }
}
