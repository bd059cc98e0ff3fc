namespace ReadoutApi.Snapshots;

/// <summary>
/// Loads the seed data as the host starts, before anything is served: a bad seed folder stops the start. Then renders
/// every record's JSON in the background, on one thread, leaving the other cores to requests (a request for a record not
/// rendered yet renders it); the rendering stops when the host does.
/// </summary>
public sealed class SnapshotLoadingService(SnapshotLoader loader, ILogger<SnapshotLoadingService> logger) : BackgroundService
{
    private readonly TaskCompletionSource _rendered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first snapshot's records are all rendered (or rendering stopped).</summary>
    public Task Rendered => _rendered.Task;

    /// <inheritdoc />
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var snapshot = loader.LoadFirst();
        logger.LogInformation(
            "Loaded seed data {DataVersion} from {SeedPath}: {Counts}",
            snapshot.Version, loader.SeedPath, string.Join(", ", snapshot.Counts().Select(c => $"{c.Count} {c.Name}")));
        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // The snapshot is read inside the task, not held in a local of this method: the finished task lives on in the
            // host, and a local captured here would keep the first snapshot in memory after a reload replaces it.
            await Task.Factory.StartNew(
                () =>
                {
                    loader.Store.Current.RenderAll(stoppingToken);
                    SnapshotLoader.ReturnLoadingMemory();
                },
                stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping: the records not rendered yet are rendered by the requests still coming, if any.
        }
        catch (Exception e)
        {
            logger.LogError(e, "Rendering the records of the first snapshot failed; requests render them");
        }
        finally
        {
            _rendered.TrySetResult();
        }
    }
}
