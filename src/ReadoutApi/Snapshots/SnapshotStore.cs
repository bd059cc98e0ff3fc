using ReadoutApi.Querying;
using ReadoutApi.Seed;

namespace ReadoutApi.Snapshots;

/// <summary>The outcome of the last reload that failed, kept until a reload succeeds.</summary>
/// <param name="At">When the reload was tried.</param>
/// <param name="Problems">What was wrong with the files.</param>
public sealed record ReloadFailure(DateTimeOffset At, IReadOnlyList<SeedProblem> Problems);

/// <summary>The data version last seen in the seed folder, and since when it has been that.</summary>
/// <param name="Version">A hash of the files as read (of those that could be read, when some could not).</param>
/// <param name="Since">When it was first seen.</param>
public sealed record DiskVersion(string Version, DateTimeOffset Since);

/// <summary>
/// Holds the snapshot being served, and the earlier ones that cursor walks still use. Requests read
/// <see cref="Current"/> (or <see cref="ForWalk"/>) once and work on that snapshot, so a swap never mixes two snapshots in
/// one response. <see cref="SnapshotLoader"/> fills it.
/// </summary>
public sealed class SnapshotStore : IDisposable
{
    private readonly HeldSnapshots _held;
    private volatile Snapshot? _current;
    private volatile ReloadFailure? _lastFailure;
    private volatile DiskVersion? _onDisk;
    private TaskCompletionSource _nextSwap = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A store that holds earlier snapshots for walks as <paramref name="options"/> say.</summary>
    public SnapshotStore(CursorOptions? options = null, TimeProvider? clock = null) =>
        _held = new HeldSnapshots(options ?? new CursorOptions(), clock ?? TimeProvider.System);

    /// <summary>The snapshot to serve.</summary>
    public Snapshot Current => _current ?? throw new InvalidOperationException("No snapshot is loaded: SnapshotLoadingService loads the first as the host starts.");

    /// <summary>The data versions of the earlier snapshots held for walks.</summary>
    public IReadOnlyList<string> HeldVersions => _held.Versions;

    /// <summary>
    /// The snapshot a walk's next page comes from: the one of <paramref name="version"/> while it is current or held,
    /// else the current one. Either way it counts as walked now.
    /// </summary>
    public Snapshot ForWalk(string? version)
    {
        var current = Current;
        var snapshot = version is null || version == current.Version ? current : _held.Find(version) ?? current;
        _held.Walked(snapshot);
        return snapshot;
    }

    /// <summary>Notes that a walk took a page from (or was given a cursor into) a snapshot.</summary>
    public void Walked(Snapshot snapshot) => _held.Walked(snapshot);

    /// <summary>The last failed reload, while the data it tried to load is still broken.</summary>
    public ReloadFailure? LastFailure => _lastFailure;

    /// <summary>The version last seen in the seed folder; it differs from <see cref="Current"/>'s while a change is not served.</summary>
    public DiskVersion OnDisk => _onDisk ?? new DiskVersion(Current.Version, Current.LoadedAt);

    /// <summary>Serves a new snapshot from now on; the files it came from are sound again.</summary>
    public void Swap(Snapshot next)
    {
        if (_current is { } previous && previous != next)
        {
            _held.Hold(previous);
        }

        _current = next;
        _lastFailure = null;
        Seen(next.Version, next.LoadedAt);
        Interlocked.Exchange(ref _nextSwap, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>A task that completes when the next snapshot is swapped in (the change feed's waiters await it).</summary>
    public Task NextSwap => Volatile.Read(ref _nextSwap).Task;

    /// <summary>Records the version the seed folder holds now; a version seen before keeps its first sighting.</summary>
    public void Seen(string version, DateTimeOffset at)
    {
        if (_onDisk?.Version != version)
        {
            _onDisk = new DiskVersion(version, at);
        }
    }

    /// <summary>Records that the files on disk are broken (the current snapshot stays).</summary>
    public void Fail(ReloadFailure failure) => _lastFailure = failure;

    /// <summary>Records that the files on disk are sound, whether or not they changed.</summary>
    public void ClearFailure() => _lastFailure = null;

    /// <inheritdoc />
    public void Dispose() => _held.Dispose();
}
