using System.Runtime;
using Mapster;
using Microsoft.Extensions.Options;
using ReadoutApi.Seed;

namespace ReadoutApi.Data;

/// <summary>The outcome of the last reload that failed, kept until a reload succeeds.</summary>
/// <param name="At">When the reload was tried.</param>
/// <param name="Problems">What was wrong with the files.</param>
public sealed record ReloadFailure(DateTimeOffset At, IReadOnlyList<SeedProblem> Problems);

/// <summary>
/// Holds the snapshot being served. Requests read <see cref="Current"/> once and work on that snapshot,
/// so a swap never mixes two snapshots in one response; a reload builds a whole new snapshot off the
/// request path and swaps the reference, or keeps the last good one.
/// </summary>
public sealed class SnapshotStore
{
    private readonly TypeAdapterConfig _mapping;
    private readonly TimeProvider _clock;
    private readonly ILogger<SnapshotStore> _logger;
    private readonly Lock _reloading = new();
    private volatile Snapshot _current;
    private volatile ReloadFailure? _lastFailure;

    /// <summary>Loads the configured seed folder; throws with every problem when it is not sound.</summary>
    public SnapshotStore(IOptions<SeedOptions> options, TypeAdapterConfig mapping, TimeProvider clock, ILogger<SnapshotStore> logger)
    {
        _mapping = mapping;
        _clock = clock;
        _logger = logger;
        SeedPath = options.Value.ResolvePath();
        _current = WhileLoading(() => Snapshot.Load(SeedPath, mapping, clock));
        ReturnLoadingMemory();
        // The indexes are built: serve now. Every record's JSON is rendered behind, on one thread, leaving the other
        // cores to requests (a request for a record not rendered yet renders it); then the records are garbage too.
        var first = _current;
        Warmed = Task.Factory.StartNew(
            () =>
            {
                try
                {
                    first.RenderAll();
                    ReturnLoadingMemory();
                }
                catch (Exception e)
                {
                    _logger.LogError(e, "Rendering the records of {DataVersion} failed; requests render them", first.Version);
                }
            },
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Completes when the first snapshot's records are all rendered and the loading memory is returned.</summary>
    public Task Warmed { get; }

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

    // Loading parses and checks every file; give that garbage back to the system rather than keep it resident.
    private static void ReturnLoadingMemory() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    /// <summary>The folder the data comes from.</summary>
    public string SeedPath { get; }

    /// <summary>The snapshot to serve.</summary>
    public Snapshot Current => _current;

    /// <summary>The last failed reload, while the data it tried to load is still broken.</summary>
    public ReloadFailure? LastFailure => _lastFailure;

    /// <summary>Loads the folder again; swaps the new snapshot in when it is sound and differs, else keeps the current one.</summary>
    /// <returns>True when a new snapshot is being served.</returns>
    public bool Reload()
    {
        lock (_reloading)
        {
            var result = WhileLoading(() => SeedLoader.Load(SeedPath));
            if (result.Data is null)
            {
                _lastFailure = new ReloadFailure(_clock.GetUtcNow(), result.Problems);
                _logger.LogWarning(
                    "Seed reload failed with {ProblemCount} problem(s); still serving {DataVersion}: {Problems}",
                    result.Problems.Count, _current.Version, string.Join(Environment.NewLine, result.Problems));
                return false;
            }

            _lastFailure = null;
            if (result.Version == _current.Version)
            {
                return false;
            }

            var previous = _current.Version;
            var next = WhileLoading(() =>
            {
                var built = Snapshot.Build(result, _mapping, _clock);
                built.RenderAll();
                return built;
            });
            _current = next;
            ReturnLoadingMemory();
            _logger.LogInformation("Seed data reloaded: {PreviousVersion} -> {DataVersion}", previous, _current.Version);
            return true;
        }
    }
}
