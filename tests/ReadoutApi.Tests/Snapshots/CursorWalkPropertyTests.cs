using System.Text.Json.Nodes;
using ReadoutApi.Querying;
using ReadoutApi.Seed;
using ReadoutApi.Snapshots;

namespace ReadoutApi.Tests.Snapshots;

/// <summary>
/// Random cursor walks with random reloads between pages (inserts, deletes, date, title, status and event-kind changes),
/// across collections, sorts, directions and filters, through the real app. While a walk's snapshot is held, it returns
/// exactly the records of that snapshot, once each, in order; once held snapshots are gone, it goes on by sort key and
/// neither skips nor repeats a record whose sort key did not change.
/// </summary>
public sealed class CursorWalkPropertyTests
{
    private static readonly (string Path, string[] Sorts, string[] Filters)[] Queries =
    [
        ("/v1/readouts", ["date", "-date", "id", "-id", "title", "-title"], ["", "&participant=ishaq-dar", "&country=IN"]),
        ("/v1/claims", ["date", "-date", "id", "-id", "status", "-status", "eventKind", "-eventKind"], ["", "&place=rafiqui-air-base", "&claimant=ahmed-sharif-chaudhry"]),
        ("/v1/timeline", ["date", "-date", "type", "-type"], ["", "&type=claim"]),
    ];

    [Fact]
    public async Task WithinTheKeepAliveEveryWalkReturnsExactlyTheRecordsOfItsStartingSnapshotOnceEachInOrder()
    {
        using var world = new ReloadingWorld(seed: 1401, held: 1);
        for (var walk = 0; walk < 120; walk++)
        {
            var (url, limit) = world.RandomQuery(Queries);
            var expected = await world.All(url);
            var origin = world.Store.Current.Version;
            var pages = new List<JsonObject>();
            string? next = $"{url}&limit={limit}";
            while (next is not null)
            {
                var page = await world.Get(next);
                pages.Add(page);
                Assert.Equal(origin, (string?)page["meta"]!["dataVersion"]);
                Assert.False((bool)page["meta"]!["crossedChange"]!, $"walk {walk}: a held walk is not a crossed one");
                next = (string?)page["links"]!["next"];
                world.ReloadSometimes(Keys(page));
            }

            var walked = pages.SelectMany(Keys).ToList();
            Assert.True(expected.Select(e => e.Key).SequenceEqual(walked), $"walk {walk} of {url}&limit={limit}: expected [{string.Join(", ", expected.Select(e => e.Key))}], got [{string.Join(", ", walked)}]");

            if (walk % 3 == 0 && pages.Count > 1)
            {
                // Back from the last page by prev links: the same pages, in reverse.
                var back = new List<string>();
                for (var prev = (string?)pages[^1]["links"]!["prev"]; prev is not null;)
                {
                    var page = await world.Get(prev);
                    Assert.Equal(origin, (string?)page["meta"]!["dataVersion"]);
                    back.InsertRange(0, Keys(page));
                    prev = (string?)page["links"]!["prev"];
                    world.ReloadSometimes(Keys(page));
                }

                Assert.Equal(walked.SkipLast(Keys(pages[^1]).Count()), back);
            }
        }

        Assert.True(world.Reloads > 150, $"only {world.Reloads} reloads happened during the walks");
    }

    [Fact]
    public async Task WithHeldSnapshotsForcedOutAWalkNeitherSkipsNorRepeatsARecordWhoseSortKeyDidNotChange()
    {
        using var world = new ReloadingWorld(seed: 1402, held: 0);
        var crossed = 0;
        for (var walk = 0; walk < 100; walk++)
        {
            var (url, limit) = world.RandomQuery(Queries);
            var sortField = url.Split("sort=")[1].Split('&')[0].TrimStart('-');
            var states = new List<Dictionary<string, string?>> { await SortKeys(world, url, sortField) };
            var walked = new List<string>();
            string? next = $"{url}&limit={limit}";
            var reloaded = false;
            while (next is not null)
            {
                var page = await world.Get(next);
                walked.AddRange(Keys(page));
                Assert.Equal(world.Store.Current.Version, (string?)page["meta"]!["dataVersion"]);
                Assert.Equal(reloaded, (bool)page["meta"]!["crossedChange"]!);
                crossed += reloaded ? 1 : 0;
                next = (string?)page["links"]!["next"];
                if (next is not null && world.ReloadSometimes(Keys(page)))
                {
                    reloaded = true;
                    states.Add(await SortKeys(world, url, sortField));
                }
            }

            // Records in the result of every state the walk saw, with the same sort key in each.
            var stable = states[0].Keys.Where(key => states.All(s => s.TryGetValue(key, out var value) && value == states[0][key])).ToList();
            foreach (var key in stable)
            {
                var seen = walked.Count(k => k == key);
                Assert.True(seen == 1, $"walk {walk} of {url}&limit={limit}: {key}, whose sort key never changed, was returned {seen} times");
            }
        }

        Assert.True(crossed > 50, $"only {crossed} pages crossed a change");
    }

