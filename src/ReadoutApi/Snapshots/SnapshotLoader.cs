using System.Diagnostics;
using System.Runtime;
using System.Runtime.CompilerServices;
using Mapster;
using Microsoft.Extensions.Options;
using ReadoutApi.Seed;
using ReadoutApi.Telemetry;

namespace ReadoutApi.Snapshots;

/// <summary>
/// Builds snapshots from the seed folder (<c>Seed:Path</c>) into the <see cref="SnapshotStore"/>: the first as the host
/// starts, and a new one whenever the files change and are sound. Never on the request path. Each snapshot's records
/// get their versions and times from <paramref name="history"/> (the change journal) before it is served; each reload,
/// its outcome and the data served are recorded in <see cref="ServiceMetrics"/>.
/// </summary>
public sealed class SnapshotLoader(
    SnapshotStore store, IOptions<SeedOptions> options, TypeAdapterConfig mapping, IRecordHistory history, TimeProvider clock,
    ServiceMetrics metrics,
    ILogger<SnapshotLoader> logger)
{
    private readonly Lock _loading = new();

    /// <summary>Where the snapshots go.</summary>
    public SnapshotStore Store => store;

    private readonly long _maxFileBytes = options.Value.MaxFileBytes;

    /// <summary>The folder the data comes from.</summary>
    public string SeedPath { get; } = options.Value.ResolvePath();

    /// <summary>Loads the folder and serves it; throws <see cref="SeedValidationException"/> with every problem when it is not sound.</summary>
    public Snapshot LoadFirst()
    {
        lock (_loading)
        {
            var snapshot = WhileLoading(() => Snapshot.Build(SeedLoader.Load(SeedPath, _maxFileBytes), mapping, clock, history));
            store.Swap(snapshot);
            metrics.DataServed(snapshot.Version, snapshot.Counts());
            ReturnLoadingMemory();
            return snapshot;
        }
    }

    /// <summary>
    /// Loads the folder again; swaps the new snapshot in when it is sound and differs, else keeps the current one.
    /// Never throws: whatever goes wrong is a failed reload, and the last good data stays served.
    /// </summary>
    /// <returns>True when a new snapshot is being served.</returns>
    public bool Reload()
    {
        lock (_loading)
        {
            var started = Stopwatch.GetTimestamp();
            ReloadOutcome outcome;
            try
            {
                outcome = ReloadLocked();
            }
            catch (Exception e)
            {
                var problem = new SeedProblem(SeedPath, "$", null, $"could not be loaded: {e.Message}");
                store.Fail(new ReloadFailure(clock.GetUtcNow(), [problem]));
                logger.LogError(e, "Seed reload failed; still serving {DataVersion}", store.Current.Version);
                outcome = ReloadOutcome.Failed;
            }

            metrics.Reloaded(outcome, Stopwatch.GetElapsedTime(started), store.LastFailure?.Problems.Count ?? 0);
            return outcome == ReloadOutcome.Loaded;
        }
    }

    private ReloadOutcome ReloadLocked()
    {
        var previous = CurrentVersion();
        var outcome = LoadAndSwap(previous);
        if (outcome != ReloadOutcome.Loaded)
        {
            return outcome;
        }

        // Called from here, where nothing of the replaced snapshot (unless held for a walk) or of loading is referenced
        // any more, so the collection frees it: called inside LoadAndSwap, its locals kept the old snapshot alive.
        ReturnLoadingMemory();
        logger.LogInformation("Seed data reloaded: {PreviousVersion} -> {DataVersion}", previous, store.Current.Version);
        return ReloadOutcome.Loaded;
    }

    // In frames of their own: a debug build keeps even a temporary reference alive until its method returns.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private string CurrentVersion() => store.Current.Version;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ReloadOutcome LoadAndSwap(string currentVersion)
    {
        var result = WhileLoading(() => SeedLoader.Load(SeedPath, _maxFileBytes));
        store.Seen(result.Version, clock.GetUtcNow());
        if (result.Data is null)
        {
            store.Fail(new ReloadFailure(clock.GetUtcNow(), result.Problems));
            logger.LogWarning(
                "Seed reload failed with {ProblemCount} problem(s); still serving {DataVersion}: {Problems}",
                result.Problems.Count, currentVersion, string.Join(Environment.NewLine, result.Problems));
            return ReloadOutcome.Failed;
        }

        if (result.Version == currentVersion)
        {
            store.ClearFailure();
            return ReloadOutcome.Unchanged;
        }

        // Building renders and stamps every record before the snapshot is served, so no request waits for rendering.
        var next = WhileLoading(() => Snapshot.Build(result, mapping, clock, history));
        store.Swap(next);
        metrics.DataServed(next.Version, next.Counts());
        return ReloadOutcome.Loaded;
    }

    /// <summary>Gives the memory that loading left behind back to the system rather than keep it resident.</summary>
    public static void ReturnLoadingMemory() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    // Nearly everything allocated while loading lives on, so a background (concurrent) collection would trace the growing
    // heap again and again on a core that loading needs: at 100,000 records that was about 1 s of CPU. Batch mode turns
    // background collections off, for the load only.
    private static TResult WhileLoading<TResult>(Func<TResult> load)
    {
        var mode = GCSettings.LatencyMode;
        GCSettings.LatencyMode = GCLatencyMode.Batch;
        try
        {
            return load();
        }
        finally
        {
            GCSettings.LatencyMode = mode;
        }
    }
}
