using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text.Json.Nodes;

namespace ReadoutApi.Tests.Changes;

/// <summary>
/// The change feed's promise, end to end: a client lists everything once, then follows the feed while the seed files
/// are edited at random (creates, updates and deletes across collections, each picked up by hot reload), and ends with
/// a copy equal to the final lists, record for record and version for version. Once by polling, once over the event
/// stream with a dropped connection resumed by <c>Last-Event-ID</c>.
/// </summary>
public sealed class ChangeFeedSyncTests : IAsyncDisposable
{
    private const int MinimumEdits = 100;
    private readonly SeedCopy _seed = new();
    private readonly ApiFactory _factory;
    private readonly HttpClient _client;

    public ChangeFeedSyncTests()
    {
        _factory = new ApiFactory(new() { ["Seed:Path"] = _seed.Folder, ["Seed:Watch"] = "true", ["Seed:DebounceMilliseconds"] = "50" });
        _client = _factory.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        _seed.Dispose();
    }

    [Fact]
    public async Task APollingClientEndsWithAnExactCopy()
    {
        var token = await Now();
        var copy = await ListEverything();
        var editor = new SeedEditor(_seed, randomSeed: 17);
        for (var round = 0; editor.Edits < MinimumEdits; round++)
        {
            await EditAndWaitForReload(editor);
            if (round % 3 == 0)
            {
                token = await Follow(copy, token);
            }
        }

        token = await Follow(copy, token);

        Assert.True(editor.Edits >= MinimumEdits);
        AssertSameRecords(await ListEverything(), copy);
        Assert.Equal(await Now(), token);
    }

    [Fact]
    public async Task AnEventStreamClientResumesADroppedConnectionByLastEventId()
    {
        var token = await Now();
        var copy = await ListEverything();
        var editor = new SeedEditor(_seed, randomSeed: 29);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var editing = Task.Run(async () =>
        {
            while (editor.Edits < MinimumEdits)
            {
                await EditAndWaitForReload(editor);
            }
        });

        // The first connection reads some events and drops.
        var lastEventId = await Stream(copy, ("since", token), stopAfter: count => count >= 40, timeout.Token);
        Assert.NotNull(lastEventId);

        // The second resumes where the first stopped, as EventSource does (Last-Event-ID, no since), until it has
        // seen the last event once the edits are done.
        await editing;
        var final = await Now();
        var resumedAt = await Stream(copy, ("Last-Event-ID", lastEventId!), stopAfter: _ => false, timeout.Token, until: final);

        Assert.Equal(final, resumedAt);
        AssertSameRecords(await ListEverything(), copy);
    }

    // Reads the stream, applying each change, until stopAfter says so or the event `until` arrives; returns the last id.
    private async Task<string?> Stream(
        Dictionary<(string, string), JsonObject> copy, (string Name, string Value) from, Func<int, bool> stopAfter, CancellationToken cancellationToken,
        string? until = null)
    {
        var url = "/v1/changes?feed=eventsource&include=records" + (from.Name == "since" ? $"&since={from.Value}" : "");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (from.Name != "since")
        {
            request.Headers.Add(from.Name, from.Value);
        }

        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var (count, last) = (0, (string?)null);
        await foreach (var item in SseParser.Create(body).EnumerateAsync(cancellationToken))
        {
            if (item.EventType != "change")
            {
                continue;
            }

            Apply(copy, JsonNode.Parse(item.Data)!.AsObject());
            (count, last) = (count + 1, item.EventId);
            if (stopAfter(count) || last == until)
            {
                break;
            }
        }

        return last;
    }

    private async Task<string> Follow(Dictionary<(string, string), JsonObject> copy, string token)
    {
        while (true)
        {
            var page = await _client.GetJson($"/v1/changes?since={token}&include=records&limit=25");
            foreach (var change in page["data"]!.AsArray())
            {
                Apply(copy, change!.AsObject());
            }

            token = (string)page["meta"]!["next"]!;
            if (!(bool)page["meta"]!["more"]!)
            {
                return token;
            }
        }
    }

    private static void Apply(Dictionary<(string, string), JsonObject> copy, JsonObject change)
    {
        var key = ((string)change["collection"]!, (string)change["id"]!);
        if ((string)change["action"]! == "deleted" || change["record"] is not JsonObject record)
        {
            // Deleted; or changed and then gone by now (its own deletion follows).
            copy.Remove(key);
        }
        else
        {
            copy[key] = (JsonObject)record.DeepClone();
        }
    }

    private async Task<string> Now() => (string)(await _client.GetJson("/v1/changes?since=now"))["meta"]!["next"]!;

    private async Task<Dictionary<(string, string), JsonObject>> ListEverything()
    {
        var records = new Dictionary<(string, string), JsonObject>();
        // Every collection whose records are served one by one; the timeline is a view of readouts, claims and statements.
        foreach (var collection in (await _client.GetJson("/v1"))["collections"]!.AsArray().Where(c => (string)c!["name"]! != "timeline"))
        {
            var name = (string)collection!["name"]!;
            var lines = (await _client.GetStringAsync($"/v1/{name}?format=ndjson")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            foreach (var line in lines)
            {
                var record = JsonNode.Parse(line)!.AsObject();
                records.Add((name, (string)record["id"]!), record);
            }
        }

        return records;
    }

    private static void AssertSameRecords(Dictionary<(string, string), JsonObject> expected, Dictionary<(string, string), JsonObject> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (key, record) in expected)
        {
            Assert.Equal((string)record["meta"]!["version"]!, (string)actual[key]["meta"]!["version"]!);
            Assert.True(JsonNode.DeepEquals(record, actual[key]), $"{key} differs");
        }
    }

    private async Task EditAndWaitForReload(SeedEditor editor)
    {
        var before = (string)(await _client.GetJson("/v1"))["dataVersion"]!;
        editor.Round(5);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((string)(await _client.GetJson("/v1"))["dataVersion"]! == before)
        {
            Assert.True(DateTime.UtcNow < deadline, "the edit was not reloaded");
            await Task.Delay(25);
        }
    }
}
