using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ReadoutApi.Snapshots;

namespace ReadoutApi.Tests.Changes;

/// <summary>
/// Tokens, tombstones, versions and the limits of waiting requests: what a client of the feed relies on besides the
/// sync loop (ChangeFeedSyncTests).
/// </summary>
public sealed class ChangeFeedTests : IDisposable
{
    private const string Claim = "2025-05-10-cruise-missiles-intercepted-at-rafiqui";
    private readonly SeedCopy _seed = new();
    private readonly string _state = Path.Combine(Path.GetTempPath(), "readoutapi-state-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        _seed.Dispose();
        if (Directory.Exists(_state))
        {
            Directory.Delete(_state, recursive: true);
        }
    }

    private ApiFactory App(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?> { ["Seed:Path"] = _seed.Folder, ["State:Path"] = Path.Combine(_state, "journal.db") };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return new ApiFactory(settings);
    }

    private void DeleteTheClaim() => _seed.Edit("claims.json", text =>
    {
        var document = JsonNode.Parse(text)!;
        var claims = document["claims"]!.AsArray();
        claims.Remove(claims.Single(c => (string)c!["id"]! == Claim));
        return document.ToJsonString();
    });

    [Fact]
    public async Task WithAStatePathARestartKeepsTokensValidAndTimesKept()
    {
        string token;
        JsonNode before;
        await using (var first = App())
        {
            var client = first.CreateClient();
            token = (string)(await client.GetJson("/v1/changes?since=now"))["meta"]!["next"]!;
            before = (await client.GetJson($"/v1/claims/{Claim}"))["meta"]!;
        }

        DeleteTheClaim();
        await using var second = App();
        var again = second.CreateClient();
        var page = await again.GetJson($"/v1/changes?since={token}");

        // The change made while the service was down is found against the journal's last state: a tombstone.
        var tombstone = Assert.Single(page["data"]!.AsArray(), e => (string)e!["collection"]! == "claims");
        Assert.Equal(Claim, (string)tombstone!["id"]!);
        Assert.Equal("deleted", (string)tombstone["action"]!);
        Assert.Equal((string)before["version"]!, (string)tombstone["version"]!);
        Assert.Null(tombstone["record"]);
        // Records that did not change keep the times the first run gave them.
        var person = await again.GetJson("/v1/people/ishaq-dar");
        await using var third = App();
        Assert.Equal((string)person["meta"]!["firstSeen"]!, (string)(await third.CreateClient().GetJson("/v1/people/ishaq-dar"))["meta"]!["firstSeen"]!);
    }

    [Fact]
    public async Task ATokenTheJournalCannotAnswerIsA410AndNotATokenIsA400()
    {
        string foreign;
        await using (var other = new ApiFactory())
        {
            foreign = (string)(await other.CreateClient().GetJson("/v1/changes?since=now"))["meta"]!["next"]!;
        }

        await using var app = App();
        var client = app.CreateClient();
        var gone = await client.GetProblem($"/v1/changes?since={foreign}", 410);
        Assert.Contains("since=now", (string)gone["detail"]!, StringComparison.Ordinal);

        // The same journal, but an event that is not there (a token from a restored older copy would name one).
        var own = (string)(await client.GetJson("/v1/changes?since=now"))["meta"]!["next"]!;
        var bytes = Convert.FromBase64String(own.Replace('-', '+').Replace('_', '/') + "=");
        bytes[^1] ^= 1;
        var forged = Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await client.GetProblem($"/v1/changes?since={forged}", 410);

        var bad = await client.GetProblem("/v1/changes?since=not-a-token&limit=0&collection=timeline", 400);
        Assert.Equal(["collection", "limit", "since"], bad["errors"]!.AsObject().Select(e => e.Key).Order());
    }

    [Fact]
    public async Task ARecordsETagAndLastModifiedFollowItsOwnChangesOnly()
    {
        await using var app = App();
        var client = app.CreateClient();
        using var first = await client.GetAsync("/v1/people/ishaq-dar");
        var etag = first.Headers.ETag!;
        var meta = JsonNode.Parse(await first.Content.ReadAsStringAsync())!["meta"]!;
        Assert.Equal(DateTimeOffset.Parse((string)meta["lastChanged"]!, System.Globalization.CultureInfo.InvariantCulture), first.Content.Headers.LastModified);

        // Another record changes: this one's validators hold (a 304); the changed one's do not.
        using var claimBefore = await client.GetAsync($"/v1/claims/{Claim}");
        DeleteTheClaim();
        Assert.True(app.Services.GetRequiredService<SnapshotLoader>().Reload());
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/v1/people/ishaq-dar") { Headers = { IfNoneMatch = { etag } } };
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(conditional)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/v1/claims/{Claim}")).StatusCode);
    }

