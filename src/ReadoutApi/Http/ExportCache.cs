using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using ReadoutApi.Telemetry;

namespace ReadoutApi.Http;

/// <summary>How many export bodies are kept for repeated downloads (configuration section <c>Exports</c>).</summary>
public sealed class ExportOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Exports";

    /// <summary>The most the cache holds, in MiB, all bodies together; 0 turns it off.</summary>
    [Range(0, 65_536)]
    public int CacheMegabytes { get; set; } = 64;

    /// <summary>The largest body kept, in MiB (as sent: compressed when it is sent compressed); larger ones are streamed each time.</summary>
    [Range(0, 65_536)]
    public int MaxEntryMegabytes { get; set; } = 16;
}

/// <summary>
/// Export bodies (whole-result CSV and NDJSON) kept after they are first sent, by their strong ETag, which already names
/// the data version, the build, the path, the query, the format and the content coding: a repeated export is a lookup
/// and a copy, compressed or not. Bounded in bytes (Microsoft.Extensions.Caching.Memory with a size limit: the least
/// recently used go first); an entry unused for 10 minutes is dropped, so the data of a replaced snapshot does not linger.
/// Every lookup is a hit or a miss of <see cref="ServiceMetrics"/>.
/// </summary>
public sealed class ExportCache : IDisposable
{
    private static readonly TimeSpan Unused = TimeSpan.FromMinutes(10);
    private readonly MemoryCache? _cache;
    private readonly ServiceMetrics _metrics;
    private long _hits;
    private long _misses;

    /// <summary>Creates the cache from the options.</summary>
    public ExportCache(IOptions<ExportOptions> options, ServiceMetrics metrics)
    {
        _metrics = metrics;
        var limit = (long)options.Value.CacheMegabytes << 20;
        MaxEntryBytes = Math.Min(limit, (long)options.Value.MaxEntryMegabytes << 20);
        // A body that does not fit starts a compaction and is not kept: drop a quarter, so that the next one fits.
        _cache = limit > 0 ? new MemoryCache(new MemoryCacheOptions { SizeLimit = limit, CompactionPercentage = 0.25, TrackStatistics = true }) : null;
    }

    /// <summary>The largest body the cache takes, in bytes.</summary>
    public long MaxEntryBytes { get; }

    /// <summary>The bytes held now.</summary>
    public long Size => _cache?.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0;

    /// <summary>Exports served from the cache since start.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Exports written from the records since start.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>The body kept for a representation's ETag, if any.</summary>
    public bool TryGet(string etag, out byte[] body)
    {
        if (_cache is not null && _cache.TryGetValue(etag, out byte[]? found) && found is not null)
        {
            Interlocked.Increment(ref _hits);
            _metrics.ExportCacheHit();
            body = found;
            return true;
        }

        Interlocked.Increment(ref _misses);
        _metrics.ExportCacheMiss();
        body = [];
        return false;
    }

    /// <summary>Keeps a body sent whole, if it fits (when the cache is full, its least recently used bodies are dropped).</summary>
    public void Add(string etag, byte[] body)
    {
        if (_cache is not null && body.LongLength <= MaxEntryBytes)
        {
            _cache.Set(etag, body, new MemoryCacheEntryOptions { Size = Math.Max(1, body.LongLength), SlidingExpiration = Unused });
        }
    }

    /// <inheritdoc />
    public void Dispose() => _cache?.Dispose();
}
