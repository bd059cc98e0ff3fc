namespace ReadoutApi.Data;

/// <summary>Loads the seed data as the host starts, so a bad seed folder stops the start before anything is served.</summary>
internal sealed class SnapshotInitializer(SnapshotStore store, ILogger<SnapshotInitializer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var snapshot = store.Current;
        logger.LogInformation(
            "Loaded seed data {DataVersion} from {SeedPath}: {Counts}",
            snapshot.Version, store.SeedPath, string.Join(", ", snapshot.Counts().Select(c => $"{c.Count} {c.Name}")));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