    [Fact]
    public async Task ReplicasWithJournalsOfTheirOwnNeverSendOneStrongETagForDifferentBytes()
    {
        // Two replicas, each with its own journal, started a day apart: same record, same version, other times.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var first = App().WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(clock)));
        var firstClient = first.CreateClient();
        using var fromFirst = await firstClient.GetAsync($"/v1/claims/{Claim}");
        clock.Advance(TimeSpan.FromDays(1));
        await using var own = new ApiFactory(new() { ["Seed:Path"] = _seed.Folder })
            .WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(clock)));
        using var fromOwn = await own.CreateClient().GetAsync($"/v1/claims/{Claim}");
        var metaFirst = JsonNode.Parse(await fromFirst.Content.ReadAsStringAsync())!["meta"]!;
        var metaOwn = JsonNode.Parse(await fromOwn.Content.ReadAsStringAsync())!["meta"]!;
        Assert.Equal((string)metaFirst["version"]!, (string)metaOwn["version"]!);
        Assert.NotEqual((string)metaFirst["firstSeen"]!, (string)metaOwn["firstSeen"]!);
        Assert.NotEqual(fromFirst.Headers.ETag, fromOwn.Headers.ETag);

        // A replica sharing the first one's journal sends the same bytes, so the same ETag.
        await using var sharing = App().WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(clock)));
        using var fromSharing = await sharing.CreateClient().GetAsync($"/v1/claims/{Claim}");
        Assert.Equal(await fromFirst.Content.ReadAsStringAsync(), await fromSharing.Content.ReadAsStringAsync());
        Assert.Equal(fromFirst.Headers.ETag, fromSharing.Headers.ETag);
    }

    [Fact]
    public async Task MetaIsInEveryRepresentationOfARecord()
    {
        await using var app = App();
        var client = app.CreateClient();
        var json = await client.GetJson($"/v1/claims/{Claim}");
        var version = (string)json["meta"]!["version"]!;
        Assert.Matches("^[0-9a-f]{32}$", version);

        var csv = (await client.GetStringAsync($"/v1/claims/{Claim}?format=csv")).Split("\r\n");
        Assert.EndsWith(",version,firstSeen,lastChanged", csv[0], StringComparison.Ordinal);
        Assert.Contains($",{version},", csv[1], StringComparison.Ordinal);
        Assert.Contains($"\"version\":\"{version}\"", await client.GetStringAsync("/v1/claims?format=ndjson"), StringComparison.Ordinal);
        Assert.Equal(version, (string)(await client.GetJson($"/v1/claims/{Claim}?fields=meta"))["meta"]!["version"]!);

        // Atom: an entry's <updated> is the record's last change, <published> its date.
        var lastChanged = DateTimeOffset.Parse((string)json["meta"]!["lastChanged"]!, System.Globalization.CultureInfo.InvariantCulture);
        var feed = System.Xml.Linq.XDocument.Parse(await client.GetStringAsync("/v1/claims?format=atom&limit=100"));
        System.Xml.Linq.XNamespace atom = "http://www.w3.org/2005/Atom";
        var entry = feed.Root!.Elements(atom + "entry").Single(e => e.Element(atom + "id")!.Value.EndsWith(Claim, StringComparison.Ordinal));
        Assert.Equal(lastChanged, DateTimeOffset.Parse(entry.Element(atom + "updated")!.Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.StartsWith("2025-05-10", entry.Element(atom + "published")!.Value, StringComparison.Ordinal);

        // JSON-LD: the ClaimReview's version and dateModified.
        var review = await client.GetJson($"/v1/claims/{Claim}?format=jsonld");
        Assert.Equal(version, (string)review["version"]!);
        Assert.Equal(lastChanged, DateTimeOffset.Parse((string)review["dateModified"]!, System.Globalization.CultureInfo.InvariantCulture));

        // A change event carries its sequence number beside its token.
        var first = (await client.GetJson("/v1/changes?limit=2"))["data"]!.AsArray();
        Assert.True((long)first[0]!["seq"]! < (long)first[1]!["seq"]!);
    }

    [Fact]
    public async Task AClientOverItsStreamLimitGetsA429AndALongPollReturnsOnTheNextChange()
    {
        await using var app = App(new() { ["Changes:MaxStreamsPerClient"] = "1" });
        var client = app.CreateClient();
        var now = (string)(await client.GetJson("/v1/changes?since=now"))["meta"]!["next"]!;
        using var stream = await client.GetAsync($"/v1/changes?feed=eventsource&since={now}", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        Assert.Equal(1, OpenStreams(app));

        var refused = await client.GetProblem($"/v1/changes?feed=longpoll&since={now}", 429);
        Assert.Contains("1 event streams or long polls", (string)refused["detail"]!, StringComparison.Ordinal);
        Assert.Equal(1, OpenStreams(app));
        Assert.Equal(1, MeterReading.Observe(app.Services, "readoutapi.rejections", ("limiter", "change_streams"), ("scope", "client")));
        stream.Dispose();

        // Once the stream is gone its slot is free: a long poll waits, and returns the change made meanwhile.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        Task<HttpResponseMessage> poll;
        do
        {
            await Task.Delay(50);
            poll = client.GetAsync($"/v1/changes?feed=longpoll&timeout=20&since={now}");
            await Task.WhenAny(poll, Task.Delay(300));
        }
        while (poll.IsCompleted && (await poll).StatusCode == HttpStatusCode.TooManyRequests && DateTime.UtcNow < deadline);

        Assert.Equal(1, OpenStreams(app));

        DeleteTheClaim();
        Assert.True(app.Services.GetRequiredService<SnapshotLoader>().Reload());
        var page = JsonNode.Parse(await (await poll).Content.ReadAsStringAsync())!;
        Assert.Contains(page["data"]!.AsArray(), e => (string)e!["id"]! == Claim && (string)e["action"]! == "deleted");
        Assert.Equal(0, OpenStreams(app));
    }

    // The operators' gauge of waiting requests (readoutapi_changes_streams): the stream, then the long poll, never the refused one.
    private static long OpenStreams(ApiFactory app) => MeterReading.Observe(app.Services, "readoutapi.changes.streams");
}
