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
    private volatile bool _rendered;
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

    /// <summary>Whether every record's JSON has been rendered (<see cref="RenderAll"/>); until then, first use renders it.</summary>
    public bool IsRendered => _rendered;

    /// <summary>Loads, checks and indexes a seed folder; throws with every problem when it is not sound.</summary>
    public static Snapshot Load(string directory, TypeAdapterConfig mapping, TimeProvider clock) =>
        Build(SeedLoader.Load(directory), mapping, clock);

    /// <summary>Indexes a loaded seed folder; throws with every problem when it is not sound.</summary>
    public static Snapshot Build(SeedLoadResult result, TypeAdapterConfig mapping, TimeProvider clock)
    {
        // HTTP dates have whole seconds; keeping the load time at that precision makes If-Modified-Since exact.
        var loadedAt = DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().ToUnixTimeSeconds());
        return new Snapshot(result.GetDataOrThrow(), new DataStamp(result.Version, loadedAt), mapping);
    }

    /// <summary>
    /// A value derived from this snapshot alone (the rendered default page of a list, say): built on first use, then
    /// shared by every request, and dropped with the snapshot. Keys must name a bounded set of values.
    /// </summary>
    public TValue Memo<TState, TValue>(string key, TState state, Func<TState, TValue> build)
        where TValue : class =>
        _memo.TryGetValue(key, out var value) ? (TValue)value : (TValue)_memo.GetOrAdd(key, build(state));

    /// <summary>Renders the JSON of every record that no request has rendered yet; stops early when cancelled.</summary>
    public void RenderAll(CancellationToken cancellationToken = default)
    {
        foreach (var collection in _collections.Values)
        {
            collection.Records.RenderAll(cancellationToken);
        }

        _rendered = !cancellationToken.IsCancellationRequested;
    }

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
