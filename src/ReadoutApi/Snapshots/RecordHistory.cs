using ReadoutApi.Contracts;

namespace ReadoutApi.Snapshots;

/// <summary>The versions of one collection's records in a snapshot, by position (id order).</summary>
/// <param name="Collection">The collection's name.</param>
/// <param name="Ids">The records' ids.</param>
/// <param name="Versions">The records' versions, aligned with <paramref name="Ids"/>.</param>
public sealed record CollectionVersions(string Collection, IReadOnlyList<string> Ids, IReadOnlyList<string> Versions);

/// <summary>What a history made of a snapshot's versions.</summary>
/// <param name="Metas">Each collection's records' meta, aligned with the versions given.</param>
/// <param name="Head">The journal position that includes this snapshot's changes: the feed serves events up to it.</param>
public sealed record HistoryCommit(IReadOnlyList<RecordMeta[]> Metas, long Head);

/// <summary>
/// Where a record's first sighting and last change are kept: given the versions of a new snapshot, it compares them
/// with the last state it knows, records what was created, updated and deleted, and gives each record its meta.
/// </summary>
public interface IRecordHistory
{
    /// <summary>Records a snapshot's versions; called once per snapshot, before it is served.</summary>
    /// <param name="collections">Every collection's versions.</param>
    /// <param name="dataVersion">The snapshot's data version.</param>
    /// <param name="at">Now, in whole seconds.</param>
    HistoryCommit Commit(IReadOnlyList<CollectionVersions> collections, string dataVersion, DateTimeOffset at);
}

/// <summary>No history: every record is first seen, and last changed, now. For snapshots built outside the service (tests, tools).</summary>
public sealed class FirstSight : IRecordHistory
{
    /// <summary>The one instance.</summary>
    public static readonly FirstSight Instance = new();

    private FirstSight()
    {
    }

    /// <inheritdoc />
    public HistoryCommit Commit(IReadOnlyList<CollectionVersions> collections, string dataVersion, DateTimeOffset at) =>
        new([.. collections.Select(c => c.Versions.Select(v => new RecordMeta(v, at, at)).ToArray())], 0);
}
