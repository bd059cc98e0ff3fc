using Microsoft.Data.Sqlite;

namespace ReadoutApi.Changes;

/// <summary>One event of the journal.</summary>
/// <param name="Position">The position just after it (its token).</param>
/// <param name="Time">When the service saw the change.</param>
/// <param name="Collection">The record's collection.</param>
/// <param name="Id">The record's id.</param>
/// <param name="Action">created, updated or deleted.</param>
/// <param name="Version">The record's version after the change (the last one it had, for a deletion).</param>
/// <param name="DataVersion">The data version the change arrived with.</param>
public sealed record JournalEvent(ChangeToken Position, DateTimeOffset Time, string Collection, string Id, string Action, string Version, string DataVersion);

/// <summary>Events read from the journal.</summary>
/// <param name="Events">The events, oldest first.</param>
/// <param name="Next">Where to continue from.</param>
/// <param name="More">Whether more events follow at once.</param>
public sealed record JournalPage(IReadOnlyList<JournalEvent> Events, ChangeToken Next, bool More);

public sealed partial class ChangeJournal
{
    /// <summary>The position before the first event kept (after those dropped by retention).</summary>
    public ChangeToken Beginning
    {
        get
        {
            lock (_lock)
            {
                return BeginningLocked();
            }
        }
    }

    /// <summary>The position just after event <paramref name="seq"/> (a snapshot's <c>ChangesHead</c>).</summary>
    public ChangeToken After(long seq)
    {
        lock (_lock)
        {
            var beginning = BeginningLocked();
            return seq <= beginning.Seq ? beginning : new ChangeToken(Id, seq, TagOf(seq) ?? 0);
        }
    }

    /// <summary>
    /// Whether the journal can answer truthfully what follows <paramref name="token"/>: it is this journal's, and the
    /// event it names is still here with the same tag (or it is the beginning). Otherwise the client must list again.
    /// </summary>
    public bool CanAnswer(ChangeToken token)
    {
        lock (_lock)
        {
            var beginning = BeginningLocked();
            return token.Journal == Id && (token == beginning || (token.Seq > beginning.Seq && TagOf(token.Seq) == token.Tag));
        }
    }

    /// <summary>The events after <paramref name="after"/> and up to <paramref name="head"/>, of one collection or all.</summary>
    /// <param name="after">A position <see cref="CanAnswer"/> accepted.</param>
    /// <param name="collection">Only this collection's events; null for all.</param>
    /// <param name="limit">At most this many events.</param>
    /// <param name="head">The last event the snapshot being served includes.</param>
    public JournalPage Read(ChangeToken after, string? collection, int limit, long head)
    {
        lock (_lock)
        {
            using var select = Command("""
                SELECT seq, tag, time, collection, id, action, version, data_version FROM events
                WHERE seq > $after AND seq <= $head AND ($c IS NULL OR collection = $c) ORDER BY seq LIMIT $take
                """);
            select.Parameters.AddWithValue("$after", after.Seq);
            select.Parameters.AddWithValue("$head", head);
            select.Parameters.AddWithValue("$c", (object?)collection ?? DBNull.Value);
            select.Parameters.AddWithValue("$take", limit + 1);
            var events = new List<JournalEvent>();
            using (var reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    events.Add(new JournalEvent(
                        new ChangeToken(Id, reader.GetInt64(0), reader.GetInt64(1)), DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(2)),
                        reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7)));
                }
            }

            var more = events.Count > limit;
            if (more)
            {
                events.RemoveAt(limit);
                return new JournalPage(events, events[^1].Position, More: true);
            }

            // Nothing more up to the head: continue from the head, past other collections' events too.
            var next = head > after.Seq && TagOf(head) is { } tag ? new ChangeToken(Id, head, tag) : events.Count > 0 ? events[^1].Position : after;
            return new JournalPage(events, next, More: false);
        }
    }

    private ChangeToken BeginningLocked() => new(
        Id,
        long.Parse(Scalar<string>("SELECT value FROM journal WHERE key = 'pruned_through'")!, System.Globalization.CultureInfo.InvariantCulture),
        long.Parse(Scalar<string>("SELECT value FROM journal WHERE key = 'pruned_tag'")!, System.Globalization.CultureInfo.InvariantCulture));

    private long? TagOf(long seq)
    {
        using var select = Command("SELECT tag FROM events WHERE seq = $seq");
        select.Parameters.Add(new SqliteParameter("$seq", seq));
        return select.ExecuteScalar() is long tag ? tag : null;
    }
}
