using Mapster;
using Microsoft.Extensions.Options;
using ReadoutApi.Seed;

namespace ReadoutApi.Data;

/// <summary>
/// Holds the snapshot being served. Requests read <see cref="Current"/> once and work on that snapshot,
/// so a swap never mixes two snapshots in one response.
/// </summary>
public sealed class SnapshotStore
{
    private volatile Snapshot _current;

    /// <summary>Loads the configured seed folder; throws with every problem when it is not sound.</summary>
    public SnapshotStore(IOptions<SeedOptions> options, TypeAdapterConfig mapping, TimeProvider clock)
    {
        SeedPath = options.Value.ResolvePath();
        _current = Snapshot.Load(SeedPath, mapping, clock);
    }

    /// <summary>The folder the data comes from.</summary>
    public string SeedPath { get; }

    /// <summary>The snapshot to serve.</summary>
    public Snapshot Current => _current;
}
