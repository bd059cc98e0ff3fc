using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace ReadoutApi.Http;

/// <summary>
/// The explorer page (<c>/explore</c>): static files built from <c>src/explorer</c> into <c>wwwroot/explore</c>, served
/// by ASP.NET Core's static files middleware from the app's own directory (so whatever the working directory), the
/// page at <c>/explore</c> and <c>/explore/</c>. Files under <c>assets/</c> have a content hash in their name and are
/// cached for a year; the rest (the page, the licences) is revalidated on every use. Every response under
/// <c>/explore</c> has a Content-Security-Policy that lets the page load and fetch from this origin only.
/// </summary>
public static class ExplorerFiles
{
    /// <summary>Where the explorer is served.</summary>
    public const string PathPrefix = "/explore";

    /// <summary>Scripts, styles, images and requests from this origin only; no inline script or style, no framing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The cache policy of a file whose name changes with its content.</summary>
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    /// <summary>The cache policy of the page and the other files of a fixed name: keep, but ask first (ETag).</summary>
    public const string RevalidateCacheControl = "no-cache";

    private static readonly PathString Prefix = PathPrefix;
    private static readonly PathString Page = PathPrefix + "/index.html";
    private static readonly PathString Assets = PathPrefix + "/assets";

    /// <summary>The built files: <c>wwwroot/explore</c> beside the app's assembly.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "wwwroot", "explore");

    /// <summary>Serves the explorer's files, when they are there (a build of src/explorer puts them there).</summary>
    public static WebApplication UseExplorer(this WebApplication app)
    {
        if (!File.Exists(Path.Combine(Folder, "index.html")))
        {
            app.Logger.LogWarning("The explorer's files are not in {Folder}: /explore is not served. Build it with bash src/explorer/build.sh.", Folder);
            return app;
        }

        var files = new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Folder),
            RequestPath = Prefix,
            OnPrepareResponse = SetCacheControl,
        };
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Prefix), explore =>
        {
            explore.Use(PrepareRequest);
            explore.UseStaticFiles(files);
        });
        return app;
    }

    // /explore and /explore/ are the page; every response gets the policy and a weak ETag.
    private static Task PrepareRequest(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path;
        if (path.Equals(Prefix, StringComparison.OrdinalIgnoreCase) || path.Equals(Prefix + "/", StringComparison.OrdinalIgnoreCase))
        {
            context.Request.Path = Page;
        }

        // If-None-Match compares weakly (RFC 9110, 13.1.2), the static files middleware strongly: the client's copy of a
        // weak tag is put back as the file's own tag, so that it revalidates.
        var ifNoneMatch = context.Request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0 && EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags))
        {
            context.Request.Headers.IfNoneMatch = string.Join(", ", tags.Select(tag => tag.IsWeak ? new EntityTagHeaderValue(tag.Tag) : tag));
        }

        context.Response.OnStarting(SecureAndMark, context);
        return next(context);
    }

    private static void SetCacheControl(StaticFileResponseContext file) =>
        file.Context.Response.Headers.CacheControl =
            file.Context.Request.Path.StartsWithSegments(Assets) ? ImmutableCacheControl : RevalidateCacheControl;

    // The static files middleware tags a file by its date and length, whatever the coding the compression middleware
    // then applies: a compressed body is the same file but not the same bytes, so the tag is weak (RFC 9110, 8.8.1), as
    // nginx makes it, and on every response of the file (identity, compressed, 304) so that a cache matches them up.
    // If-None-Match is compared weakly (above), so the tag revalidates the file whatever coding the client holds it in.
    private static Task SecureAndMark(object state)
    {
        var headers = ((HttpContext)state).Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        if (headers.ETag is [{ } etag] && etag.StartsWith('"'))
        {
            headers.ETag = "W/" + etag;
        }

        return Task.CompletedTask;
    }
}
