using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ReadoutApi.Http;

namespace ReadoutApi.Tests.Http;

/// <summary>
/// One client must not starve others: requests spend their cost, health probes nothing, the docs a budget of their own,
/// preflights count, and an IPv6 subscriber is one client however many addresses of its /64 it uses.
/// </summary>
public class RateLimitTests
{
    [Fact]
    public async Task OverTheLimitIs429ProblemWithRetryAfter()
    {
        await using var factory = new ApiFactory(new() { ["RateLimiting:PermitLimit"] = "3", ["RateLimiting:WindowSeconds"] = "3600" });
        var client = factory.CreateClient();

        var remaining = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.GetAsync("/v1/readouts");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("3", ok.Headers.GetValues("RateLimit-Limit").Single());
            remaining.Add(ok.Headers.GetValues("RateLimit-Remaining").Single());
        }

        Assert.Equal(["2", "1", "0"], remaining);
        using var limited = await client.GetAsync("/v1/readouts");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        var retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 3600);
        Assert.Equal(retryAfter.ToString(CultureInfo.InvariantCulture), limited.Headers.GetValues("RateLimit-Reset").Single());
        Assert.Equal("0", limited.Headers.GetValues("RateLimit-Remaining").Single());
        var problem = JsonNode.Parse(await limited.Content.ReadAsStringAsync())!;
        Assert.Equal(429, (int)problem["status"]!);
        Assert.Equal("/v1/readouts", (string)problem["instance"]!);
        Assert.Equal(1, MeterReading.Observe(factory.Services, "readoutapi.rejections", ("limiter", "rate_limit"), ("budget", "api")));
        Assert.Equal(0, MeterReading.Observe(factory.Services, "readoutapi.rejections", ("limiter", "rate_limit"), ("budget", "docs")));
    }

    [Fact]
    public async Task HealthProbesAreNeverLimitedNorCounted()
    {
        await using var factory = Limited(2);
        var client = factory.CreateClient();
        for (var i = 0; i < 2; i++)
        {
            (await client.GetAsync("/v1/countries")).EnsureSuccessStatusCode();
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/v1/countries")).StatusCode);
        foreach (var path in Enumerable.Repeat(new[] { "/health/live", "/health/ready" }, 5).SelectMany(p => p))
        {
            using var probe = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
            Assert.False(probe.Headers.Contains("RateLimit-Remaining"), $"{path} reports a quota it does not draw on");
        }
    }

    [Fact]
    public async Task TheDocsHaveABudgetOfTheirOwn()
    {
        await using var factory = Limited(2);
        var client = factory.CreateClient();
        for (var i = 0; i < 2; i++)
        {
            (await client.GetAsync("/v1/countries")).EnsureSuccessStatusCode();
        }

        using var document = await client.GetAsync("/swagger/v1/swagger.json");
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Equal("1", document.Headers.GetValues("RateLimit-Remaining").Single());
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/v1/countries")).StatusCode);
    }

    [Fact]
    public async Task AnExportAndASearchSpendMoreOfTheQuotaThanAPage()
    {
        await using var factory = new ApiFactory(new() { ["RateLimiting:PermitLimit"] = "30", ["RateLimiting:WindowSeconds"] = "3600", ["RateLimiting:ExportCost"] = "20", ["RateLimiting:SearchCost"] = "3" });
        var client = factory.CreateClient();

        Assert.Equal("10", await Remaining(client, "/v1/claims?format=csv"));
        Assert.Equal("7", await Remaining(client, "/v1/claims?q=missiles"));
        Assert.Equal("6", await Remaining(client, "/v1/claims"));
        using var export = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/readouts") { Headers = { { "Accept", "application/x-ndjson" } } });
        Assert.Equal(HttpStatusCode.TooManyRequests, export.StatusCode);
        Assert.Contains("an export counts as 20", await export.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("5", await Remaining(client, "/v1/claims"));
    }

    [Theory]
    [InlineData("/v1/claims", "text/csv;q=0, application/json", 1)]
    [InlineData("/v1/claims", "application/json, text/csv;q=0.5", 1)]
    [InlineData("/v1/claims", "text/csv, application/json;q=0.5", 20)]
    [InlineData("/v1/claims?format=json", "text/csv", 1)]
    [InlineData("/v1/claims/2025-05-10-pakistan-retaliatory-strikes?format=csv", "", 1)]
    [InlineData("/v1/countries?format=ndjson", "", 20)]
    public async Task AnExportIsCountedAsTheHandlerNegotiatesIt(string path, string accept, int cost)
    {
        await using var factory = new ApiFactory(new() { ["RateLimiting:PermitLimit"] = "100", ["RateLimiting:WindowSeconds"] = "3600", ["RateLimiting:ExportCost"] = "20" });
        var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((100 - cost).ToString(CultureInfo.InvariantCulture), response.Headers.GetValues("RateLimit-Remaining").Single());
    }

    [Fact]
    public async Task PreflightsCountAndTheirRefusalIsReadableByTheBrowser()
    {
        await using var factory = Limited(2);
        var client = factory.CreateClient();
        HttpRequestMessage Preflight() => new(HttpMethod.Options, "/v1/claims")
        {
            Headers = { { "Origin", "https://dashboard.example" }, { "Access-Control-Request-Method", "GET" } },
        };

        for (var i = 0; i < 2; i++)
        {
            using var allowed = await client.SendAsync(Preflight());
            Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        }

        using var refused = await client.SendAsync(Preflight());
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("*", refused.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:ffff", true)]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1", false)]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7", true)]
    [InlineData("192.0.2.7", "192.0.2.8", false)]
    public void AnIpv6ClientIsItsSlash64(string a, string b, bool same) =>
        Assert.Equal(same, ClientRateLimiter.ClientOf(IPAddress.Parse(a)) == ClientRateLimiter.ClientOf(IPAddress.Parse(b)));

    private static ApiFactory Limited(int permits) =>
        new(new() { ["RateLimiting:PermitLimit"] = permits.ToString(CultureInfo.InvariantCulture), ["RateLimiting:WindowSeconds"] = "3600" });

    private static async Task<string> Remaining(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("RateLimit-Remaining").Single();
    }
}
