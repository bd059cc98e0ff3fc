namespace ReadoutApi.Seed;

/// <summary>Where the seed data is and whether to follow its changes (configuration section <c>Seed</c>).</summary>
public sealed class SeedOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Seed";

    /// <summary>The seed folder; when empty, the repository's <c>seed/</c> is found from the working or app directory.</summary>
    public string? Path { get; set; }

    /// <summary>Reload when the folder changes.</summary>
    public bool Watch { get; set; } = true;

    /// <summary>Use file-system notifications to see changes at once (with <see cref="Watch"/>).</summary>
    public bool Notifications { get; set; } = true;

    /// <summary>How often to look at the files for changes notifications missed, in seconds; 0 turns it off.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 3600)]
    public int PollSeconds { get; set; } = 10;

    /// <summary>How long changes must settle before a reload, in milliseconds.</summary>
    [System.ComponentModel.DataAnnotations.Range(10, 60_000)]
    public int DebounceMilliseconds { get; set; } = 300;

    /// <summary>The largest seed file read, in bytes; a larger one is a problem, not an attempt to read it all.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = SeedLoader.DefaultMaxFileBytes;

    /// <summary>The folder to load: the configured one, else the nearest <c>seed/</c> holding readouts.json.</summary>
    public string ResolvePath()
    {
        if (!string.IsNullOrWhiteSpace(Path))
        {
            return System.IO.Path.GetFullPath(Path);
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = System.IO.Path.Combine(dir.FullName, "seed");
                if (File.Exists(System.IO.Path.Combine(candidate, "readouts.json")))
                {
                    return candidate;
                }
            }
        }

        return System.IO.Path.GetFullPath("seed");
    }
}
