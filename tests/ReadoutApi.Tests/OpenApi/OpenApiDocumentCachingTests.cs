using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using ReadoutApi.Http;
using Swashbuckle.AspNetCore.Swagger;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ReadoutApi.Tests.OpenApi;

/// <summary>
/// The OpenAPI document is generated once per process and served as the same bytes under a strong ETag (a hash of them):
/// If-None-Match is a 304, a compressed variant has its own tag, HEAD sends no body, and no request's Host gets into it.
/// </summary>
public class OpenApiDocumentCachingTests(OpenApiDocumentCachingTests.CountingFactory factory)
    : IClassFixture<OpenApiDocumentCachingTests.CountingFactory>
{
    private const string Document = "/swagger/v1/swagger.json";

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task TheDocumentIsGeneratedOnceAndEveryRequestGetsTheSameBytesUnderOneStrongETag()
    {
        await using var fresh = new CountingFactory();
        var client = fresh.CreateClient();

        // The first requests arrive together: one generation serves them all.
        var first = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Send(client, HttpMethod.Get, Document)));
        using var again = await Send(client, HttpMethod.Get, Document);
        using var brotli = await Send(client, HttpMethod.Get, Document, ("Accept-Encoding", "br"));
        using var head = await Send(client, HttpMethod.Head, Document);
        using var revalidated = await Send(client, HttpMethod.Get, Document, ("If-None-Match", ETag(again)));

        Assert.Equal(1, fresh.Generations);
        var body = await again.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpCaching.ETagOfContent(body), ETag(again));
        Assert.False(again.Headers.ETag!.IsWeak);
        foreach (var response in first)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(ETag(again), ETag(response));
            Assert.Equal(body, await response.Content.ReadAsByteArrayAsync());
            response.Dispose();
        }

        Assert.Equal(body.Length, again.Content.Headers.ContentLength);
        Assert.Equal("application/json", again.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);

        // The YAML form is made once too, with a tag of its own bytes.
        using var yaml = await Send(client, HttpMethod.Get, "/swagger/v1/swagger.yaml");
        using var yamlAgain = await Send(client, HttpMethod.Get, "/swagger/v1/swagger.yaml");
        var yamlBody = await yamlAgain.Content.ReadAsByteArrayAsync();
        Assert.Equal(2, fresh.Generations);
        Assert.Equal("text/yaml", yamlAgain.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("openapi: 3.0.4", Encoding.UTF8.GetString(yamlBody), StringComparison.Ordinal);
        Assert.Equal(HttpCaching.ETagOfContent(yamlBody), ETag(yaml));
        Assert.Equal(ETag(yaml), ETag(yamlAgain));
    }

    [Fact]
    public async Task TheDocumentIsCachedLikeTheApiButHasNoLastModified()
    {
        using var document = await Send(_client, HttpMethod.Get, Document);
        using var api = await Send(_client, HttpMethod.Get, "/v1/countries");

        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.NotNull(api.Headers.CacheControl);
        Assert.Equal(api.Headers.CacheControl, document.Headers.CacheControl);
        Assert.Null(document.Content.Headers.LastModified);
        Assert.Equal(["Accept-Encoding"], document.Headers.Vary);
    }

    [Theory]
    [InlineData("{0}")]
    [InlineData("W/{0}")]
    [InlineData("\"older\", {0}")]
    [InlineData("*")]
    public async Task ARequestThatHoldsTheDocumentGetsANotModifiedWithTheSameETagAndNoBody(string ifNoneMatch)
    {
        using var ok = await Send(_client, HttpMethod.Get, Document);
        var etag = ETag(ok);

        using var notModified = await Send(_client, HttpMethod.Get, Document, ("If-None-Match", string.Format(System.Globalization.CultureInfo.InvariantCulture, ifNoneMatch, etag)));

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, ETag(notModified));
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(ok.Headers.CacheControl, notModified.Headers.CacheControl);
    }

    [Fact]
    public async Task AnotherTagGetsTheDocument()
    {
        using var ok = await Send(_client, HttpMethod.Get, Document);

        using var response = await Send(_client, HttpMethod.Get, Document, ("If-None-Match", "\"older\", W/\"other\""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(await ok.Content.ReadAsByteArrayAsync(), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ABrotliDocumentHasABrETagThatValidatesOnlyRequestsThatWouldGetBrotli()
    {
        using var identity = await Send(_client, HttpMethod.Get, Document);
        var tag = ETag(identity);
        using var br = await Send(_client, HttpMethod.Get, Document, ("Accept-Encoding", "br"));
        var brTag = ETag(br);

        Assert.Equal(["br"], br.Content.Headers.ContentEncoding);
        Assert.Equal(tag[..^1] + "-br\"", brTag);
        await using (var decompressed = new BrotliStream(await br.Content.ReadAsStreamAsync(), CompressionMode.Decompress))
        using (var copy = new MemoryStream())
        {
            await decompressed.CopyToAsync(copy);
            Assert.Equal(await identity.Content.ReadAsByteArrayAsync(), copy.ToArray());
        }

        using var revalidated = await Send(_client, HttpMethod.Get, Document, ("Accept-Encoding", "br"), ("If-None-Match", brTag));
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Equal(brTag, ETag(revalidated));

        foreach (var (acceptEncoding, sent) in new[] { ("", ""), ("identity", ""), ("gzip", "gzip"), ("br;q=0, gzip", "gzip") })
        {
            using var other = acceptEncoding.Length == 0
                ? await Send(_client, HttpMethod.Get, Document, ("If-None-Match", brTag))
                : await Send(_client, HttpMethod.Get, Document, ("Accept-Encoding", acceptEncoding), ("If-None-Match", brTag));
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
            Assert.Equal(sent, other.Content.Headers.ContentEncoding.SingleOrDefault() ?? "");
            Assert.Equal(HttpCaching.Variant(tag, sent), ETag(other));
        }

        // The identity tag does not validate a request that would get brotli either.
        using var upgraded = await Send(_client, HttpMethod.Get, Document, ("Accept-Encoding", "br"), ("If-None-Match", tag));
        Assert.Equal(HttpStatusCode.OK, upgraded.StatusCode);
        Assert.Equal(brTag, ETag(upgraded));
    }

    [Theory]
    [InlineData("")]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task AHeadTellsWhatTheGetWouldSendWithoutABody(string encoding)
    {
        (string, string)[] headers = encoding.Length == 0 ? [] : [("Accept-Encoding", encoding)];
        using var get = await Send(_client, HttpMethod.Get, Document, headers);
        using var head = await Send(_client, HttpMethod.Head, Document, headers);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(ETag(get), ETag(head));
        Assert.Equal(get.Content.Headers.ContentEncoding, head.Content.Headers.ContentEncoding);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        if (encoding.Length == 0)
        {
            Assert.Equal((await get.Content.ReadAsByteArrayAsync()).Length, head.Content.Headers.ContentLength);
        }
    }

    [Fact]
    public async Task AHostileHostOnTheRequestThatMakesTheDocumentIsNowhereInIt()
    {
        await using var fresh = new CountingFactory();

        // The very first request, the one the document is made for, comes with a hostile Host through a trusted proxy.
        var hostile = await fresh.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Scheme = "http";
            c.Request.Host = new HostString("attacker.example:8666");
            c.Request.Path = Document;
            c.Connection.RemoteIpAddress = IPAddress.Loopback;
            c.Request.Headers["X-Forwarded-Host"] = "forwarded-attacker.example";
            c.Request.Headers["X-Forwarded-Proto"] = "https";
        });
        Assert.Equal(StatusCodes.Status200OK, hostile.Response.StatusCode);
        var text = await new StreamReader(hostile.Response.Body).ReadToEndAsync();

        Assert.DoesNotContain("attacker", text, StringComparison.OrdinalIgnoreCase);
        var servers = JsonNode.Parse(text)!["servers"]!.AsArray();
        Assert.Equal(["/"], servers.Select(s => (string)s!["url"]!));

        // Everyone after gets those same bytes.
        using var plain = await Send(fresh.CreateClient(), HttpMethod.Get, Document);
        Assert.Equal(hostile.Response.Headers.ETag.ToString(), ETag(plain));
        Assert.Equal(text, await plain.Content.ReadAsStringAsync());
        Assert.Equal(1, fresh.Generations);
    }

    private static string ETag(HttpResponseMessage response) => response.Headers.ETag?.ToString() ?? "";

    private static async Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string url, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, url);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await client.SendAsync(request);
    }

    /// <summary>The app, counting how often Swashbuckle generates a document.</summary>
    public sealed class CountingFactory : ApiFactory
    {
        private int _generations;

        public int Generations => Volatile.Read(ref _generations);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddTransient(provider => new CountingGenerator(provider.GetRequiredService<SwaggerGenerator>(), this));
                services.AddTransient<ISwaggerProvider>(provider => provider.GetRequiredService<CountingGenerator>());
                services.AddTransient<IAsyncSwaggerProvider>(provider => provider.GetRequiredService<CountingGenerator>());
            });
        }

        private sealed class CountingGenerator(SwaggerGenerator generator, CountingFactory factory) : ISwaggerProvider, IAsyncSwaggerProvider
        {
            public OpenApiDocument GetSwagger(string documentName, string? host = null, string? basePath = null)
            {
                Interlocked.Increment(ref factory._generations);
                return generator.GetSwagger(documentName, host, basePath);
            }

            public Task<OpenApiDocument> GetSwaggerAsync(string documentName, string? host = null, string? basePath = null)
            {
                Interlocked.Increment(ref factory._generations);
                return generator.GetSwaggerAsync(documentName, host, basePath);
            }
        }
    }
}
