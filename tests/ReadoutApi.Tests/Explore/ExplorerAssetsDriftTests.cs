
namespace ReadoutApi.Tests.Explore;

/// <summary>
/// The committed explorer (src/ReadoutApi/wwwroot/explore) is what src/explorer/build.sh makes of src/explorer with the
/// pinned packages of its package-lock.json: the test builds into a temporary folder and compares every file, byte for
/// byte. After changing the page's sources, run the script and commit its output. Skipped where node or npm cannot run;
/// never when CI=true (.ci/run has both).
/// </summary>
public class ExplorerAssetsDriftTests
{
    private const string Rebuild = "bash src/explorer/build.sh";

    [SkippableFact]
    public async Task CommittedExplorerIsWhatTheBuildMakesOfItsSources()
    {
        var root = Path.GetDirectoryName(TestPaths.RepoSeed)!;
        var committed = Path.Combine(root, "src", "ReadoutApi", "wwwroot", "explore");
        var fresh = Directory.CreateTempSubdirectory("readoutapi-explorer-");
        try
        {
            var build = await Run(root, "bash", Path.Combine(root, "src", "explorer", "build.sh"), fresh.FullName);
            if (build.ExitCode != 0)
            {
                var node = await Run(root, "node", "--version");
                var npm = await Run(root, "npm", "--version");
                if (node.ExitCode != 0 || npm.ExitCode != 0)
                {
                    var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
                    Assert.False(inCi, $"CI=true but node or npm cannot run: {node.Output} {npm.Output}");
                    Skip.If(true, $"node or npm cannot run here, so the built explorer is not compared: {node.Output} {npm.Output}");
                }

                Assert.Fail($"{Rebuild} failed (exit {build.ExitCode}):\n{build.Output}");
            }

            var expected = Files(fresh.FullName);
            var actual = Files(committed);
            var missing = expected.Keys.Except(actual.Keys).Order(StringComparer.Ordinal).ToList();
            var extra = actual.Keys.Except(expected.Keys).Order(StringComparer.Ordinal).ToList();
            var changed = expected.Keys.Intersect(actual.Keys).Where(f => !expected[f].SequenceEqual(actual[f])).Order(StringComparer.Ordinal).ToList();
            Assert.True(
                missing.Count + extra.Count + changed.Count == 0,
                $"src/ReadoutApi/wwwroot/explore is not what {Rebuild} makes of src/explorer. Run it and commit the result.\n" +
                $"missing: {string.Join(", ", missing)}\nnot built: {string.Join(", ", extra)}\ndifferent: {string.Join(", ", changed)}");
            Assert.Contains("index.html", expected.Keys);
        }
        finally
        {
            fresh.Delete(recursive: true);
        }
    }

    /// <summary>Every file under a folder by its relative path (with '/'), its bytes.</summary>
    private static Dictionary<string, byte[]> Files(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(
            path => Path.GetRelativePath(folder, path).Replace('\\', '/'),
            File.ReadAllBytes,
            StringComparer.Ordinal);

    private static Task<(int ExitCode, string Output)> Run(string directory, string fileName, params string[] arguments) =>
        ToolProcess.Run(directory, TimeSpan.FromMinutes(5), fileName, arguments);
}
