using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;

namespace ReadoutApi.Tests.Snapshots;

/// <summary>Edits of a watched seed folder: valid ones are swapped in whole, invalid ones never served.</summary>
public sealed class HotReloadTests : IAsyncDisposable
{
    private readonly SeedCopy _seed = new();
    private readonly ApiFactory _factory;
    private readonly HttpClient _client;
    private readonly string _original;

    public HotReloadTests()
    {
        _original = File.ReadAllText(ReadoutsFile);
        _factory = new ApiFactory(new() { ["Seed:Path"] = _seed.Folder, ["Seed:Watch"] = "true", ["Seed:DebounceMilliseconds"] = "50", ["Health:ShowDetails"] = "true" });
        _client = _factory.CreateClient();
    }

    private string ReadoutsFile => _seed.FileOf("readouts.json");

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        _seed.Dispose();
    }

    private static string Variant(string text, int n) =>
        text.Replace("Recorded as 9 May.", $"Recorded as 9 May (revision {n}).", StringComparison.Ordinal);

    private async Task<JsonNode> WaitFor(Func<JsonNode, bool> condition, string url = "/health/ready")
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            using var response = await _client.GetAsync(url);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            if (condition(body))
            {
                return body;
            }

            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting on {url}: {body.ToJsonString()}");
            await Task.Delay(50);
        }
    }

    private static string Version(JsonNode health) => (string)health["checks"]!["snapshot"]!["data"]!["dataVersion"]!;

    [Fact]
    public async Task GoodThenBadThenGoodKeepsServingTheLastGoodData()
    {
        var start = await WaitFor(h => (string)h["status"]! == "Healthy");
        var firstVersion = Version(start);

        // Bad: a dangling reference. Readiness says Degraded with the file and the place; the old data is served.
        File.WriteAllText(ReadoutsFile, _original.Replace("\"personId\": \"ishaq-dar\"", "\"personId\": \"ishaq-darr\"", StringComparison.Ordinal));
        var degraded = await WaitFor(h => (string)h["status"]! == "Degraded");
        Assert.Equal(firstVersion, Version(degraded));
        var problem = (string)degraded["checks"]!["snapshot"]!["data"]!["lastReloadError"]!["problems"]![0]!;
        Assert.Matches(@"readouts\.json:\d+ \$\.readouts\[1\]\.participants\[1\]\.personId: unknown person 'ishaq-darr'", problem);
        Assert.Equal(["2025-05-10-rubio-dar"], (await _client.GetJson("/v1/readouts?participant=ishaq-dar")).Ids());

        // Good again, and changed: swapped in, readiness recovers, ETags follow.
        using var before = await _client.GetAsync("/v1/readouts/2025-05-09-rubio-munir");
        using var listBefore = await _client.GetAsync("/v1/readouts");
        File.WriteAllText(ReadoutsFile, Variant(_original, 1));
        var recovered = await WaitFor(h => (string)h["status"]! == "Healthy" && Version(h) != firstVersion);
        Assert.Equal(Version(recovered), (string)(await _client.GetJson("/v1"))["dataVersion"]!);
        using var after = await _client.GetAsync("/v1/readouts/2025-05-09-rubio-munir");
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
        Assert.Contains("(revision 1)", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(after.Content.Headers.LastModified >= before.Content.Headers.LastModified);

        // The default page is rendered once per snapshot: the new snapshot renders its own.
        using var listAfter = await _client.GetAsync("/v1/readouts");
        Assert.NotEqual(listBefore.Headers.ETag, listAfter.Headers.ETag);
        Assert.DoesNotContain("(revision 1)", await listBefore.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("(revision 1)", await listAfter.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadersDuringSwapsSeeNo5xxAndNeverAMixOfTwoSnapshots()
    {
        await WaitFor(h => (string)h["status"]! == "Healthy");
        var seen = new ConcurrentDictionary<string, ConcurrentBag<string>>(); // body -> ETags it came with
        var failures = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var requests = 0;

        async Task Read()
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await _client.GetAsync("/v1/readouts?limit=100");
                Interlocked.Increment(ref requests);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"{(int)response.StatusCode}: {body}");
                    continue;
                }

                seen.GetOrAdd(body, _ => []).Add(response.Headers.ETag!.Tag);
            }
        }

        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(Read)).ToArray();
        for (var revision = 1; revision <= 4; revision++)
        {
            var expected = $"(revision {revision})";
            File.WriteAllText(ReadoutsFile, Variant(_original, revision));
            await WaitFor(page => page.ToJsonString().Contains(expected, StringComparison.Ordinal), "/v1/readouts?limit=100");
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);

        Assert.Empty(failures);
        Assert.True(requests > 50, $"only {requests} reads");
        // Every body served is exactly one revision's whole page, and each always came with the same ETag.
        var revisions = seen.Keys.Select(body => System.Text.RegularExpressions.Regex.Matches(body, @"\(revision \d\)").Select(m => m.Value).Distinct().ToArray()).ToArray();
        Assert.All(revisions, r => Assert.True(r.Length <= 1, "a body mixes revisions"));
        Assert.All(seen.Values, etags => Assert.Single(etags.Distinct()));
        Assert.Equal(seen.Count, seen.Values.Select(e => e.First()).Distinct().Count());
        Assert.True(seen.Count >= 4, $"only {seen.Count} distinct snapshots were seen");
    }

    [Fact]
    public async Task AFileTurnedIntoAFifoKeepsTheLastGoodDataServedAndRecovers()
    {
        var start = await WaitFor(h => (string)h["status"]! == "Healthy");

        // A FIFO would block a reader until a writer comes; the reload must neither hang nor stop the host.
        File.Delete(ReadoutsFile);
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [ReadoutsFile]))
        {
            await mkfifo.WaitForExitAsync();
        }

        var degraded = await WaitFor(h => (string)h["status"]! == "Degraded");
        Assert.Equal(Version(start), Version(degraded));
        var data = degraded["checks"]!["snapshot"]!["data"]!;
        Assert.Equal(Version(start), (string)start["checks"]!["snapshot"]!["data"]!["diskVersion"]!);
        Assert.NotEqual(Version(start), (string)data["diskVersion"]!);
        Assert.NotNull(data["diskDiffersSince"]);
        var problem = (string)data["lastReloadError"]!["problems"]![0]!;
        Assert.Contains("readouts.json", problem, StringComparison.Ordinal);
        Assert.Contains("not a regular file", problem, StringComparison.Ordinal);
        Assert.Equal(3, (await _client.GetJson("/v1/readouts")).Ids().Count());

        File.Delete(ReadoutsFile);
        File.WriteAllText(ReadoutsFile, Variant(_original, 7));
        var recovered = await WaitFor(h => (string)h["status"]! == "Healthy" && Version(h) != Version(start));
        Assert.Null(recovered["checks"]!["snapshot"]!["data"]!["lastReloadError"]);
        Assert.Equal(Version(recovered), (string)recovered["checks"]!["snapshot"]!["data"]!["diskVersion"]!);
        Assert.Null(recovered["checks"]!["snapshot"]!["data"]!["diskDiffersSince"]);
        Assert.Contains("(revision 7)", (await _client.GetJson("/v1/readouts")).ToJsonString(), StringComparison.Ordinal);
    }
}
