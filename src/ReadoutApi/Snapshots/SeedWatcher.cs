using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using ReadoutApi.Seed;

namespace ReadoutApi.Snapshots;

/// <summary>
/// Watches the seed folder (<c>Seed:Watch</c>) and reloads it after changes settle, in the background: requests keep
/// being served from the current snapshot while the next one is built. Two ways to see a change:
/// <list type="bullet">
/// <item>file-system notifications (<c>Seed:Notifications</c>) on the folder and below it, whatever the name, so that the
/// Kubernetes ConfigMap swap (a <c>..data</c> link renamed over) and edits of linked targets are seen at once;</item>
/// <item>a periodic look at each seed file's final target, size and time (<c>Seed:PollSeconds</c>), the backstop where
/// notifications do not arrive (NFS, WSL2 paths) or stop (the folder moved away and made again).</item>
/// </list>
/// </summary>
internal sealed class SeedWatcher(SnapshotLoader loader, IOptions<SeedOptions> options, ILogger<SeedWatcher> logger) : BackgroundService
{
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private FileSystemWatcher? _watcher;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Watch)
        {
            return;
        }

        if (settings.Notifications)
        {
            Watch();
        }

        logger.LogInformation(
            "Watching {SeedPath} for changes (notifications {Notifications}, a look every {PollSeconds} s)",
            loader.SeedPath, settings.Notifications ? "on" : "off", settings.PollSeconds);
        try
        {
            await Task.WhenAll(ReloadOnChanges(settings, stoppingToken), Poll(settings, stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
        finally
        {
            _watcher?.Dispose();
        }
    }

    private async Task ReloadOnChanges(SeedOptions settings, CancellationToken stoppingToken)
    {
        var debounce = TimeSpan.FromMilliseconds(settings.DebounceMilliseconds);
        while (await _changes.Reader.WaitToReadAsync(stoppingToken))
        {
            // An editor's save is often several events (truncate, write, rename): wait until they stop.
            do
            {
                _changes.Reader.TryRead(out _);
                await Task.Delay(debounce, stoppingToken);
            }
            while (_changes.Reader.TryRead(out _));

            // Reload never throws: a folder that cannot be loaded is a failed reload, reported by health.
            await Task.Run(loader.Reload, stoppingToken);
        }
    }

    // Looks at the files every period: a change of what it sees is a change to load, and restarts notifications.
    private async Task Poll(SeedOptions settings, CancellationToken stoppingToken)
    {
        if (settings.PollSeconds == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.PollSeconds));
        var seen = Fingerprint(loader.SeedPath);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = Fingerprint(loader.SeedPath);
            if (now != seen)
            {
                seen = now;
                if (settings.Notifications)
                {
                    Watch();
                }

                _changes.Writer.TryWrite(true);
            }
        }
    }

    // (Re)starts notifications on the folder as it is now; a folder made again is a new one to watch.
    private void Watch()
    {
        _watcher?.Dispose();
        _watcher = null;
        try
        {
            var watcher = new FileSystemWatcher(loader.SeedPath)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite |
                               NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            watcher.Changed += Signal;
            watcher.Created += Signal;
            watcher.Deleted += Signal;
            watcher.Renamed += Signal;
            watcher.Error += (_, e) =>
            {
                logger.LogWarning(e.GetException(), "Watching {SeedPath} failed; the periodic look still sees changes", loader.SeedPath);
                _changes.Writer.TryWrite(true);
            };
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "Cannot watch {SeedPath}; the periodic look still sees changes", loader.SeedPath);
        }
    }

    private void Signal(object sender, FileSystemEventArgs e) => _changes.Writer.TryWrite(true);

    /// <summary>
    /// What the folder's seed files look like without reading them: each file's final target (through links), size and
    /// last write time, or why it cannot be looked at. Cheap enough to take every few seconds at any data size.
    /// </summary>
    internal static string Fingerprint(string folder)
    {
        var text = new StringBuilder();
        foreach (var name in SeedLoader.FileNames)
        {
            try
            {
                var file = new FileInfo(Path.Combine(folder, name));
                var target = file.LinkTarget is null ? file : file.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? file;
                text.Append(name).Append('>').Append(target.FullName).Append(' ')
                    .Append(target.Exists ? target.Length : -1).Append(' ').Append(target.LastWriteTimeUtc.Ticks).Append('\n');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                text.Append(name).Append('!').Append(e.GetType().Name).Append('\n');
            }
        }

        return text.ToString();
    }
}
