using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ReadoutApi.Collections;
using ReadoutApi.Contracts;
using ReadoutApi.Snapshots;
using ReadoutApi.Telemetry;

namespace ReadoutApi.Changes;

/// <summary>Limits of the change feed's waiting requests (configuration section <c>Changes</c>).</summary>
public sealed class ChangesOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Changes";

    /// <summary>Event streams and long polls open at once on this replica; one more is a 503.</summary>
    [Range(1, 1_000_000)]
    public int MaxStreams { get; set; } = 2_000;

    /// <summary>Event streams and long polls one client (an IPv4 address or an IPv6 /64) may hold open; one more is a 429.</summary>
    [Range(1, 10_000)]
    public int MaxStreamsPerClient { get; set; } = 8;

    /// <summary>Seconds between heartbeats on an idle event stream.</summary>
    [Range(1, 3_600)]
    public int HeartbeatSeconds { get; set; } = 15;
}

/// <summary>
/// The change feed: the journal's events up to the snapshot being served (so an event never names a state that is not
/// served yet), as the API shows them, and the slots that bound how many requests may wait for the next change.
/// </summary>
public sealed class ChangeFeed(ChangeJournal journal, SnapshotStore store, IOptions<ChangesOptions> options, ServiceMetrics metrics)
{
    private readonly ConcurrentDictionary<string, int> _perClient = new(StringComparer.Ordinal);
    private readonly ServiceMetrics _metrics = metrics;
    private int _open;

    /// <summary>The journal.</summary>
    public ChangeJournal Journal => journal;

    /// <summary>The limits in force.</summary>
    public ChangesOptions Options => options.Value;

    /// <summary>Event streams and long polls open now.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>The data version served.</summary>
    public string DataVersion => store.Current.Version;

    /// <summary>The position after every change the served data includes (what <c>since=now</c> answers).</summary>
    public ChangeToken Now => journal.After(store.Current.ChangesHead);

    /// <summary>The events after <paramref name="after"/>, up to the data served, as the API shows them.</summary>
    public (IReadOnlyList<ChangeEvent> Events, ChangeToken Next, bool More) Read(ChangeToken after, string? collection, int limit, bool includeRecords)
    {
        var snapshot = store.Current;
        var page = journal.Read(after, collection, limit, snapshot.ChangesHead);
        return ([.. page.Events.Select(e => Show(e, snapshot, includeRecords))], page.Next, page.More);
    }

    /// <summary>A task that completes when the served data next changes.</summary>
    public Task NextChange => store.NextSwap;

    /// <summary>Takes a slot for a waiting request of <paramref name="client"/>; null with the reason when none is free.</summary>
    public Slot? TryOpen(string client, out bool clientFull)
    {
        clientFull = false;
        if (Interlocked.Increment(ref _open) > options.Value.MaxStreams)
        {
            Interlocked.Decrement(ref _open);
            _metrics.ChangeStreamRefused(clientFull: false);
            return null;
        }

        if (_perClient.AddOrUpdate(client, 1, (_, n) => n + 1) > options.Value.MaxStreamsPerClient)
        {
            Release(client);
            clientFull = true;
            _metrics.ChangeStreamRefused(clientFull: true);
            return null;
        }

        _metrics.ChangeStreamOpened();
        return new Slot(this, client);
    }

    private void Release(string client)
    {
        Interlocked.Decrement(ref _open);
        if (_perClient.AddOrUpdate(client, 0, (_, n) => n - 1) <= 0)
        {
            _perClient.TryRemove(new KeyValuePair<string, int>(client, 0));
        }
    }

    private static ChangeEvent Show(JournalEvent e, Snapshot snapshot, bool includeRecords)
    {
        JsonElement? record = null;
        if (includeRecords && CollectionRegistry.All.FirstOrDefault(m => m.Descriptor.Name == e.Collection) is { } module &&
            snapshot[module].Records.TryFind(e.Id, out var position))
        {
            using var document = JsonDocument.Parse(snapshot[module].Records.Json(position));
            record = document.RootElement.Clone();
        }

        return new ChangeEvent(
            e.Position.ToString(), e.Position.Seq, e.Time, e.Collection, e.Id, e.Action, e.Version, e.DataVersion, Paths.Record(e.Collection, e.Id), record);
    }

    /// <summary>A slot held by a waiting request; disposing it frees it.</summary>
    public sealed class Slot(ChangeFeed feed, string client) : IDisposable
    {
        private int _disposed;

        /// <inheritdoc />
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                feed.Release(client);
                feed._metrics.ChangeStreamClosed();
            }
        }
    }
}
