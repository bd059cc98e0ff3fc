using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using ReadoutApi.Contracts;
using ReadoutApi.Snapshots;

namespace ReadoutApi.Changes;

/// <summary>
/// The durable record of every change: an embedded SQLite database (<c>State:Path</c>, else in memory) holding each
/// record's last known version and times, and the events that led there. <see cref="Commit"/> compares a new snapshot
/// with that state inside one write transaction, so replicas that share the file write each change once; the others
/// find nothing left to write. One connection, used under a lock: the journal is touched once per reload and once per
/// page of the feed.
/// </summary>
public sealed partial class ChangeJournal : IRecordHistory, IDisposable
{
    private readonly Lock _lock = new();
    private readonly SqliteConnection _connection;
    private readonly int _retentionDays;

    /// <summary>Opens (or creates) the journal that <paramref name="options"/> name.</summary>
    public ChangeJournal(IOptions<StateOptions> options)
    {
        var path = options.Value.Path;
        _retentionDays = options.Value.RetentionDays;
        IsDurable = !string.IsNullOrWhiteSpace(path);
        if (IsDurable)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path!))!);
        }

        var builder = IsDurable
            ? new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 30, Pooling = false }
            : new SqliteConnectionStringBuilder { DataSource = $"journal-{Guid.NewGuid():N}", Mode = SqliteOpenMode.Memory, Cache = SqliteCacheMode.Private };
        _connection = new SqliteConnection(builder.ToString());
        _connection.Open();
        Execute(IsDurable ? "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;" : "PRAGMA journal_mode=MEMORY;");
        Execute("""
            CREATE TABLE IF NOT EXISTS journal (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS records (
                collection TEXT NOT NULL, id TEXT NOT NULL, version TEXT NOT NULL, first_seen INTEGER NOT NULL, last_changed INTEGER NOT NULL,
                PRIMARY KEY (collection, id)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS events (
                seq INTEGER PRIMARY KEY AUTOINCREMENT, time INTEGER NOT NULL, collection TEXT NOT NULL, id TEXT NOT NULL,
                action TEXT NOT NULL, version TEXT NOT NULL, data_version TEXT NOT NULL, tag INTEGER NOT NULL);
            INSERT OR IGNORE INTO journal (key, value) VALUES ('id', lower(hex(randomblob(16))));
            INSERT OR IGNORE INTO journal (key, value) VALUES ('pruned_through', '0');
            INSERT OR IGNORE INTO journal (key, value) VALUES ('pruned_tag', '0');
            """);
        Id = Guid.ParseExact(Scalar<string>("SELECT value FROM journal WHERE key = 'id'")!, "N");
    }

    /// <summary>This journal's id: every token names it, and a token of another journal is a 410.</summary>
    public Guid Id { get; }

    /// <summary>Whether the journal outlives the process (<c>State:Path</c> is set).</summary>
    public bool IsDurable { get; }

    /// <inheritdoc />
    public HistoryCommit Commit(IReadOnlyList<CollectionVersions> collections, string dataVersion, DateTimeOffset at)
    {
        var now = at.ToUnixTimeSeconds();
        lock (_lock)
        {
            // BEGIN IMMEDIATE: another process sharing the file waits here, and then finds the changes already written.
            using var transaction = _connection.BeginTransaction(deferred: false);
            using var writer = new EventWriter(_connection, transaction, dataVersion, now);
            var metas = collections.Select(c => CommitCollection(c, transaction, writer, now)).ToList();
            Prune(transaction, now);
            var head = Scalar<long>("SELECT coalesce(max(seq), 0) FROM events", transaction);
            transaction.Commit();
            return new HistoryCommit(metas, head);
        }
    }

    private RecordMeta[] CommitCollection(CollectionVersions collection, SqliteTransaction transaction, EventWriter writer, long now)
    {
        var known = new Dictionary<string, (string Version, long FirstSeen, long LastChanged)>(StringComparer.Ordinal);
        using (var select = Command("SELECT id, version, first_seen, last_changed FROM records WHERE collection = $c", transaction))
        {
            select.Parameters.AddWithValue("$c", collection.Collection);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                known[reader.GetString(0)] = (reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3));
            }
        }

        var metas = new RecordMeta[collection.Ids.Count];
        for (var i = 0; i < metas.Length; i++)
        {
            var (id, version) = (collection.Ids[i], collection.Versions[i]);
            var seen = known.Remove(id, out var was);
            var (firstSeen, lastChanged) = !seen ? (now, now) : was.Version == version ? (was.FirstSeen, was.LastChanged) : (was.FirstSeen, now);
            if (!seen || was.Version != version)
            {
                writer.Record(collection.Collection, id, version, firstSeen, seen ? "updated" : "created");
            }

            metas[i] = new RecordMeta(version, DateTimeOffset.FromUnixTimeSeconds(firstSeen), DateTimeOffset.FromUnixTimeSeconds(lastChanged));
        }

        foreach (var (id, gone) in known)
        {
            writer.Delete(collection.Collection, id, gone.Version);
        }

        return metas;
    }

    // Events older than the retention go, but never the newest one: the head's tag must stay checkable.
    private void Prune(SqliteTransaction transaction, long now)
    {
        if (_retentionDays == 0)
        {
            return;
        }

        using var last = Command(
            "SELECT seq, tag FROM events WHERE time < $cutoff AND seq < (SELECT max(seq) FROM events) ORDER BY seq DESC LIMIT 1", transaction);
        last.Parameters.AddWithValue("$cutoff", now - (_retentionDays * 86_400L));
        using var reader = last.ExecuteReader();
        if (!reader.Read())
        {
            return;
        }

        var (seq, tag) = (reader.GetInt64(0), reader.GetInt64(1));
        reader.Close();
        using var prune = Command("""
            DELETE FROM events WHERE seq <= $seq;
            UPDATE journal SET value = $seq WHERE key = 'pruned_through';
            UPDATE journal SET value = $tag WHERE key = 'pruned_tag';
            """, transaction);
        prune.Parameters.AddWithValue("$seq", seq);
        prune.Parameters.AddWithValue("$tag", tag);
        prune.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }

    private T? Scalar<T>(string sql, SqliteTransaction? transaction = null)
    {
        using var command = Command(sql, transaction);
        var value = command.ExecuteScalar();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    // Appends events and keeps the records table in step, with prepared commands reused for every record.
    private sealed class EventWriter(SqliteConnection connection, SqliteTransaction transaction, string dataVersion, long now) : IDisposable
    {
        private readonly SqliteCommand _event = Prepare(connection, transaction,
            "INSERT INTO events (time, collection, id, action, version, data_version, tag) VALUES ($time, $c, $id, $action, $v, $dv, $tag)",
            "$time", "$c", "$id", "$action", "$v", "$dv", "$tag");

        private readonly SqliteCommand _upsert = Prepare(connection, transaction,
            "INSERT OR REPLACE INTO records (collection, id, version, first_seen, last_changed) VALUES ($c, $id, $v, $first, $now)",
            "$c", "$id", "$v", "$first", "$now");

        private readonly SqliteCommand _delete = Prepare(connection, transaction, "DELETE FROM records WHERE collection = $c AND id = $id", "$c", "$id");

        public void Record(string collection, string id, string version, long firstSeen, string action)
        {
            Run(_upsert, collection, id, version, firstSeen, now);
            Event(collection, id, action, version);
        }

        public void Delete(string collection, string id, string version)
        {
            Run(_delete, collection, id);
            Event(collection, id, "deleted", version);
        }

        public void Dispose()
        {
            _event.Dispose();
            _upsert.Dispose();
            _delete.Dispose();
        }

        private void Event(string collection, string id, string action, string version) =>
            Run(_event, now, collection, id, action, version, dataVersion, Random.Shared.NextInt64(1, long.MaxValue));

        private static void Run(SqliteCommand command, params object[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i];
            }

            command.ExecuteNonQuery();
        }

        private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = transaction;
            foreach (var name in names)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            return command;
        }
    }
}
