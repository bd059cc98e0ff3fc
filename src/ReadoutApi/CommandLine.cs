using ReadoutApi.Seed;

namespace ReadoutApi;

/// <summary>The verbs the service's executable answers besides serving.</summary>
public static class CommandLine
{
    /// <summary>Runs a verb when the arguments name one.</summary>
    /// <returns>The exit code, or null when the arguments ask to serve.</returns>
    public static async Task<int?> TryRunAsync(string[] args) => args switch
    {
        ["validate"] => Validate(new SeedOptions().ResolvePath()),
        ["validate", var directory] => Validate(Resolve(directory)),
        ["healthcheck", var url] => await ProbeAsync(url),
        _ => null,
    };

    // A relative path is the process's, as usual. But `dotnet run --project src/ReadoutApi -- validate seed` runs the app
    // in the project's folder while the user typed the path from theirs, which the shell's PWD still names: when the path
    // is not found from the process's folder, it is looked for from there.
    private static string Resolve(string directory)
    {
        var path = Path.GetFullPath(directory);
        return !Directory.Exists(path) &&
               Environment.GetEnvironmentVariable("PWD") is { Length: > 0 } shell && Path.IsPathFullyQualified(shell) &&
               Path.GetFullPath(directory, shell) is var typed && Directory.Exists(typed)
            ? typed
            : path;
    }

    // For people who edit seed files: the same checks as at start, without serving.
    private static int Validate(string directory)
    {
        var result = SeedLoader.Load(directory);
        foreach (var problem in result.Problems)
        {
            Console.Error.WriteLine(problem with { File = Shown(problem.File) });
        }

        if (result.Data is not { } data)
        {
            var count = result.Problems.Count;
            Console.Error.WriteLine($"{count} problem{(count == 1 ? "" : "s")} in {Shown(directory)}.");
            return 1;
        }

        var counts = data.Counts().Select(c => $"{c.Count} {Path.GetFileNameWithoutExtension(c.File)}");
        Console.WriteLine($"{Shown(directory)}: valid ({string.Join(", ", counts)}; version {result.Version}).");
        return 0;
    }

    // A path as seen from where the command was typed (the shell's folder, which under `dotnet run --project` is not the
    // process's), else from the process's folder, when it lies inside; otherwise in full.
    private static string Shown(string path)
    {
        var full = Path.GetFullPath(path);
        var shell = Environment.GetEnvironmentVariable("PWD") is { Length: > 0 } pwd && Path.IsPathFullyQualified(pwd) && Directory.Exists(pwd) ? pwd : null;
        foreach (var from in new[] { shell, Directory.GetCurrentDirectory() }.OfType<string>())
        {
            var relative = Path.GetRelativePath(from, full);
            var outside = relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative);
            if (!outside && relative != ".")
            {
                return relative;
            }
        }

        return full;
    }

    // The runtime image has no curl; the container's HEALTHCHECK runs this instead.
    private static async Task<int> ProbeAsync(string url)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await client.GetAsync(new Uri(url));
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            await Console.Error.WriteLineAsync($"healthcheck: {e.Message}");
            return 1;
        }
    }
}
