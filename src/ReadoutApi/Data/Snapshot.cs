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
    private Snapshot(SeedData data, string version, DateTimeOffset loadedAt, TypeAdapterConfig mapping)
    {
        Version = version;
        LoadedAt = loadedAt;
        References = new ReferenceLookups(data);
        Readouts = new(Collections.ReadoutDefinition(References), data.Readouts, r => r.Adapt<ReadoutDto>(mapping), References.Resolve);
        Claims = new(Collections.ClaimDefinition(References), data.Claims, c => c.Adapt<ClaimDto>(mapping), References.Resolve);
        Statements = new(Collections.StatementDefinition(References), data.Statements, s => s.Adapt<StatementDto>(mapping), References.Resolve);
        People = new(Collections.PersonDefinition(References), data.People, p => p.Adapt<PersonDto>(mapping), References.Resolve);
        Organizations = new(Collections.OrganizationDefinition(References), data.Organizations, o => o.Adapt<OrganizationDto>(mapping), References.Resolve);
        Countries = new(Collections.CountryDefinition(), data.Countries, c => c.Adapt<CountryDto>(mapping), References.Resolve);
        Places = new(Collections.PlaceDefinition(References), data.Places, p => p.Adapt<PlaceDto>(mapping), References.Resolve);
        Sources = new(Collections.SourceDefinition(), data.Sources, s => s.Adapt<SourceDto>(mapping), References.Resolve);
        Timeline = new(Collections.TimelineDefinition(), Collections.TimelineEntries(data, References), e => e.Adapt<TimelineItemDto>(mapping), References.Resolve);
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

    /// <summary>The record counts, by collection name.</summary>
    public IReadOnlyList<(string Name, int Count)> Counts() =>
    [
        ("readouts", Readouts.Count), ("claims", Claims.Count), ("statements", Statements.Count),
        ("people", People.Count), ("organizations", Organizations.Count), ("countries", Countries.Count),
        ("places", Places.Count), ("sources", Sources.Count), ("timeline", Timeline.Count),
    ];
}
