using Microsoft.Extensions.Options;
using ReadoutApi.Changes;
using ReadoutApi.Snapshots;

namespace ReadoutApi.Tests.Changes;

/// <summary>The journal on its own: replicas sharing one file, and retention.</summary>
public sealed class ChangeJournalTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "readoutapi-journal-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private ChangeJournal Open(int retentionDays = 90) =>
        new(Options.Create(new StateOptions { Path = Path.Combine(_folder, "journal.db"), RetentionDays = retentionDays }));

    private static CollectionVersions[] Versions(params (string Id, string Version)[] claims) =>
        [new("claims", [.. claims.Select(c => c.Id)], [.. claims.Select(c => c.Version)])];

    [Fact]
    public void ReplicasSharingTheFileWriteEachChangeOnceAndAgreeOnTokens()
    {
        using var a = Open();
        using var b = Open();
        Assert.Equal(a.Id, b.Id);

        var first = a.Commit(Versions(("x", "1"), ("y", "1")), "data-1", Start);
        var same = b.Commit(Versions(("x", "1"), ("y", "1")), "data-1", Start.AddSeconds(5));
        Assert.Equal(first.Head, same.Head);
        Assert.Equal(first.Metas[0][0], same.Metas[0][0]);

        var changed = b.Commit(Versions(("x", "2")), "data-2", Start.AddSeconds(10));
        a.Commit(Versions(("x", "2")), "data-2", Start.AddSeconds(11));
        var page = a.Read(a.Beginning, null, 100, changed.Head);
        Assert.Equal(["x created", "y created", "x updated", "y deleted"], page.Events.Select(e => $"{e.Id} {e.Action}"));
        Assert.Equal(page.Next, b.After(changed.Head));
        Assert.True(b.CanAnswer(page.Events[1].Position));
        Assert.Equal(Start, changed.Metas[0][0].FirstSeen);
        Assert.Equal(Start.AddSeconds(10), changed.Metas[0][0].LastChanged);
    }

    [Fact]
    public void EventsPastRetentionGoAndTheirTokensAreNoLongerAnswered()
    {
        using var journal = Open(retentionDays: 1);
        journal.Commit(Versions(("x", "1")), "data-1", Start);
        var beginning = journal.Beginning;
        var afterFirst = journal.After(journal.Commit(Versions(("x", "2")), "data-2", Start.AddHours(1)).Head);
        Assert.True(journal.CanAnswer(beginning));

        var last = journal.Commit(Versions(("x", "3")), "data-3", Start.AddDays(3));

        // Before the dropped events: the client would miss them, so it must list again. Right after them: it misses nothing.
        Assert.False(journal.CanAnswer(beginning));
        Assert.Equal(afterFirst, journal.Beginning);
        Assert.True(journal.CanAnswer(afterFirst));
        var page = journal.Read(journal.Beginning, null, 100, last.Head);
        Assert.Equal(["x updated"], page.Events.Select(e => $"{e.Id} {e.Action}"));
    }
}
