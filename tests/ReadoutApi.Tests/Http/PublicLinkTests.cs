using System.Net;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using ReadoutApi.Http;

namespace ReadoutApi.Tests.Http;

/// <summary>
/// Links that survive proxies: Atom links on PublicBaseUrl or the request's valid origin (with an ETag per origin), ids
/// that do not depend on the host, invalid Hosts refused, forwarded headers trusted only from known proxies.
/// </summary>
public class PublicLinkTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Theory]
    [InlineData("localhost")]
    [InlineData("localhost:5080")]
    [InlineData("127.0.0.1:5480")]
    [InlineData("[::1]:8080")]
    [InlineData("[2001:db8::1]")]
    [InlineData("api.example.org")]
    [InlineData("API.Example.org.")]
    [InlineData("api-a:8080")]
    [InlineData("readoutapi_api_1:65535")]
    public void AHostNameOrAddressWithAPortInRangeIsValid(string host) => Assert.True(PublicLinks.IsValidHost(host));

    [Theory]
    [InlineData("a..b")]
    [InlineData("a~b")]
    [InlineData("evil.example:99999")]
    [InlineData("evil.example:0")]
    [InlineData("evil.example:")]
    [InlineData("evil.example:80:80")]
    [InlineData(".a")]
    [InlineData("-a.example")]
    [InlineData("a b")]
    [InlineData("[::1")]
    [InlineData("[::1]x")]
    [InlineData("[fe80::1%25eth0]")]
    [InlineData("[127.0.0.1]")]
    [InlineData("user@host")]
    public void AnythingElseIsNot(string host) => Assert.False(PublicLinks.IsValidHost(host));

    [Theory]
    [InlineData("a..b", "/v1/readouts?format=atom")]
    [InlineData("a~b", "/v1/readouts?format=atom")]
    [InlineData("evil.example:99999", "/v1/claims?format=atom")]
    [InlineData("a..b", "/v1")]
    [InlineData("a..b", "/health/live")]
    public async Task AnInvalidHostIsA400Problem(string host, string url)
    {
        var context = await Send(factory.Server, url, host);

        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
        Assert.StartsWith("application/problem+json", context.Response.ContentType);
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync();
        Assert.Contains("Host", body);
    }

    [Fact]
    public async Task AtomIdsAreTheSameWhateverTheHostAndSchemeWhileLinksAndETagsFollowTheOrigin()
    {
        const string url = "/v1/claims?format=atom&limit=3";
        var one = await Send(factory.Server, url, "one.example:8443", "https");
        var two = await Send(factory.Server, url, "two.example");
        var (oneFeed, twoFeed) = (await Feed(one), await Feed(two));

        Assert.Equal(Ids(oneFeed), Ids(twoFeed));
        Assert.All(Ids(oneFeed), id => Assert.StartsWith(PublicLinks.TagPrefix, id));
        Assert.Contains($"{PublicLinks.TagPrefix}/v1/claims/", Ids(oneFeed)[1]);
        Assert.Equal($"{PublicLinks.TagPrefix}/v1/claims", Ids(oneFeed)[0]);
        Assert.All(Links(oneFeed), href => Assert.StartsWith("https://one.example:8443/", href));
        Assert.All(Links(twoFeed), href => Assert.StartsWith("http://two.example/", href));
        Assert.NotEqual(one.Response.Headers.ETag.ToString(), two.Response.Headers.ETag.ToString());

        // The same origin gets the same ETag (Host is case-insensitive).
        var again = await Send(factory.Server, url, "TWO.example");
        Assert.Equal(two.Response.Headers.ETag.ToString(), again.Response.Headers.ETag.ToString());
    }

    [Fact]
    public async Task TheFeedIdNamesTheQueryNotThePage()
    {
        var first = await Feed(await Send(factory.Server, "/v1/claims?format=atom&limit=2&status=unverified", "a.example"));
        var next = Href(first, "next")!;
        var second = await Feed(await Send(factory.Server, new Uri(next).PathAndQuery, "a.example"));

        Assert.Equal($"{PublicLinks.TagPrefix}/v1/claims?status=unverified", Ids(first)[0]);
        Assert.Equal(Ids(first)[0], Ids(second)[0]);
    }

    [Fact]
    public async Task WithPublicBaseUrlEveryLinkIsOnItWhateverTheHost()
    {
        await using var configured = new ApiFactory(new Dictionary<string, string?> { ["PublicBaseUrl"] = "https://api.example.org/" });
        const string url = "/v1/readouts?format=atom&limit=2";
        var evil = await Send(configured.Server, url, "evil.example");
        var good = await Send(configured.Server, url, "localhost");
        var feed = await Feed(evil);

        Assert.All(Links(feed), href => Assert.StartsWith("https://api.example.org/v1/", href));
        Assert.Equal(Ids(await Feed(good)), Ids(feed));
        Assert.Equal(good.Response.Headers.ETag.ToString(), evil.Response.Headers.ETag.ToString());
    }

    [Theory]
    [InlineData("api.example.org")]
    [InlineData("ftp://api.example.org")]
    [InlineData("https://api.example.org/readouts")]
    [InlineData("https://api.example.org/?a=b")]
    [InlineData("https://user@api.example.org")]
    public void AnInvalidPublicBaseUrlStopsTheStart(string value)
    {
        using var configured = new ApiFactory(new Dictionary<string, string?> { ["PublicBaseUrl"] = value });

        var error = Assert.ThrowsAny<Exception>(() => configured.CreateClient());
        Assert.Contains("PublicBaseUrl", error.ToString());
    }

    [Fact]
    public async Task AFeedChosenByAcceptLinksToFeeds()
    {
        var context = await Send(factory.Server, "/v1/readouts?limit=2", "localhost", accept: "application/atom+xml");
        Assert.StartsWith("application/atom+xml", context.Response.ContentType);
        var feed = await Feed(context);
        var self = Href(feed, "self")!;
        var next = Href(feed, "next")!;
        Assert.Contains("format=atom", self);
        Assert.Contains("format=atom", next);
        Assert.Contains("format=atom", context.Response.Headers.Link.ToString());

        using var client = factory.CreateClient();
        foreach (var link in new[] { self, next })
        {
            using var followed = await client.GetAsync(new Uri(link).PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
            Assert.Equal("application/atom+xml", followed.Content.Headers.ContentType!.MediaType);
        }

        // format= given already is not repeated.
        var explicitFeed = await Feed(await Send(factory.Server, "/v1/readouts?format=ATOM&limit=2", "localhost"));
        Assert.DoesNotContain("format=atom", Href(explicitFeed, "self")!);
        Assert.Contains("format=ATOM", Href(explicitFeed, "next")!);
    }

    [Fact]
    public async Task ForwardedHostAndProtoAreHonouredOnlyFromATrustedProxy()
    {
        static void Forwarded(HttpContext c, string from)
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse(from);
            c.Request.Headers["X-Forwarded-For"] = "198.51.100.7";
            c.Request.Headers["X-Forwarded-Host"] = "proxy.example:5480";
            c.Request.Headers["X-Forwarded-Proto"] = "https";
        }

        var trusted = await Feed(await Send(factory.Server, "/v1/readouts?format=atom&limit=1", "api-a:8080", configure: c => Forwarded(c, "127.0.0.1")));
        var untrusted = await Feed(await Send(factory.Server, "/v1/readouts?format=atom&limit=1", "api-a:8080", configure: c => Forwarded(c, "203.0.113.9")));

        Assert.All(Links(trusted), href => Assert.StartsWith("https://proxy.example:5480/", href));
        Assert.All(Links(untrusted), href => Assert.StartsWith("http://api-a:8080/", href));

        // A trusted proxy's invalid X-Forwarded-Host is refused like an invalid Host.
        var invalid = await Send(factory.Server, "/v1/readouts?format=atom", "api-a:8080", configure: c =>
        {
            Forwarded(c, "127.0.0.1");
            c.Request.Headers["X-Forwarded-Host"] = "a..b";
        });
        Assert.Equal(StatusCodes.Status400BadRequest, invalid.Response.StatusCode);
    }

    internal static Task<HttpContext> Send(
        TestServer server, string url, string host, string scheme = "http", string? accept = null, Action<HttpContext>? configure = null) =>
        server.SendAsync(c =>
        {
            var query = url.IndexOf('?');
            c.Request.Method = HttpMethods.Get;
            c.Request.Scheme = scheme;
            c.Request.Host = new HostString(host);
            c.Request.Path = query < 0 ? url : url[..query];
            c.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(url[query..]);
            if (accept is not null)
            {
                c.Request.Headers.Accept = accept;
            }

            configure?.Invoke(c);
        });

    private static async Task<XElement> Feed(HttpContext context)
    {
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        return XElement.Parse(await new StreamReader(context.Response.Body).ReadToEndAsync());
    }

    // The feed's id, then each entry's.
    private static List<string> Ids(XElement feed) =>
        [(string)feed.Element(Atom + "id")!, .. feed.Elements(Atom + "entry").Select(e => (string)e.Element(Atom + "id")!)];

    // Every href in the feed: its own links and its entries'.
    private static List<string> Links(XElement feed) =>
        [.. feed.Descendants(Atom + "link").Select(l => (string)l.Attribute("href")!)];

    private static string? Href(XElement feed, string rel) =>
        (string?)feed.Elements(Atom + "link").SingleOrDefault(l => (string?)l.Attribute("rel") == rel)?.Attribute("href");
}