    [Fact]
    public async Task AHeldSnapshotIsReleasedAfterTheKeepAliveWithoutUseAndTheWalkThenCrossesTheChange()
    {
        using var world = new ReloadingWorld(seed: 1403, held: 1, keepAliveSeconds: 300);
        var first = await world.Get("/v1/claims?limit=2&sort=date");
        var origin = (string)first["meta"]!["dataVersion"]!;
        world.Reload();

        world.Clock.Advance(TimeSpan.FromSeconds(299));
        var second = await world.Get((string)first["links"]!["next"]!);
        Assert.Equal(origin, (string?)second["meta"]!["dataVersion"]);
        Assert.Contains(origin, world.Store.HeldVersions);

        // Each page used it again: 299 s after the second page it is still held; 301 s after, it is gone.
        world.Clock.Advance(TimeSpan.FromSeconds(299));
        Assert.Contains(origin, world.Store.HeldVersions);
        world.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.DoesNotContain(origin, world.Store.HeldVersions);

        var third = await world.Get((string)second["links"]!["next"]!);
        Assert.Equal(world.Store.Current.Version, (string?)third["meta"]!["dataVersion"]);
        Assert.True((bool)third["meta"]!["crossedChange"]!);
    }

    [Fact]
    public async Task ASnapshotNoWalkUsedIsNotHeldAndAtMostTheConfiguredNumberAreHeld()
    {
        using var world = new ReloadingWorld(seed: 1404, held: 2);
        world.Reload();
        Assert.Empty(world.Store.HeldVersions);

        var versions = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var page = await world.Get("/v1/readouts?limit=1&sort=id");
            versions.Add((string)page["meta"]!["dataVersion"]!);
            world.Clock.Advance(TimeSpan.FromSeconds(1));
            world.Reload();
        }

        Assert.Equal(versions[^2..].Order(), world.Store.HeldVersions.Order());
    }

    [Fact]
    public async Task AWalkByTitlesLongerThanACursorCarriesWholeGoesOnAcrossAChange()
    {
        using var world = new ReloadingWorld(seed: 1405, held: 0);
        var ids = new List<string>();
        world.Replace(data => data with
        {
            // Twelve readouts whose titles run to 3,000 characters: no two share their first 1,000, and an astral
            // character straddles the place a cursor cuts a key.
            Readouts = [.. Enumerable.Range(0, 12).Select(i => data.Readouts[i % data.Readouts.Count] with
            {
                Id = $"long-title-{i:D2}",
                Title = new string((char)('a' + (i * 7 % 12)), 999) + "\U0001F6F0" + new string('z', 2000) + i,
            })],
        });
        string? next = "/v1/readouts?sort=title&limit=1";
        while (next is not null)
        {
            Assert.True(next.Length < CursorCodec.MaxTokenLength, $"a link of {next.Length} characters");
            var page = await world.Get(next);
            ids.AddRange(Keys(page));
            next = (string?)page["links"]!["next"];
            world.Replace(data => data with { Readouts = [.. data.Readouts.Reverse()] });
        }

        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"readout/long-title-{i:D2}").OrderBy(k => (char)('a' + (int.Parse(k[^2..]) * 7 % 12))), ids);
    }

    private static async Task<Dictionary<string, string?>> SortKeys(ReloadingWorld world, string url, string field)
    {
        var all = await world.All(url);
        return all.ToDictionary(e => e.Key, e => field switch
        {
            "status" => (string?)e.Record["verification"]!["status"],
            _ => e.Record[field]?.ToString(),
        });
    }

    private static IEnumerable<string> Keys(JsonObject page) => page["data"]!.AsArray().Select(r => ReloadingWorld.Key(r!.AsObject()));
}
