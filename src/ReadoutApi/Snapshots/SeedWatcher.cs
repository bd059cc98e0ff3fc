using System.Threading.Channels;
using Microsoft.Extensions.Options;
using ReadoutApi.Seed;

namespace ReadoutApi.Snapshots;

/// <summary>
/// Watches the seed folder (<c>Seed:Watch</c>) and reloads it after changes settle, in the background:
/// requests keep being served from the current snapshot while the next one is built.
/// </summary>
internal sealed class SeedWatcher(SnapshotLoader loader, IOptions<SeedOptions> options, ILogger<SeedWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Watch)
        {
            return;
        }

        var changes = Channel.CreateBounded<string>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        using var watcher = new FileSystemWatcher(loader.SeedPath, "*.json")
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        void Signal(object sender, FileSystemEventArgs e) => changes.Writer.TryWrite(e.FullPath);
        watcher.Changed += Signal;
        watcher.Created += Signal;
        watcher.Deleted += Signal;
        watcher.Renamed += Signal;
        watcher.Error += (_, e) => logger.LogWarning(e.GetException(), "Watching {SeedPath} failed; reloads may be missed", loader.SeedPath);
        watcher.EnableRaisingEvents = true;
        logger.LogInformation("Watching {SeedPath} for changes", loader.SeedPath);

        var debounce = TimeSpan.FromMilliseconds(options.Value.DebounceMilliseconds);
        while (await changes.Reader.WaitToReadAsync(stoppingToken))
        {
            // An editor's save is often several events (truncate, write, rename): wait until they stop.
            do
            {
                changes.Reader.TryRead(out _);
                await Task.Delay(debounce, stoppingToken);
            }
            while (changes.Reader.TryRead(out _));

            // Reload never throws: a folder that cannot be loaded is a failed reload, reported by health.
            loader.Reload();
        }
    }
}
