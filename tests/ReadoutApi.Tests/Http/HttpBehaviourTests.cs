using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CodeHollow.FeedReader;
using CsvHelper;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace ReadoutApi.Tests.Http;

/// <summary>Conditional requests, methods, compression, CORS, identity and security headers, and the formats.</summary>
public class HttpBehaviourTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static HttpRequestMessage Get(string url, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    [Fact]
    public async Task EveryOkCarriesCachingHeaders()
    {
        using var response = await _client.GetAsync("/v1/readouts");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.Equal("public, max-age=60", response.Headers.CacheControl!.ToString());
        Assert.Equal(["Accept", "Accept-Encoding"], response.Headers.Vary.Order());
    }

    [Theory]
    [InlineData("/v1")]
    [InlineData("/v1/claims?place=rafiqui-air-base")]
    [InlineData("/v1/readouts/2025-05-10-rubio-dar")]
    [InlineData("/v1/timeline?format=atom")]
    public async Task IfNoneMatchWithTheETagGets304WithoutBody(string url)
    {
        using var first = await _client.GetAsync(url);
        var etag = first.Headers.ETag!.Tag;

        using var second = await _client.SendAsync(Get(url, ("If-None-Match", etag)));
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, second.Headers.ETag!.Tag);

        using var other = await _client.SendAsync(Get(url, ("If-None-Match", "\"something-else\"")));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        using var any = await _client.SendAsync(Get(url, ("If-None-Match", "*")));
        Assert.Equal(HttpStatusCode.NotModified, any.StatusCode);
    }

    [Fact]
    public async Task IfModifiedSinceTheLoadTimeGets304AndEarlierGets200()
    {
        using var first = await _client.GetAsync("/v1/people");
        var lastModified = first.Content.Headers.LastModified!.Value;

        using var same = await _client.SendAsync(Get("/v1/people", ("If-Modified-Since", lastModified.ToString("R", CultureInfo.InvariantCulture))));
        Assert.Equal(HttpStatusCode.NotModified, same.StatusCode);
        using var earlier = await _client.SendAsync(Get("/v1/people", ("If-Modified-Since", lastModified.AddSeconds(-1).ToString("R", CultureInfo.InvariantCulture))));
        Assert.Equal(HttpStatusCode.OK, earlier.StatusCode);
    }

    [Fact]
    public async Task ConditionalHeadersNeverTurnAnErrorInto304()
    {
        using var missing = await _client.SendAsync(Get("/v1/readouts/nobody", ("If-None-Match", "*"), ("If-Modified-Since", DateTimeOffset.UtcNow.AddDays(1).ToString("R", CultureInfo.InvariantCulture))));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var invalid = await _client.SendAsync(Get("/v1/readouts?limit=0", ("If-None-Match", "*")));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Null(invalid.Headers.ETag);
    }

    [Fact]
    public async Task ETagsDifferPerQueryAndPerFormat()
    {
        var urls = new[] { "/v1/claims", "/v1/claims?limit=2", "/v1/claims?format=csv", "/v1/claims?eventKind=strike", "/v1/readouts" };
        var etags = new List<string>();
        foreach (var url in urls)
        {
            using var response = await _client.GetAsync(url);
            etags.Add(response.Headers.ETag!.Tag);
        }

        using var csvByAccept = await _client.SendAsync(Get("/v1/claims", ("Accept", "text/csv")));
        etags.Add(csvByAccept.Headers.ETag!.Tag);
        Assert.Equal(etags.Count, etags.Distinct().Count());

        using var again = await _client.GetAsync("/v1/claims");
        Assert.Equal(etags[0], again.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task ETagsAndLastModifiedChangeWhenTheDataChanges()
    {
        using var changed = new SeedCopy();
        changed.Edit("claims.json", text => text.Replace("Said in a live broadcast aired by state television.", "Said in a live broadcast.", StringComparison.Ordinal));
        await using var other = new ApiFactory(new() { ["Seed:Path"] = changed.Folder });

        using var before = await _client.GetAsync("/v1/claims");
        using var after = await other.CreateClient().GetAsync("/v1/claims");
        Assert.NotEqual(before.Headers.ETag!.Tag, after.Headers.ETag!.Tag);
        Assert.NotEqual((string)(await _client.GetJson("/v1"))["dataVersion"]!, (string)(await other.CreateClient().GetJson("/v1"))["dataVersion"]!);
    }

    [Theory]
    [InlineData("/v1")]
    [InlineData("/v1/readouts")]
    [InlineData("/v1/places/rafiqui-air-base")]
    [InlineData("/v1/timeline?format=atom")]
    public async Task HeadAnswersLikeGetWithoutABody(string url)
    {
        using var get = await _client.GetAsync(url);
        using var head = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("POST", "/v1/readouts")]
    [InlineData("PUT", "/v1/readouts/2025-05-10-rubio-dar")]
    [InlineData("DELETE", "/v1/claims/2025-05-10-no-damage-from-missiles")]
    [InlineData("PATCH", "/v1")]
    public async Task OtherMethodsAre405ProblemsWithAllow(string method, string url)
    {
        using var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent("{}") });

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow.Order());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(405, (int)problem["status"]!);
        Assert.Equal(url, (string)problem["instance"]!);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task CompressedResponsesDecodeToTheSameJson(string encoding)
    {
        var plain = await _client.GetStringAsync("/v1/claims?limit=100");

        using var response = await _client.SendAsync(Get("/v1/claims?limit=100", ("Accept-Encoding", encoding)));
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        await using var compressed = await response.Content.ReadAsStreamAsync();
        await using Stream decoded = encoding == "br" ? new BrotliStream(compressed, CompressionMode.Decompress) : new GZipStream(compressed, CompressionMode.Decompress);
        using var reader = new StreamReader(decoded);
        var body = await reader.ReadToEndAsync();
        Assert.Equal(plain, body);
        Assert.True(plain.Length > 5000);

        // The compressed representation has its own strong ETag, and revalidates.
        var etag = response.Headers.ETag!.Tag;
        Assert.EndsWith($"-{encoding}\"", etag, StringComparison.Ordinal);
        using var revalidated = await _client.SendAsync(Get("/v1/claims?limit=100", ("Accept-Encoding", encoding), ("If-None-Match", etag)));
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    [Fact]
    public async Task CorsPreflightAllowsGetAndHeadFromAnyOrigin()
    {
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/v1/readouts");
        preflight.Headers.Add("Origin", "https://dashboard.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "if-none-match");
        using var response = await _client.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("GET", response.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        Assert.Contains("HEAD", response.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CorsSimpleRequestExposesETagLinkAndRateLimitHeaders()
    {
        using var response = await _client.SendAsync(Get("/v1/claims?limit=2", ("Origin", "https://dashboard.example")));

        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var exposed = response.Headers.GetValues("Access-Control-Expose-Headers").SelectMany(v => v.Split(',')).Select(v => v.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.Superset(new HashSet<string>(["ETag", "Link", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Retry-After", "X-Request-Id"], StringComparer.OrdinalIgnoreCase), exposed);
    }

    [Fact]
    public async Task LongUrlsGetStableAndDistinctETags()
    {
        // A URL too long for the stack buffer the ETag is hashed from takes the other path; same rules.
        var url = "/v1/claims?" + string.Join('&', Enumerable.Repeat("country=IN", 300));
        using var first = await _client.GetAsync(url);
        using var again = await _client.GetAsync(url);
        using var other = await _client.GetAsync(url + "&country=PK");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
        Assert.NotEqual(first.Headers.ETag, other.Headers.ETag);

        using var revalidated = await _client.SendAsync(Get(url, ("If-None-Match", first.Headers.ETag!.Tag)));
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    [Fact]
    public async Task SaneRequestIdIsEchoedAndOthersAreReplaced()
    {
        using var sane = await _client.SendAsync(Get("/v1", ("X-Request-Id", "client-42.abc:7")));
        Assert.Equal("client-42.abc:7", sane.Headers.GetValues("X-Request-Id").Single());

        foreach (var insane in new[] { "has spaces", new string('a', 200), "<script>" })
        {
            using var response = await _client.SendAsync(Get("/v1", ("X-Request-Id", insane)));
            Assert.Matches("^[0-9a-f]{32}$", response.Headers.GetValues("X-Request-Id").Single());
        }

        using var none = await _client.GetAsync("/v1/readouts/nobody");
        Assert.Matches("^[0-9a-f]{32}$", none.Headers.GetValues("X-Request-Id").Single());
    }

    [Fact]
    public async Task RequestIdAppearsInTheRequestLogLine()
    {
        var sink = new CollectingSink();
        using var logged = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ILogEventSink>(sink)));
        var client = logged.CreateClient();

        using var response = await client.SendAsync(Get("/v1/claims?limit=1", ("X-Request-Id", "trace-me-123")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The line is written as the request completes, which may be just after the client has the response.
        static bool IsOurs(LogEvent e) => e.MessageTemplate.Text.StartsWith("HTTP ", StringComparison.Ordinal) &&
            e.Properties.TryGetValue("RequestId", out var id) && id.ToString() == "\"trace-me-123\"";
        for (var wait = 0; wait < 100 && !sink.Events.Any(IsOurs); wait++)
        {
            await Task.Delay(20);
        }

        var line = Assert.Single(sink.Events.ToArray(), IsOurs);
        Assert.Equal("\"GET\"", line.Properties["RequestMethod"].ToString());
        Assert.Equal("\"/v1/claims\"", line.Properties["RequestPath"].ToString());
        Assert.Equal("200", line.Properties["StatusCode"].ToString());
        Assert.True(line.Properties.ContainsKey("Elapsed"));
    }

    [Fact]
    public async Task SecurityHeadersAreOnEveryResponse()
    {
        foreach (var url in new[] { "/v1", "/v1/nothing", "/v1/readouts?limit=0", "/swagger/index.html" })
        {
            using var response = await _client.GetAsync(url);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        }
    }

    [Fact]
    public async Task CsvReadsBackWithACsvParserOneRowPerRecord()
    {
        var total = (int)(await _client.GetJson("/v1/claims?limit=1"))["meta"]!["total"]!;
        using var response = await _client.GetAsync("/v1/claims?format=csv&limit=1");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);

        using var reader = new StringReader(await response.Content.ReadAsStringAsync());
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(total, rows.Count);
        var broadcast = rows.Single(r => (string)r["id"] == "2025-05-10-india-hit-three-air-bases-all-intercepted");
        Assert.Equal("India hit Nur Khan Air Base, Shorkot Air Base and Murid Air Base from their jets, all were intercepted", broadcast["quote"]);
        Assert.Equal("nur-khan-air-base; rafiqui-air-base; murid-air-base", broadcast["places"]);
        Assert.Equal("unverified", broadcast["verificationStatus"]);
    }

    [Fact]
    public async Task CsvByAcceptHeaderWorksForEveryCollection()
    {
        foreach (var collection in new[] { "readouts", "claims", "statements", "people", "organizations", "countries", "places", "sources", "timeline" })
        {
            using var response = await _client.SendAsync(Get($"/v1/{collection}", ("Accept", "text/csv")));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            var total = (int)(await _client.GetJson($"/v1/{collection}"))["meta"]!["total"]!;
            using var csv = new CsvReader(new StringReader(await response.Content.ReadAsStringAsync()), CultureInfo.InvariantCulture);
            Assert.Equal(total, csv.GetRecords<dynamic>().Count());
        }
    }

    [Theory]
    [InlineData("/v1/claims")]
    [InlineData("/v1/timeline?country=PK")]
    [InlineData("/v1/readouts?participant=marco-rubio")]
    [InlineData("/v1/sources?q=munir")]
    public async Task NdjsonHasOneLinePerMatchingRecord(string url)
    {
        var total = (int)(await _client.GetJson(url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "limit=1"))["meta"]!["total"]!;
        using var response = await _client.SendAsync(Get(url, ("Accept", "application/x-ndjson")));
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);

        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(total, lines.Length);
        Assert.All(lines, line => Assert.False(string.IsNullOrEmpty((string?)JsonNode.Parse(line)!["id"])));
    }

    [Theory]
    [InlineData("readouts", 3)]
    [InlineData("claims", 9)]
    [InlineData("statements", 3)]
    [InlineData("timeline", 15)]
    public async Task AtomFeedParsesWithOneEntryPerRecordLinkingToTheJson(string collection, int count)
    {
        using var response = await _client.SendAsync(Get($"/v1/{collection}?limit=100", ("Accept", "application/atom+xml")));
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);

        var feed = FeedReader.ReadFromString(await response.Content.ReadAsStringAsync());
        Assert.Equal(FeedType.Atom, feed.Type);
        Assert.Equal(count, feed.Items.Count);
        foreach (var item in feed.Items)
        {
            Assert.False(string.IsNullOrWhiteSpace(item.Title));
            var record = await _client.GetJson(new Uri(item.Link).PathAndQuery);
            Assert.Equal(new Uri(item.Link).Segments[^1], Uri.EscapeDataString((string)record["id"]!));
        }
    }

    [Theory]
    [InlineData("/v1/readouts", "image/png")]
    [InlineData("/v1/people", "application/atom+xml")]
    [InlineData("/v1/readouts/2025-05-10-rubio-dar", "application/atom+xml")]
    [InlineData("/v1", "text/csv")]
    public async Task UnsatisfiableAcceptIs406Problem(string url, string accept)
    {
        using var response = await _client.SendAsync(Get(url, ("Accept", accept)));
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(url.Split('?')[0], (string)problem["instance"]!);
        Assert.NotNull(problem["traceId"]);
    }

    [Fact]
    public async Task FormatParameterWinsOverAcceptAndIsValidated()
    {
        using var csv = await _client.SendAsync(Get("/v1/claims?format=csv", ("Accept", "application/json")));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        await _client.GetProblem("/v1/claims?format=xml", 400);
        await _client.GetProblem("/v1/people?format=atom", 400);
        using var weighted = await _client.SendAsync(Get("/v1/claims", ("Accept", "text/csv;q=0.5, application/x-ndjson")));
        Assert.Equal("application/x-ndjson", weighted.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OpenApiDocumentsFormatsAndConditionalAndErrorResponses()
    {
        var document = await _client.GetJson("/swagger/v1/swagger.json");
        var list = document["paths"]!["/v1/claims"]!["get"]!;
        Assert.Equal(
            ["application/atom+xml", "application/json", "application/ld+json", "application/x-ndjson", "text/csv"],
            list["responses"]!["200"]!["content"]!.AsObject().Select(c => c.Key).Order());
        // JSON-LD is the claims' alone: on their record too, not on other records.
        Assert.Equal(
            ["application/json", "application/ld+json", "application/x-ndjson", "text/csv"],
            document["paths"]!["/v1/claims/{id}"]!["get"]!["responses"]!["200"]!["content"]!.AsObject().Select(c => c.Key).Order());
        Assert.Equal(
            ["application/json", "application/x-ndjson", "text/csv"],
            document["paths"]!["/v1/readouts/{id}"]!["get"]!["responses"]!["200"]!["content"]!.AsObject().Select(c => c.Key).Order());
        foreach (var status in new[] { "304", "400", "405", "406", "429" })
        {
            Assert.True(list["responses"]!.AsObject().ContainsKey(status), $"no {status}");
        }

        var format = list["parameters"]!.AsArray().Single(p => (string)p!["name"]! == "format")!;
        Assert.Equal(["atom", "csv", "json", "jsonld", "ndjson"], format["schema"]!["enum"]!.AsArray().Select(v => (string)v!).Order());
    }

    private sealed class CollectingSink : ILogEventSink
    {
        public System.Collections.Concurrent.ConcurrentQueue<LogEvent> Events { get; } = new();

        public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);
    }
}

public class ServerHeaderTests
{
    [Fact]
    public async Task TheRealServerSendsNoServerBanner()
    {
        var port = 20000 + Random.Shared.Next(20000);
        await using var app = AppProcess.Start("--urls", $"http://127.0.0.1:{port}", "--Seed:Path", TestPaths.RepoSeed, "--Seed:Watch", "false");
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        HttpResponseMessage? response = null;
        for (var attempt = 0; attempt < 300 && response is null; attempt++)
        {
            try
            {
                response = await client.GetAsync("/v1");
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        Assert.NotNull(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
