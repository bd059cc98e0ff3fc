using System.Collections.Concurrent;
using Mapster;
using ReadoutApi.Contracts;
using ReadoutApi.Querying;
using ReadoutApi.Seed;

namespace ReadoutApi.Data;

/// <summary>
/// Everything the API serves, loaded once and never changed: the records, their DTOs and the indexes.
/// A reload builds a new snapshot and swaps it in whole.
/// </summary>
public sealed class Snapshot
{
    private static readonly ReadoutJsonContext Json = ReadoutJsonContext.Default;

    private readonly ConcurrentDictionary<string, object> _memo = new(StringComparer.Ordinal);
    private volatile bool _rendered;

    private Snapshot(SeedData data, string version, DateTimeOffset loadedAt, TypeAdapterConfig mapping)
    {
        Version = version;
        LoadedAt = loadedAt;
        References = new ReferenceLookups(data);
        var refs = References;
        // The collections are indexed side by side. The timeline is indexed meanwhile, on this thread; only its search
        // index, made of the other three's, waits for them.
        var readouts = Task.Run(() => new Collection<ReadoutRecord, ReadoutDto>(
            Collections.ReadoutDefinition(refs), data.Readouts, mapping.GetMapFunction<ReadoutRecord, ReadoutDto>(), Json.ReadoutDto, refs.Resolve));
        var claims = Task.Run(() => new Collection<ClaimRecord, ClaimDto>(
            Collections.ClaimDefinition(refs), data.Claims, mapping.GetMapFunction<ClaimRecord, ClaimDto>(), Json.ClaimDto, refs.Resolve));
        var statements = Task.Run(() => new Collection<StatementRecord, StatementDto>(
            Collections.StatementDefinition(refs), data.Statements, mapping.GetMapFunction<StatementRecord, StatementDto>(), Json.StatementDto, refs.Resolve));
        Timeline = new Collection<TimelineEntry, TimelineItemDto>(
            Collections.TimelineDefinition(claims, readouts, statements), Collections.TimelineEntries(data, refs),
            mapping.GetMapFunction<TimelineEntry, TimelineItemDto>(), Json.TimelineItemDto, refs.Resolve);
        Readouts = readouts.GetAwaiter().GetResult();
        Claims = claims.GetAwaiter().GetResult();
        Statements = statements.GetAwaiter().GetResult();
        People = new(Collections.PersonDefinition(refs), data.People, mapping.GetMapFunction<PersonRecord, PersonDto>(), Json.PersonDto, refs.Resolve);
        Organizations = new(Collections.OrganizationDefinition(refs), data.Organizations, mapping.GetMapFunction<OrganizationRecord, OrganizationDto>(), Json.OrganizationDto, refs.Resolve);
        Countries = new(Collections.CountryDefinition(), data.Countries, mapping.GetMapFunction<CountryRecord, CountryDto>(), Json.CountryDto, refs.Resolve);
        Places = new(Collections.PlaceDefinition(refs), data.Places, mapping.GetMapFunction<PlaceRecord, PlaceDto>(), Json.PlaceDto, refs.Resolve);
        Sources = new(Collections.SourceDefinition(), data.Sources, mapping.GetMapFunction<SourceRecord, SourceDto>(), Json.SourceDto, refs.Resolve);
    }

    /// <summary>A hash of the seed files this snapshot was built from.</summary>
    public string Version { get; }

    /// <summary>When it was loaded; the <c>Last-Modified</c> of every response.</summary>
    public DateTimeOffset LoadedAt { get; }

    /// <summary>The load time as an HTTP date, computed once for every response's <c>Last-Modified</c>.</summary>
    public string HttpDate => field ??= LoadedAt.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Referenced records by id and alias.</summary>
    public ReferenceLookups References { get; }

    /// <summary>Readouts.</summary>
    public Collection<ReadoutRecord, ReadoutDto> Readouts { get; }

    /// <summary>Claims.</summary>
    public Collection<ClaimRecord, ClaimDto> Claims { get; }

    /// <summary>Statements.</summary>
    public Collection<StatementRecord, StatementDto> Statements { get; }

    /// <summary>People.</summary>
    public Collection<PersonRecord, PersonDto> People { get; }

    /// <summary>Organizations.</summary>
    public Collection<OrganizationRecord, OrganizationDto> Organizations { get; }

    /// <summary>Countries.</summary>
    public Collection<CountryRecord, CountryDto> Countries { get; }

    /// <summary>Places.</summary>
    public Collection<PlaceRecord, PlaceDto> Places { get; }

    /// <summary>Sources.</summary>
    public Collection<SourceRecord, SourceDto> Sources { get; }

    /// <summary>The merged timeline.</summary>
    public Collection<TimelineEntry, TimelineItemDto> Timeline { get; }

    /// <summary>Loads, checks and indexes a seed folder; throws with every problem when it is not sound.</summary>
    public static Snapshot Load(string directory, TypeAdapterConfig mapping, TimeProvider clock) =>
        Build(SeedLoader.Load(directory), mapping, clock);

    /// <summary>Indexes a loaded seed folder; throws with every problem when it is not sound.</summary>
    public static Snapshot Build(SeedLoadResult result, TypeAdapterConfig mapping, TimeProvider clock)
    {
        // HTTP dates have whole seconds; keeping the load time at that precision makes If-Modified-Since exact.
        var loadedAt = DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().ToUnixTimeSeconds());
        return new Snapshot(result.GetDataOrThrow(), result.Version, loadedAt, mapping);
    }

    /// <summary>
    /// A value derived from this snapshot alone (the rendered default page of a list, say): built on first use, then
    /// shared by every request, and dropped with the snapshot. Keys must name a bounded set of values.
    /// </summary>
    public TValue Memo<TState, TValue>(string key, TState state, Func<TState, TValue> build)
        where TValue : class =>
        _memo.TryGetValue(key, out var value) ? (TValue)value : (TValue)_memo.GetOrAdd(key, build(state));

    /// <summary>Whether every record's JSON has been rendered (<see cref="RenderAll"/>); until then, first use renders it.</summary>
    public bool IsRendered => _rendered;

    /// <summary>Renders the JSON of every record of every collection that no request has rendered yet.</summary>
    public void RenderAll()
    {
        Readouts.RenderAll();
        Claims.RenderAll();
        Statements.RenderAll();
        Timeline.RenderAll();
        People.RenderAll();
        Organizations.RenderAll();
        Countries.RenderAll();
        Places.RenderAll();
        Sources.RenderAll();
        _rendered = true;
    }

    /// <summary>The record counts, by collection name.</summary>
    public IReadOnlyList<(string Name, int Count)> Counts() =>
    [
        ("readouts", Readouts.Count), ("claims", Claims.Count), ("statements", Statements.Count),
        ("people", People.Count), ("organizations", Organizations.Count), ("countries", Countries.Count),
        ("places", Places.Count), ("sources", Sources.Count), ("timeline", Timeline.Count),
    ];
}
