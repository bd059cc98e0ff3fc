using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
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
            var (url, limit) = world.RandomQuery();
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
            var (url, limit) = world.RandomQuery();
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

    private static IEnumerable<string> Keys(JsonObject page) => page["data"]!.AsArray().Select(r => Key(r!.AsObject()));

    private static string Key(JsonObject record) => record["type"] is { } type ? $"{type}/{record["id"]}" : (string)record["id"]!;

    /// <summary>The app over the seed data, and a stream of random edits swapped in as reloads.</summary>
    private sealed class ReloadingWorld : IDisposable
    {
        private static readonly string[] Titles = ["Call with Dar", "call with dar", "Call with Jaishankar", "Readout", "Zeta", "alpha"];
        private readonly Random _random;
        private readonly ApiFactory _app;
        private readonly WebApplicationFactory<Program> _factory;
        private readonly HttpClient _client;
        private readonly Mapster.TypeAdapterConfig _mapping = MappingConfig.Create();
        private SeedData _data;
        private int _edits;

        public ReloadingWorld(int seed, int held, int keepAliveSeconds = 300)
        {
            _random = new Random(seed);
            _data = SeedLoader.Load(TestPaths.RepoSeed).GetDataOrThrow();
            _app = new ApiFactory(new Dictionary<string, string?>
            {
                ["Cursor:HeldSnapshots"] = held.ToString(CultureInfo.InvariantCulture),
                ["Cursor:KeepAliveSeconds"] = keepAliveSeconds.ToString(CultureInfo.InvariantCulture),
            });
            _factory = _app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock)));
            _client = _factory.CreateClient();
            Store = _factory.Services.GetRequiredService<SnapshotStore>();
        }

        public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

        public SnapshotStore Store { get; }

        public int Reloads { get; private set; }

        public (string Url, int Limit) RandomQuery()
        {
            var (path, sorts, filters) = Queries[_random.Next(Queries.Length)];
            return ($"{path}?sort={sorts[_random.Next(sorts.Length)]}{filters[_random.Next(filters.Length)]}", _random.Next(1, 5));
        }

        public async Task<JsonObject> Get(string url)
        {
            Clock.Advance(TimeSpan.FromMilliseconds(50));
            using var response = await _client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {body}");
            return JsonNode.Parse(body)!.AsObject();
        }

        /// <summary>The whole result of a query in the current data, in order.</summary>
        public async Task<List<(string Key, JsonObject Record)>> All(string url)
        {
            var page = await Get($"{url}&limit=100");
            Assert.Null(page["links"]!["next"]);
            return [.. page["data"]!.AsArray().Select(r => (Key(r!.AsObject()), r!.AsObject()))];
        }

        /// <summary>
        /// Between two pages, reloads with one or two edits about half the time; half the edits touch a record of the page
        /// just served (its anchors among them), where a walk that trusted the anchor's old place would go wrong.
        /// </summary>
        public bool ReloadSometimes(IEnumerable<string> page)
        {
            if (_random.Next(2) == 0)
            {
                return false;
            }

            var ids = page.Select(key => key[(key.IndexOf('/', StringComparison.Ordinal) + 1)..]).ToArray();
            for (var i = _random.Next(1, 3); i > 0; i--)
            {
                Reload(_random.Next(2) == 0 && ids.Length > 0 ? ids[_random.Next(ids.Length)] : null);
            }

            return true;
        }

        /// <summary>A given edit, swapped in as a new snapshot.</summary>
        public void Replace(Func<SeedData, SeedData> edit)
        {
            _data = edit(_data);
            Store.Swap(Snapshot.Build(new SeedLoadResult(_data, [], $"edit-{++_edits:D5}"), _mapping, Clock));
            Reloads++;
        }

        /// <summary>One random edit of readouts or claims (of the record <paramref name="id"/> when it is one), swapped in as a new snapshot.</summary>
        public void Reload(string? id = null)
        {
            _data = Edit(_data, id);
            var version = $"edit-{++_edits:D5}";
            Store.Swap(Snapshot.Build(new SeedLoadResult(_data, [], version), _mapping, Clock));
            Reloads++;
        }

        public void Dispose()
        {
            _client.Dispose();
            _factory.Dispose();
            _app.Dispose();
        }

        private SeedData Edit(SeedData data, string? id)
        {
            var day = new DateOnly(2025, 5, 1).AddDays(_random.Next(15));
            List<ReadoutRecord> readouts = [.. data.Readouts];
            List<ClaimRecord> claims = [.. data.Claims];
            var r = readouts.FindIndex(x => x.Id == id) is var ri and >= 0 ? ri : _random.Next(readouts.Count);
            var c = claims.FindIndex(x => x.Id == id) is var ci and >= 0 ? ci : _random.Next(claims.Count);
            switch (_random.Next(8))
            {
                case 0 when readouts.Count < 30:
                    readouts.Add(readouts[r] with { Id = $"{readouts[r].Id}-{_edits}", Date = day, Title = Pick(Titles) });
                    break;
                case 1 when claims.Count < 40:
                    claims.Add(claims[c] with { Id = $"{claims[c].Id}-{_edits}", Date = day, EventKind = Pick(Vocabulary.EventKinds) });
                    break;
                case 2 when readouts.Count > 2:
                    readouts.RemoveAt(r);
                    break;
                case 3 when claims.Count > 2:
                    claims.RemoveAt(c);
                    break;
                case 4:
                    readouts[r] = readouts[r] with { Date = day };
                    break;
                case 5:
                    readouts[r] = readouts[r] with { Title = Pick(Titles) };
                    break;
                case 6:
                    claims[c] = claims[c] with { Date = day, Verification = claims[c].Verification with { Status = Pick(Vocabulary.VerificationStatuses) } };
                    break;
                default:
                    claims[c] = claims[c] with { EventKind = Pick(Vocabulary.EventKinds) };
                    break;
            }

            return data with { Readouts = readouts, Claims = claims };
        }

        private string Pick(IReadOnlyList<string> values) => values[_random.Next(values.Count)];
    }
}
