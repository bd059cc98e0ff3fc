using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ReadoutApi.Http;
using ReadoutApi.Snapshots;

namespace ReadoutApi.Tests.Http;

/// <summary>
/// RFC 9110/9111 through the whole pipeline: the ETag of a compressed variant, the same Vary on every response of a
/// resource, Accept negotiation with q=0 and parameters, and health that is never stored.
/// </summary>
public class CachingToTheLetterTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly string[] ApiVary = ["Accept", "Accept-Encoding"];

    private readonly HttpClient _client = factory.CreateClient();

    private async Task<HttpResponseMessage> Send(string url, params (string Name, string Value)[] headers) =>
        await Send(HttpMethod.Get, url, headers);

    private async Task<HttpResponseMessage> Send(HttpMethod method, string url, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, url);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await _client.SendAsync(request);
    }

    private static string ETag(HttpResponseMessage response) => response.Headers.ETag?.ToString() ?? "";

    private static string[] Vary(HttpResponseMessage response) =>
        [.. response.Headers.Vary.SelectMany(v => v.Split(',')).Select(v => v.Trim()).Order(StringComparer.Ordinal)];

    [Theory]
    [InlineData("/v1/claims", "br")]
    [InlineData("/v1/claims?limit=5", "br")]
    [InlineData("/v1/claims?limit=5", "gzip")]
    [InlineData("/v1/readouts?format=atom", "br")]
    [InlineData("/v1/readouts/2025-05-10-rubio-dar", "gzip")]
    [InlineData("/v1", "br")]
    public async Task ANotModifiedCarriesTheETagOfTheCompressedVariantTheOkSent(string url, string encoding)
    {
        using var ok = await Send(url, ("Accept-Encoding", encoding));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal([encoding], ok.Content.Headers.ContentEncoding);
        var etag = ETag(ok);
        Assert.EndsWith($"-{encoding}\"", etag, StringComparison.Ordinal);

        using var notModified = await Send(url, ("Accept-Encoding", encoding), ("If-None-Match", etag));

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, ETag(notModified));
        Assert.Equal(ApiVary, Vary(notModified));
        Assert.Equal(ok.Headers.CacheControl, notModified.Headers.CacheControl);
    }

    [Fact]
    public async Task AnIfModifiedSinceNotModifiedCarriesTheCompressedETagToo()
    {
        using var ok = await Send("/v1/claims?limit=3", ("Accept-Encoding", "gzip"));
        var since = ok.Content.Headers.LastModified!.Value.ToString("R");

        using var notModified = await Send("/v1/claims?limit=3", ("Accept-Encoding", "gzip"), ("If-Modified-Since", since));

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(ETag(ok), ETag(notModified));
    }

    [Theory]
    [InlineData("")]
    [InlineData("identity")]
    [InlineData("gzip")]
    [InlineData("br;q=0, gzip")]
    public async Task ACompressedETagValidatesOnlyRequestsThatWouldGetThatVariant(string acceptEncoding)
    {
        const string url = "/v1/claims?limit=4";
        using var br = await Send(url, ("Accept-Encoding", "br"));
        var brTag = ETag(br);
        Assert.EndsWith("-br\"", brTag, StringComparison.Ordinal);
        (string, string)[] headers = acceptEncoding.Length > 0
            ? [("Accept-Encoding", acceptEncoding), ("If-None-Match", brTag)]
            : [("If-None-Match", brTag)];

        using var response = await Send(url, headers);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(brTag, ETag(response));
        var sentEncoding = response.Content.Headers.ContentEncoding.SingleOrDefault() ?? "";
        Assert.Equal(sentEncoding.Length == 0 ? brTag.Replace("-br\"", "\"", StringComparison.Ordinal) : brTag.Replace("-br\"", $"-{sentEncoding}\"", StringComparison.Ordinal), ETag(response));
    }

    [Fact]
    public async Task TheIdentityETagDoesNotValidateARequestThatGetsBrotli()
    {
        using var identity = await Send("/v1/claims?limit=4");

        using var response = await Send("/v1/claims?limit=4", ("Accept-Encoding", "br"), ("If-None-Match", ETag(identity)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task ABaseETagThatEndsLikeAnEncodingIsNotMistakenForOne()
    {
        // About 1 in 262,144 base tags end in "-br": find a query that has one.
        var stamp = factory.Services.GetRequiredService<SnapshotStore>().Current.Stamp;
        var query = Enumerable.Range(0, 20_000_000).Select(i => $"?q=zq{i}")
            .First(q => HttpCaching.ETag(stamp, "/v1/claims", new QueryString(q), ResponseFormat.Json).EndsWith("-br\"", StringComparison.Ordinal));
        var url = "/v1/claims" + query;
        var baseTag = HttpCaching.ETag(stamp, "/v1/claims", new QueryString(query), ResponseFormat.Json);

        using var identity = await Send(url);
        Assert.Equal(HttpStatusCode.OK, identity.StatusCode);
        Assert.Equal(baseTag, ETag(identity));

        using var revalidated = await Send(url, ("If-None-Match", baseTag));
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Equal(baseTag, ETag(revalidated));

        // With brotli, the base tag (though it ends in -br) is not the variant's, and the variant's is not shortened.
        using var brotli = await Send(url, ("Accept-Encoding", "br"), ("If-None-Match", baseTag));
        Assert.Equal(HttpStatusCode.OK, brotli.StatusCode);
        Assert.Equal(baseTag[..^1] + "-br\"", ETag(brotli));

        using var shortened = await Send(url, ("If-None-Match", baseTag[..^4] + "\""));
        Assert.Equal(HttpStatusCode.OK, shortened.StatusCode);
    }

    [Fact]
    public async Task AHeadTellsTheEncodingAndETagOfTheGet()
    {
        using var get = await Send("/v1/claims?limit=6", ("Accept-Encoding", "br"));
        using var head = await Send(HttpMethod.Head, "/v1/claims?limit=6", ("Accept-Encoding", "br"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(ETag(get), ETag(head));
        Assert.Equal(["br"], head.Content.Headers.ContentEncoding);
        Assert.Equal(ApiVary, Vary(head));
    }

    [Theory]
    [InlineData("GET", "/v1/claims?limit=2", null)]
    [InlineData("GET", "/v1/claims?limit=0", null)]
    [InlineData("GET", "/v1/claims?nonsense=1", null)]
    [InlineData("GET", "/v1/claims", "image/png")]
    [InlineData("GET", "/v1/countries/zz-nowhere", null)]
    [InlineData("GET", "/v1/no-such-collection", null)]
    [InlineData("GET", "/v1", "text/csv")]
    [InlineData("HEAD", "/v1/claims?limit=2", null)]
    [InlineData("HEAD", "/v1/countries/zz-nowhere", null)]
    [InlineData("POST", "/v1/claims", null)]
    [InlineData("DELETE", "/v1", null)]
    public async Task EveryResponseOfAResourceErrorsIncludedHasTheSameVary(string method, string url, string? accept)
    {
        foreach (var encoding in new[] { "", "br", "gzip" })
        {
            var headers = new List<(string, string)>();
            if (accept is not null)
            {
                headers.Add(("Accept", accept));
            }

            if (encoding.Length > 0)
            {
                headers.Add(("Accept-Encoding", encoding));
            }

            using var response = await Send(new HttpMethod(method), url, [.. headers]);

            Assert.True(Vary(response).SequenceEqual(ApiVary), $"{method} {url} ({(int)response.StatusCode}, Accept-Encoding '{encoding}'): Vary {string.Join(", ", Vary(response))}");
        }
    }

    [Fact]
    public async Task ANotAcceptableVariesByAccept()
    {
        using var response = await Send("/v1/readouts", ("Accept", "application/xml"));

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Contains("Accept", Vary(response));
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task HealthIsNoStoreAlone(string url)
    {
        using var response = await Send(url, ("Accept-Encoding", "br"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["no-store"], response.Headers.GetValues("Cache-Control"));
        Assert.False(response.Headers.Contains("Pragma"));
        Assert.Null(response.Content.Headers.Expires);
        Assert.False(response.Content.Headers.Contains("Expires"));
    }

    [Theory]
    [InlineData("/v1/claims", "application/json;q=0, */*;q=0.1", "text/csv")]
    [InlineData("/v1/readouts", "application/json;q=0, text/csv;q=0, */*", "application/x-ndjson")]
    [InlineData("/v1/claims", "application/json; charset=utf-8", "application/json")]
    [InlineData("/v1", "application/json; charset=UTF-8", "application/json")]
    [InlineData("/v1/claims", "text/csv;charset=utf-8;header=present", "text/csv")]
    [InlineData("/v1/readouts", "application/atom+xml;type=feed", "application/atom+xml")]
    [InlineData("/v1/readouts", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/json")]
    [InlineData("/v1/readouts", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8", "application/json")]
    public async Task AcceptIsNegotiatedToTheLetter(string url, string accept, string mediaType)
    {
        using var response = await Send(url, ("Accept", accept));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/v1", "application/json;q=0, */*;q=0.1")]
    [InlineData("/v1/claims", "application/json;charset=iso-8859-1")]
    [InlineData("/v1/readouts", "application/xml")]
    [InlineData("/v1/readouts", "text/xml")]
    [InlineData("/v1/readouts", "application/xml, text/xml;q=0.5")]
    [InlineData("/v1/readouts/2025-05-10-rubio-dar", "application/xml")]
    public async Task WhatTheClientRulesOutOrNamesWithoutMatchIsNotAcceptable(string url, string accept)
    {
        using var response = await Send(url, ("Accept", accept));

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ApiVary, Vary(response));
    }
}
