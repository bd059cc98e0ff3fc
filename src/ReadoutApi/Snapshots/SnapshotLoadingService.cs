namespace ReadoutApi.Snapshots;

/// <summary>
/// Loads the seed data as the host starts, before anything is served: a bad seed folder stops the start. The first
/// snapshot is served rendered and stamped with each record's version and times, like every later one.
/// </summary>
public sealed class SnapshotLoadingService(SnapshotLoader loader, ILogger<SnapshotLoadingService> logger) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var snapshot = loader.LoadFirst();
        logger.LogInformation(
            "Loaded seed data {DataVersion} from {SeedPath}: {Counts}",
            snapshot.Version, loader.SeedPath, string.Join(", ", snapshot.Counts().Select(c => $"{c.Count} {c.Name}")));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
