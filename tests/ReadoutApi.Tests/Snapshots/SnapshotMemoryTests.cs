using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using ReadoutApi.Snapshots;

namespace ReadoutApi.Tests.Snapshots;

/// <summary>
/// A reload gives the replaced data back: at 100k records a snapshot is about half a gigabyte, so one kept by mistake
/// doubles the service's memory. Only a snapshot that a cursor walk is on stays (<c>Cursor:HeldSnapshots</c>).
/// </summary>
public sealed class SnapshotMemoryTests : IDisposable
{
    private readonly SeedCopy _seed = new();

    public void Dispose() => _seed.Dispose();

    [Fact]
    public async Task TheReloadsOwnCollectionFreesTheSnapshotItReplaced()
    {
        using var app = new ApiFactory(new() { ["Seed:Path"] = _seed.Folder });
        var replaced = Weak(app.Services.GetRequiredService<SnapshotStore>());

        Edit();
        Assert.True(app.Services.GetRequiredService<SnapshotLoader>().Reload());

        // No collection is forced here: the one the reload ran when it ended must already have freed it.
        Assert.False(replaced.IsAlive, "the replaced snapshot is still in memory after the reload");
    }

    [Fact]
    public async Task ASnapshotAWalkIsOnStaysUntilItIsReleased()
    {
        using var app = new ApiFactory(new() { ["Seed:Path"] = _seed.Folder });
        var store = app.Services.GetRequiredService<SnapshotStore>();
        using (var client = app.CreateClient())
        {
            (await client.GetAsync("/v1/claims?limit=2")).EnsureSuccessStatusCode();
        }

        var held = Weak(store);
        Edit();
        Assert.True(app.Services.GetRequiredService<SnapshotLoader>().Reload());
        GC.Collect();
        Assert.True(held.IsAlive);
        Assert.Single(store.HeldVersions);
    }

    // Made in a frame of its own, so no local of the test keeps the snapshot alive.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference Weak(SnapshotStore store) => new(store.Current);

    private void Edit()
    {
        var file = _seed.FileOf("readouts.json");
        File.WriteAllText(file, File.ReadAllText(file).Replace("Recorded as 9 May.", "Recorded as 9 May (edited).", StringComparison.Ordinal));
    }
}
