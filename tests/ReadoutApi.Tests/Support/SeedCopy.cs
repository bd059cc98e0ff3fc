namespace ReadoutApi.Tests.Support;

/// <summary>A private copy of the repository's seed files in a temporary folder, for tests that edit them.</summary>
public sealed class SeedCopy : IDisposable
{
    public SeedCopy()
    {
        Directory.CreateDirectory(Folder);
        foreach (var file in Directory.GetFiles(TestPaths.RepoSeed, "*.json"))
        {
            File.Copy(file, FileOf(Path.GetFileName(file)));
        }
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "readoutapi-seed-" + Guid.NewGuid().ToString("N"));

    public string FileOf(string name) => Path.Combine(Folder, name);

    /// <summary>Rewrites a file; the change must change something, so a stale edit fails loudly.</summary>
    public void Edit(string name, Func<string, string> change)
    {
        var before = File.ReadAllText(FileOf(name));
        var after = change(before);
        Assert.NotEqual(before, after);
        File.WriteAllText(FileOf(name), after);
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
