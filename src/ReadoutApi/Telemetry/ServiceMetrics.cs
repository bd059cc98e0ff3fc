using System.Diagnostics.Metrics;

namespace ReadoutApi.Telemetry;

/// <summary>How a reload of the seed folder ended.</summary>
public enum ReloadOutcome
{
    /// <summary>New data was loaded and is served.</summary>
    Loaded,

    /// <summary>The files were sound and held the data already served.</summary>
    Unchanged,

    /// <summary>The files were broken or unreadable; the last good data stays served.</summary>
    Failed,
}

/// <summary>
/// The service's own meter (<see cref="MeterName"/>): one instrument per thing operators watch, each recorded where the
/// thing happens (the loader for reloads and the data served, the export cache, the rate limiter's refusal, the load
/// shedding, the log sink, the change feed). Counts are kept in fields and observed when a reader collects, so every
/// series exists, at 0, from the first scrape (an alert on <c>increase()</c> then sees the first failure too), and a
/// count costs one interlocked add whether or not anything listens. The instruments and their Prometheus names are in
/// docs/operations.md.
/// </summary>
public sealed class ServiceMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "ReadoutApi";

    // Reloads take milliseconds on the seed data and 10-20 s on 100,000 records (docs/performance.md).
    private static readonly double[] ReloadBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private static readonly string[] Outcomes = ["loaded", "unchanged", "failed"];

    private readonly Histogram<double> _reloadDuration;
    private readonly long[] _reloads = new long[Outcomes.Length];
    private long _rateLimitedApi;
    private long _rateLimitedDocs;
    private long _expensiveWorkRefused;
    private long _timedOut;
    private long _changeStreamsClientFull;
    private long _changeStreamsReplicaFull;
    private long _exportCacheHits;
    private long _exportCacheMisses;
    private long _changeStreams;
    private long _logDropped;
    private volatile Served? _served;
    private volatile int _seedProblems;

    /// <summary>Creates the instruments on a meter of <paramref name="meterFactory"/> (the host's).</summary>
    public ServiceMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("readoutapi.data.info", ObserveDataVersion, unit: null,
            "1, labelled with the data version served (data.version).");
        meter.CreateObservableGauge("readoutapi.data.records", ObserveRecords, unit: "{record}",
            "Records served, by collection.");
        meter.CreateObservableGauge("readoutapi.seed.problems", () => _seedProblems, unit: "{problem}",
            "Problems of the seed files since the last reload failed (0 when the last reload, or the start, succeeded): readiness is Degraded while above 0.");
        meter.CreateObservableCounter("readoutapi.reloads", ObserveReloads, unit: "{reload}",
            "Reloads of the seed folder, by outcome (loaded, unchanged, failed).");
        _reloadDuration = meter.CreateHistogram("readoutapi.reload.duration", unit: "s",
            "How long a reload took, by outcome (loaded, unchanged, failed).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ReloadBuckets });
        meter.CreateObservableCounter("readoutapi.rejections", ObserveRejections, unit: "{request}",
            "Requests refused, by limiter: rate_limit (429, by budget: api, docs), expensive_work and request_timeout (503), change_streams (by scope: client 429, replica 503).");
        meter.CreateObservableCounter("readoutapi.export_cache.lookups", ObserveExportCache, unit: "{lookup}",
            "Export bodies looked up in the export cache, by result (hit, miss).");
        meter.CreateObservableUpDownCounter("readoutapi.changes.streams", () => Interlocked.Read(ref _changeStreams), unit: "{stream}",
            "Change-feed requests waiting open now: event streams and long polls.");
        meter.CreateObservableCounter("readoutapi.log.dropped", () => Interlocked.Read(ref _logDropped), unit: "{line}",
            "Log lines dropped because more than the sink's queue limit were waiting to be written.");
    }

    /// <summary>The data version served from now on, and its record counts per collection.</summary>
    public void DataServed(string version, IEnumerable<(string Collection, int Count)> counts) =>
        _served = new Served(version, [.. counts]);

    /// <summary>A reload ended: how, how long it took, and how many problems the seed files have now (0 once sound).</summary>
    public void Reloaded(ReloadOutcome outcome, TimeSpan duration, int seedProblems)
    {
        _seedProblems = seedProblems;
        Interlocked.Increment(ref _reloads[(int)outcome]);
        _reloadDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", Outcomes[(int)outcome]));
    }

    /// <summary>A request was refused with 429 by the client rate limiter, on the docs' budget or the API's.</summary>
    public void RateLimited(bool docsBudget) => Interlocked.Increment(ref docsBudget ? ref _rateLimitedDocs : ref _rateLimitedApi);

    /// <summary>An expensive request was refused a turn (503): every turn taken and the queue full.</summary>
    public void ExpensiveWorkRefused() => Interlocked.Increment(ref _expensiveWorkRefused);

    /// <summary>A request ran past the request timeout and was stopped (503).</summary>
    public void RequestTimedOut() => Interlocked.Increment(ref _timedOut);

    /// <summary>
    /// A change-feed event stream or long poll was refused: its client holds as many as it may (a 429), or the replica
    /// does (a 503).
    /// </summary>
    public void ChangeStreamRefused(bool clientFull) =>
        Interlocked.Increment(ref clientFull ? ref _changeStreamsClientFull : ref _changeStreamsReplicaFull);

    /// <summary>An export was sent from the export cache.</summary>
    public void ExportCacheHit() => Interlocked.Increment(ref _exportCacheHits);

    /// <summary>An export was not in the export cache (or the cache is off), so it is written from the records.</summary>
    public void ExportCacheMiss() => Interlocked.Increment(ref _exportCacheMisses);

    /// <summary>A change-feed event stream or long poll was opened; call <see cref="ChangeStreamClosed"/> once when it ends, however it ends.</summary>
    public void ChangeStreamOpened() => Interlocked.Increment(ref _changeStreams);

    /// <summary>A change-feed event stream or long poll ended.</summary>
    public void ChangeStreamClosed() => Interlocked.Decrement(ref _changeStreams);

    /// <summary>Log lines were dropped by the console sink.</summary>
    public void LogLinesDropped(int count) => Interlocked.Add(ref _logDropped, count);

    private IEnumerable<Measurement<int>> ObserveDataVersion() =>
        _served is { } served ? [new Measurement<int>(1, Tag("data.version", served.Version))] : [];

    private IEnumerable<Measurement<long>> ObserveRecords() =>
        _served is { } served ? served.Counts.Select(c => new Measurement<long>(c.Count, Tag("collection", c.Collection))) : [];

    private IEnumerable<Measurement<long>> ObserveReloads() =>
        Outcomes.Select((outcome, i) => new Measurement<long>(Interlocked.Read(ref _reloads[i]), Tag("outcome", outcome)));

    private IEnumerable<Measurement<long>> ObserveRejections() =>
    [
        new(Interlocked.Read(ref _rateLimitedApi), Tag("limiter", "rate_limit"), Tag("budget", "api")),
        new(Interlocked.Read(ref _rateLimitedDocs), Tag("limiter", "rate_limit"), Tag("budget", "docs")),
        new(Interlocked.Read(ref _expensiveWorkRefused), Tag("limiter", "expensive_work")),
        new(Interlocked.Read(ref _timedOut), Tag("limiter", "request_timeout")),
        new(Interlocked.Read(ref _changeStreamsClientFull), Tag("limiter", "change_streams"), Tag("scope", "client")),
        new(Interlocked.Read(ref _changeStreamsReplicaFull), Tag("limiter", "change_streams"), Tag("scope", "replica")),
    ];

    private IEnumerable<Measurement<long>> ObserveExportCache() =>
    [
        new(Interlocked.Read(ref _exportCacheHits), Tag("result", "hit")),
        new(Interlocked.Read(ref _exportCacheMisses), Tag("result", "miss")),
    ];

    private static KeyValuePair<string, object?> Tag(string key, string value) => new(key, value);

    private sealed record Served(string Version, (string Collection, int Count)[] Counts);
}
