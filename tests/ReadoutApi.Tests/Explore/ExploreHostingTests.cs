using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using ReadoutApi.Http;

namespace ReadoutApi.Tests.Explore;

/// <summary>
/// How the app serves the explorer's files (wwwroot/explore): the page at /explore with or without a slash, its assets
/// cached for a year under their hashed names, the page revalidated by ETag, a strict Content-Security-Policy, and a
/// rate-limit budget of its own, apart from the API's.
/// </summary>
public partial class ExploreHostingTests : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client;

    public ExploreHostingTests(ApiFactory factory) => _client = factory.CreateClient();

    [GeneratedRegex("""(?:src|href)="(/explore/[^"]+)""")]
    private static partial Regex PageLinks();

    [Theory]
    [InlineData("/explore")]
    [InlineData("/explore/")]
    [InlineData("/explore/index.html")]
    [InlineData("/Explore")]
    public async Task ThePageIsServedWithItsPolicyAndIsRevalidatedByETag(string path)
    {
        using var response = await _client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>ReadoutApi explorer</title>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ExplorerFiles.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var etag = response.Headers.ETag!;
        Assert.True(etag.IsWeak);

        using var again = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { IfNoneMatch = { etag } } };
        using var notModified = await _client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);
    }

    [Fact]
    public async Task EveryFileThePageLoadsIsThereAndItsHashedNameIsCachedForAYear()
    {
        var page = await _client.GetStringAsync("/explore");
        var links = PageLinks().Matches(page).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains(links, l => l.StartsWith("/explore/assets/explorer-", StringComparison.Ordinal) && l.EndsWith(".js", StringComparison.Ordinal));
        Assert.Contains(links, l => l.StartsWith("/explore/assets/explorer-style-", StringComparison.Ordinal) && l.EndsWith(".css", StringComparison.Ordinal));
        // Nothing in the page or its script names another origin to load from.
        Assert.DoesNotMatch("""(?:src|href)="(?:https?:)?//""", page);

        foreach (var link in links)
        {
            using var response = await _client.GetAsync(link);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{link}: {response.StatusCode}");
            Assert.Equal(
                link.StartsWith("/explore/assets/", StringComparison.Ordinal) ? ExplorerFiles.ImmutableCacheControl : ExplorerFiles.RevalidateCacheControl,
                response.Headers.CacheControl?.ToString());
            Assert.Equal(ExplorerFiles.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        }
    }

    [Fact]
    public async Task ACompressedFileHasTheSameWeakETagAsTheFileItself()
    {
        using var plain = await _client.GetAsync("/explore");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/explore") { Headers = { AcceptEncoding = { new StringWithQualityHeaderValue("br") } } };
        using var compressed = await _client.SendAsync(request);
        Assert.Equal("br", compressed.Content.Headers.ContentEncoding.Single());
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.True(compressed.Headers.ETag!.IsWeak);
        Assert.Equal(plain.Headers.ETag, compressed.Headers.ETag);
        Assert.Equal("Accept-Encoding", string.Join(", ", compressed.Headers.Vary));
    }

    [Theory]
    [InlineData("/explore/nothing-here.js")]
    [InlineData("/explorer")]
    [InlineData("/explore/../seed/claims.json")]
    public async Task OtherPathsAreNotFound(string path)
    {
        using var response = await _client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task TheExplorersFilesDrawOnTheDocsBudgetNotTheApis()
    {
        await using var factory = new ApiFactory(new() { ["RateLimiting:PermitLimit"] = "3", ["RateLimiting:WindowSeconds"] = "3600" });
        var client = factory.CreateClient();
        using var first = await client.GetAsync("/v1/countries");
        Assert.Equal("2", first.Headers.GetValues("RateLimit-Remaining").Single());
        using var page = await client.GetAsync("/explore");
        Assert.Equal("2", page.Headers.GetValues("RateLimit-Remaining").Single());
        using var second = await client.GetAsync("/v1/countries");
        Assert.Equal("1", second.Headers.GetValues("RateLimit-Remaining").Single());
    }

    [Fact]
    public async Task TheSwaggerPageLinksToTheExplorer()
    {
        var document = await _client.GetStringAsync("/swagger/v1/swagger.json");
        Assert.Contains("[the explorer](/explore)", document, StringComparison.Ordinal);
    }
}
