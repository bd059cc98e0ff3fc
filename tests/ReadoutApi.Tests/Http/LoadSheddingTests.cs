using System.Net;
using System.Text.Json.Nodes;

namespace ReadoutApi.Tests.Http;

/// <summary>
/// Exports written from the records and costly searches take turns, so they cannot take every processor from cheap
/// requests: with every turn taken and the queue full, one more is a 503 problem with Retry-After at once; a request
/// waiting longer than the timeout is stopped with a 503 problem; pages, records, cached exports and cheap searches
/// never wait.
/// </summary>
public class LoadSheddingTests(CorpusFixture corpus) : IClassFixture<CorpusFixture>
{
    // An export that is not read holds its turn: the server cannot write more than the transport buffers.
    private const string HeldExport = "/v1/readouts?format=ndjson";

    [Fact]
    public async Task WithEveryTurnTakenAndNoQueueAnExpensiveRequestIs503AndACheapOneIsServed()
    {
        await using var factory = Factory(queue: 0, timeoutSeconds: 60);
        var client = factory.CreateClient();
        using var held = await client.GetAsync(HeldExport, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);

        foreach (var path in new[] { "/v1/claims?format=csv", "/v1/claims?q=air", "/v1/timeline?format=ndjson" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Origin", "https://app.example");
            using var refused = await client.SendAsync(request);
            await AssertProblem(refused, "busy");
            Assert.Equal("1", refused.Headers.GetValues("Retry-After").Single());
            Assert.Equal("*", refused.Headers.GetValues("Access-Control-Allow-Origin").Single());
        }

        foreach (var path in new[] { "/v1/claims", "/v1/claims?limit=5&sort=-date", "/v1/readouts/" + corpus.Data.Readouts[0].Id, "/health/ready" })
        {
            using var cheap = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, cheap.StatusCode);
        }

        // Counted before the held export goes: until its turn is given back, the wait below may be refused a few times more.
        Assert.Equal(3, MeterReading.Observe(factory.Services, "readoutapi.rejections", ("limiter", "expensive_work")));
        Assert.Equal(0, MeterReading.Observe(factory.Services, "readoutapi.rejections", ("limiter", "request_timeout")));
        held.Dispose();
        await WaitUntil(async () => (await client.GetAsync("/v1/claims?q=air")).StatusCode == HttpStatusCode.OK);
    }

    [Fact]
    public async Task ARequestWaitingLongerThanTheTimeoutIsStoppedWith503()
    {
        await using var factory = Factory(queue: 1, timeoutSeconds: 0.5);
        var client = factory.CreateClient();
        using var held = await client.GetAsync(HeldExport, HttpCompletionOption.ResponseHeadersRead);

        var started = DateTime.UtcNow;
        using var waited = await client.GetAsync("/v1/claims?q=air");
        await AssertProblem(waited, "took longer than 0.5 s");
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.4), "the request was not made to wait for its turn");
        Assert.Equal(1, MeterReading.Observe(factory.Services, "readoutapi.rejections", ("limiter", "request_timeout")));
    }

    [Fact]
    public async Task AnExportBodyOnceBegunIsNotCutShortByTheTimeout()
    {
        await using var factory = Factory(queue: 1, timeoutSeconds: 0.2);
        var client = factory.CreateClient();
        using var response = await client.GetAsync(HeldExport, HttpCompletionOption.ResponseHeadersRead);
        await Task.Delay(TimeSpan.FromSeconds(0.6));

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(corpus.Data.Readouts.Count, FormatReaders.Ndjson(body).Count);
    }

    [Fact]
    public async Task ACachedExportAndACheapSearchTakeNoTurn()
    {
        await using var factory = Factory(queue: 0, timeoutSeconds: 60, searchPostings: 1_000_000, cacheMegabytes: 64);
        var client = factory.CreateClient();
        var cached = await client.GetByteArrayAsync("/v1/statements?format=csv");
        using var held = await client.GetAsync(HeldExport, HttpCompletionOption.ResponseHeadersRead);
        using var refused = await client.GetAsync("/v1/claims?format=ndjson&sort=id");
        await AssertProblem(refused, "busy");

        Assert.Equal(cached, await client.GetByteArrayAsync("/v1/statements?format=csv"));
        using var search = await client.GetAsync("/v1/claims?q=air");
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
    }

    // One turn; every search takes one (unless searchPostings is raised); no cache, so every export is written from
    // the records and the held one really streams.
    private ApiFactory Factory(int queue, double timeoutSeconds, long searchPostings = 0, int cacheMegabytes = 0) => new(new()
    {
        ["Seed:Path"] = corpus.Directory,
        ["Load:ExpensiveConcurrency"] = "1",
        ["Load:ExpensiveQueue"] = queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Load:RequestTimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Load:ExpensiveSearchPostings"] = searchPostings.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Exports:CacheMegabytes"] = cacheMegabytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    private static async Task AssertProblem(HttpResponseMessage response, string detail)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(503, (int)problem["status"]!);
        Assert.Contains(detail, (string)problem["detail"]!);
        Assert.NotNull(problem["traceId"]);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    private static async Task WaitUntil(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100 && !await condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(await condition(), "the turn was not given back");
    }
}
