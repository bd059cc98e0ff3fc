using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ReadoutApi.Tests.Snapshots;

/// <summary>
/// Every way a seed folder changes is seen, within twice the debounce (notifications) or the poll interval (the
/// periodic look): the Kubernetes ConfigMap swap, the folder moved away and made again, and a filesystem whose
/// notifications never arrive.
/// </summary>
public sealed class SeedWatchTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "readoutapi-watch-" + Guid.NewGuid().ToString("N"));

    public SeedWatchTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task TheConfigMapSwapIsSeenByNotificationsWithinTwiceTheDebounce()
    {
        // How the kubelet lays out a ConfigMap volume: files link into ..data, which links to a timestamped folder.
        var volume = Directory.CreateDirectory(Path.Combine(_root, "volume")).FullName;
        CopySeed(Path.Combine(volume, "..2026_11_30_01_00_00.1"), revision: null);
        File.CreateSymbolicLink(Path.Combine(volume, "..data"), "..2026_11_30_01_00_00.1");
        foreach (var file in Directory.GetFiles(TestPaths.RepoSeed, "*.json"))
        {
            File.CreateSymbolicLink(Path.Combine(volume, Path.GetFileName(file)), Path.Combine("..data", Path.GetFileName(file)));
        }

        await using var app = Start(volume, debounceMilliseconds: 1000, pollSeconds: 0, notifications: true);
        var first = await app.Version();

        // The update: a new timestamped folder and a new link (whose events settle and change nothing served), then
        // the link renamed over ..data in one step: that is the change to see.
        CopySeed(Path.Combine(volume, "..2026_11_30_01_05_00.2"), revision: 2);
        File.CreateSymbolicLink(Path.Combine(volume, "..data_tmp"), "..2026_11_30_01_05_00.2");
        await Task.Delay(TimeSpan.FromMilliseconds(3 * 1000));
        Assert.Equal(first, await app.Version());
        await app.AssertLoadedWithin(
            TimeSpan.FromMilliseconds(2 * 1000), revision: 2, () => Run("mv", "-T", Path.Combine(volume, "..data_tmp"), Path.Combine(volume, "..data")));
    }

    [Fact]
    public async Task AFolderMovedAwayAndMadeAgainIsSeenWithinTwiceThePollInterval()
    {
        var folder = Path.Combine(_root, "seed");
        CopySeed(folder, revision: null);
        await using var app = Start(folder, debounceMilliseconds: 50, pollSeconds: 2, notifications: true);
        Directory.Move(folder, folder + ".old");

        await app.AssertLoadedWithin(TimeSpan.FromSeconds(2 * 2), revision: 3, () => CopySeed(folder, revision: 3));
    }

    [Fact]
    public async Task WithoutNotificationsTheLookEveryPollIntervalSeesAnEditWithinTwiceIt()
    {
        var folder = Path.Combine(_root, "seed");
        CopySeed(folder, revision: null);
        await using var app = Start(folder, debounceMilliseconds: 50, pollSeconds: 2, notifications: false);
        var readouts = Path.Combine(folder, "readouts.json");

        await app.AssertLoadedWithin(TimeSpan.FromSeconds(2 * 2), revision: 4, () => File.WriteAllText(readouts, Revise(File.ReadAllText(readouts), 4)));
    }

    private static Watched Start(string folder, int debounceMilliseconds, int pollSeconds, bool notifications) => new(new ApiFactory(new()
    {
        ["Seed:Path"] = folder,
        ["Seed:Watch"] = "true",
        ["Seed:DebounceMilliseconds"] = debounceMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Seed:PollSeconds"] = pollSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Seed:Notifications"] = notifications ? "true" : "false",
    }));

    private static void CopySeed(string folder, int? revision)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(TestPaths.RepoSeed, "*.json"))
        {
            var text = File.ReadAllText(file);
            File.WriteAllText(Path.Combine(folder, Path.GetFileName(file)), revision is { } n && file.EndsWith("readouts.json", StringComparison.Ordinal) ? Revise(text, n) : text);
        }
    }

    private static string Revise(string readouts, int revision)
    {
        var revised = readouts.Replace("Recorded as 9 May.", $"Recorded as 9 May (revision {revision}).", StringComparison.Ordinal);
        Assert.NotEqual(readouts, revised);
        return revised;
    }

    private static void Run(string program, params string[] args)
    {
        using var process = Process.Start(program, args);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    private sealed class Watched(ApiFactory factory) : IAsyncDisposable
    {
        private readonly HttpClient _client = factory.CreateClient();

        public async Task<string> Version() => (string)(await _client.GetJson("/v1"))["dataVersion"]!;

        /// <summary>Makes the change, then asserts that the data it brings is served within the bound.</summary>
        public async Task AssertLoadedWithin(TimeSpan bound, int revision, Action change)
        {
            var before = await Version();
            var clock = Stopwatch.StartNew();
            change();
            while (await Version() == before)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "the change was never loaded");
                await Task.Delay(50);
            }

            Assert.InRange(clock.Elapsed, TimeSpan.Zero, bound);
            Assert.Contains($"(revision {revision})", (await _client.GetJson("/v1/readouts")).ToJsonString(), StringComparison.Ordinal);
        }

        public async ValueTask DisposeAsync()
        {
            _client.Dispose();
            await factory.DisposeAsync();
        }
    }
}
