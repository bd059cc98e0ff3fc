using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ReadoutApi.Seed;
using ReadoutApi.Snapshots;

namespace ReadoutApi.Tests.Support;

/// <summary>
/// The real app over the seed data (through WebApplicationFactory, on a fake clock), and a stream of random edits of
/// readouts and claims swapped into its store as reloads: the ground on which cursor walks are tried.
/// </summary>
internal sealed class ReloadingWorld : IDisposable
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

    /// <summary>A random list request (without its limit) of one of the collections, sorts and filters given, and a limit.</summary>
    public (string Url, int Limit) RandomQuery(IReadOnlyList<(string Path, string[] Sorts, string[] Filters)> queries)
    {
        var (path, sorts, filters) = queries[_random.Next(queries.Count)];
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

    // A claim of one kind: eventKinds begins with eventKind.
    private static ClaimRecord WithKind(ClaimRecord claim, string kind) => claim with { EventKind = kind, EventKinds = [kind] };

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
                claims.Add(WithKind(claims[c] with { Id = $"{claims[c].Id}-{_edits}", Date = day }, Pick(Vocabulary.EventKinds)));
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
                claims[c] = WithKind(claims[c], Pick(Vocabulary.EventKinds));
                break;
        }

        return data with { Readouts = readouts, Claims = claims };
    }

    private string Pick(IReadOnlyList<string> values) => values[_random.Next(values.Count)];

    /// <summary>A record's identity in a list: its type and id (timeline items of different types may share an id).</summary>
    public static string Key(JsonObject record) => record["type"] is { } type ? $"{type}/{record["id"]}" : (string)record["id"]!;
}
