using ReadoutApi.Querying;

namespace ReadoutApi.Snapshots;

/// <summary>
/// The earlier snapshots that cursor walks still use, like a point in time of a search engine: a snapshot replaced while
/// a walk was on it is kept, at most <see cref="CursorOptions.HeldSnapshots"/> of them, each until no walk has taken a
/// page from it for <see cref="CursorOptions.KeepAliveSeconds"/>. A walk whose snapshot is gone continues in the current
/// data by its cursor's sort key.
/// </summary>
internal sealed class HeldSnapshots : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<Snapshot> _held = [];
    private readonly int _capacity;
    private readonly TimeSpan _keepAlive;
    private readonly TimeProvider _clock;
    private readonly ITimer? _sweeper;

    public HeldSnapshots(CursorOptions options, TimeProvider clock)
    {
        _capacity = options.HeldSnapshots;
        _keepAlive = TimeSpan.FromSeconds(options.KeepAliveSeconds);
        _clock = clock;
        if (_capacity > 0)
        {
            // Released snapshots are memory given back: sweep a few times per keep-alive, not only when walks come.
            var period = TimeSpan.FromSeconds(Math.Clamp(options.KeepAliveSeconds / 4.0, 1, 60));
            _sweeper = clock.CreateTimer(_ => Sweep(), null, period, period);
        }
    }

    public IReadOnlyList<string> Versions
    {
        get
        {
            lock (_lock)
            {
                Sweep();
                return [.. _held.Select(s => s.Version)];
            }
        }
    }

    public void Walked(Snapshot snapshot) => snapshot.LastWalked = _clock.GetUtcNow();

    /// <summary>Keeps a snapshot that is being replaced, if a walk used it within the keep-alive.</summary>
    public void Hold(Snapshot previous)
    {
        lock (_lock)
        {
            _held.RemoveAll(s => s.Version == previous.Version);
            if (_capacity > 0 && IsAlive(previous))
            {
                _held.Add(previous);
            }

            Sweep();
        }
    }

    /// <summary>The held snapshot of a data version, or null when none is held.</summary>
    public Snapshot? Find(string version)
    {
        lock (_lock)
        {
            Sweep();
            return _held.Find(s => s.Version == version);
        }
    }

    public void Dispose() => _sweeper?.Dispose();

    private bool IsAlive(Snapshot snapshot) =>
        snapshot.LastWalked is { } walked && _clock.GetUtcNow() - walked < _keepAlive;

    // Drops snapshots past their keep-alive, then the least recently walked (of those, the longest held) beyond the capacity.
    private void Sweep()
    {
        lock (_lock)
        {
            _held.RemoveAll(s => !IsAlive(s));
            while (_held.Count > _capacity)
            {
                var oldest = 0;
                for (var i = 1; i < _held.Count; i++)
                {
                    if (_held[i].LastWalked < _held[oldest].LastWalked)
                    {
                        oldest = i;
                    }
                }

                _held.RemoveAt(oldest);
            }
        }
    }
}
