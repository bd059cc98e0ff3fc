using System.Collections.Concurrent;
using Mapster;
using ReadoutApi.Collections;
using ReadoutApi.Http;
using ReadoutApi.Querying;
using ReadoutApi.Seed;

namespace ReadoutApi.Snapshots;

/// <summary>
/// Everything the API serves, loaded once and never changed: every collection of <see cref="CollectionRegistry"/> with
/// its records and indexes. A reload builds a new snapshot and swaps it in whole.
/// </summary>
public sealed class Snapshot
{
    private readonly Dictionary<CollectionModule, Collection> _collections;
    private readonly ConcurrentDictionary<string, object> _memo = new(StringComparer.Ordinal);
    private long _lastWalkedTicks;

    private Snapshot(SeedData data, DataStamp stamp, TypeAdapterConfig mapping)
    {
        Stamp = stamp;
        References = new ReferenceLookups(data);
        _collections = new Dictionary<CollectionModule, Collection>(CollectionRegistry.All.Count);
        var built = new ConcurrentDictionary<CollectionModule, Collection>();
        var context = new BuildContext(References, mapping, module => built.TryGetValue(module, out var collection)
            ? collection
            : throw new InvalidOperationException($"{module} is not built yet: a module lists what it is built from in BuiltFrom."));

        // The collections of seed records are indexed side by side; those made of them (the timeline) after them.
        Parallel.ForEach(CollectionRegistry.All.Where(m => m.BuiltFrom.Count == 0), module => built[module] = module.Build(data, context));
        foreach (var module in CollectionRegistry.All.Where(m => m.BuiltFrom.Count > 0))
        {
            built[module] = module.Build(data, context);
        }

        foreach (var module in CollectionRegistry.All)
        {
            _collections[module] = built[module];
        }
    }

    /// <summary>The data version and load time every response's validators derive from.</summary>
    public DataStamp Stamp { get; }

    /// <summary>A hash of the seed files this snapshot was built from.</summary>
    public string Version => Stamp.Version;

    /// <summary>When it was loaded; the <c>Last-Modified</c> of every response.</summary>
    public DateTimeOffset LoadedAt => Stamp.LoadedAt;

    /// <summary>Referenced records by id and alias.</summary>
    public ReferenceLookups References { get; }

    /// <summary>When a cursor walk last took a page from it (or was handed a cursor into it); null if never.</summary>
    public DateTimeOffset? LastWalked
    {
        get => Volatile.Read(ref _lastWalkedTicks) is var ticks and not 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        set => Volatile.Write(ref _lastWalkedTicks, value?.UtcTicks ?? 0);
    }

    /// <summary>The collection a module serves.</summary>
    public Collection this[CollectionModule module] => _collections[module];

    /// <summary>The journal position that includes this snapshot's changes: the change feed serves events up to it.</summary>
    public long ChangesHead { get; private set; }

    /// <summary>Loads, checks and indexes a seed folder; throws with every problem when it is not sound.</summary>
    public static Snapshot Load(string directory, TypeAdapterConfig mapping, TimeProvider clock) =>
        Build(SeedLoader.Load(directory), mapping, clock);

    /// <summary>
    /// Indexes a loaded seed folder, renders every record, and stamps each with its meta from <paramref name="history"/>
    /// (none: every record first seen now); throws with every problem when the folder is not sound.
    /// </summary>
    public static Snapshot Build(SeedLoadResult result, TypeAdapterConfig mapping, TimeProvider clock, IRecordHistory? history = null)
    {
        // HTTP dates have whole seconds; keeping the load time at that precision makes If-Modified-Since exact.
        var loadedAt = DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().ToUnixTimeSeconds());
        var snapshot = new Snapshot(result.GetDataOrThrow(), new DataStamp(result.Version, loadedAt), mapping);
        snapshot.StampRecords(history ?? FirstSight.Instance);
        return snapshot;
    }

    // Versions need every record rendered: the snapshot is served rendered and stamped, or not at all. The timeline's
    // entries are views of readouts, claims and statements, which carry the versions; they are rendered on first use.
    private void StampRecords(IRecordHistory history)
    {
        var modules = CollectionRegistry.All.Where(m => m.ServesRecords).ToList();
        var versions = modules.Select(m => new CollectionVersions(m.Descriptor.Name, _collections[m].Records.Ids, _collections[m].Records.ContentVersions())).ToList();
        var commit = history.Commit(versions, Version, LoadedAt);
        for (var i = 0; i < modules.Count; i++)
        {
            _collections[modules[i]].Records.Stamp(commit.Metas[i]);
        }

        ChangesHead = commit.Head;
    }

    /// <summary>
    /// A value derived from this snapshot alone (the rendered default page of a list, say): built on first use, then
    /// shared by every request, and dropped with the snapshot. Keys must name a bounded set of values.
    /// </summary>
    public TValue Memo<TState, TValue>(string key, TState state, Func<TState, TValue> build)
        where TValue : class =>
        _memo.TryGetValue(key, out var value) ? (TValue)value : (TValue)_memo.GetOrAdd(key, build(state));

    /// <summary>The JSON of the record a link's <c>href</c> names (<c>/v1/people/ishaq-dar</c>), or null if none.</summary>
    public ReadOnlyMemory<byte>? Linked(string href)
    {
        foreach (var (module, collection) in _collections)
        {
            var path = module.Descriptor.Path;
            if (href.Length > path.Length + 1 && href.StartsWith(path, StringComparison.Ordinal) && href[path.Length] == '/' &&
                collection.Records.TryFind(href[(path.Length + 1)..], out var position))
            {
                return collection.Records.Json(position);
            }
        }

        return null;
    }

    /// <summary>The record counts, by collection name, in the registry's order.</summary>
    public IReadOnlyList<(string Name, int Count)> Counts() =>
        [.. CollectionRegistry.All.Select(m => (m.Descriptor.Name, _collections[m].Count))];
}
