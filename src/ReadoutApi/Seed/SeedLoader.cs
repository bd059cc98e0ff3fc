using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace ReadoutApi.Seed;

/// <summary>The outcome of reading a seed folder: the data when it is sound, else every problem.</summary>
/// <param name="Data">The records, present only when <paramref name="Problems"/> is empty.</param>
/// <param name="Problems">Everything wrong with the folder.</param>
/// <param name="Version">A hash of the files' bytes: the data version clients see.</param>
public sealed record SeedLoadResult(SeedData? Data, IReadOnlyList<SeedProblem> Problems, string Version)
{
    /// <summary>The data, or an exception listing every problem.</summary>
    public SeedData GetDataOrThrow() => Data ?? throw new SeedValidationException(Problems);
}

/// <summary>Reads the seed files of a folder and checks them; never knows about HTTP.</summary>
public static class SeedLoader
{
    /// <summary>The seed files, one per record kind (<see cref="SeedData.Files"/>).</summary>
    public static IReadOnlyList<string> FileNames => SeedData.FileNames;

    /// <summary>The largest seed file read by default: far above any real one, far below what would exhaust memory.</summary>
    public const long DefaultMaxFileBytes = 1L << 30;

    /// <summary>Reads and checks every seed file of <paramref name="directory"/>; never throws.</summary>
    /// <param name="directory">The seed folder.</param>
    /// <param name="maxFileBytes">The largest file accepted (<c>Seed:MaxFileBytes</c>).</param>
    public static SeedLoadResult Load(string directory, long maxFileBytes = DefaultMaxFileBytes)
    {
        try
        {
            return LoadFolder(directory, maxFileBytes);
        }
        catch (Exception e)
        {
            // Every step below reports what it can as problems; this is the last line, so that nothing a library throws
            // ever stops the service or is served.
            return new SeedLoadResult(null, [new SeedProblem(Display(directory), "$", null, $"could not be loaded: {e.Message}")], "");
        }
    }

    private static SeedLoadResult LoadFolder(string directory, long maxFileBytes)
    {
        var problems = new List<SeedProblem>();
        if (!Directory.Exists(directory))
        {
            problems.Add(new SeedProblem(Display(directory), "$", null, "seed folder not found"));
            return new SeedLoadResult(null, problems, "");
        }

        // The files are read side by side (at 100,000 records, reading 128 MB is a noticeable part of the start-up).
        var found = new SeedFile?[FileNames.Count];
        var unreadable = new SeedProblem?[FileNames.Count];
        Parallel.For(0, FileNames.Count, i =>
        {
            var path = Path.Combine(directory, FileNames[i]);
            found[i] = SeedFileReader.Read(path, Display(path), maxFileBytes, out unreadable[i]);
        });
        var files = new Dictionary<string, SeedFile>();
        var unread = unreadable.OfType<SeedProblem>().ToList();
        var hash = new XxHash128();
        foreach (var (name, file) in FileNames.Zip(found))
        {
            if (file is not null)
            {
                files[name] = file;
                hash.Append(file.ContentHash);
            }
        }

        // The typed records and the checks across files decide. Every constraint of the JSON Schemas is also one of
        // theirs (SchemaCoverageTests derives a violation from each constraint and checks that it is refused), so a
        // sound folder needs no schema evaluation, which at 100,000 records would be most of the start-up time.
        SeedData? data = null;
        problems.AddRange(unread);
        if (problems.Count == 0)
        {
            data = Deserialize(files, problems);
            if (data is not null)
            {
                Validate(data, files, problems);
            }
        }

        if (problems.Count > 0)
        {
            // Something is wrong: report it as editors see it, the schema's verdict and the checks across files together.
            data = null;
            problems = [.. unread, .. Report(files)];
        }

        var version = Convert.ToHexStringLower(hash.GetCurrentHash())[..16];
        return problems.Count == 0 ? new SeedLoadResult(data, [], version) : new SeedLoadResult(null, problems, version);
    }

    // The full report: syntax and schema of every file present (in parallel: it is the costly part), and beside them
    // the checks across files on every record that can be read.
    private static List<SeedProblem> Report(Dictionary<string, SeedFile> files)
    {
        var schemaProblems = new List<SeedProblem>[FileNames.Count];
        Parallel.For(0, FileNames.Count, i =>
        {
            schemaProblems[i] = [];
            if (files.TryGetValue(FileNames[i], out var file))
            {
                try
                {
                    CheckAgainstSchema(FileNames[i], file, schemaProblems[i]);
                }
                catch (Exception e)
                {
                    schemaProblems[i].Add(new SeedProblem(file.DisplayPath, "$", null, $"could not be checked against its schema: {e.Message}"));
                }
            }
        });
        var problems = schemaProblems.SelectMany(p => p).ToList();
        if (files.Count == FileNames.Count)
        {
            SeedReportChecks.AddTo(problems, files);
        }

        return problems;
    }

    private static void Validate(SeedData data, Dictionary<string, SeedFile> files, List<SeedProblem> problems)
    {
        try
        {
            SeedValidator.Validate(data, files, problems);
        }
        catch (Exception e)
        {
            problems.Add(new SeedProblem(Path.GetDirectoryName(files.Values.First().DisplayPath) ?? ".", "$", null, $"could not be checked: {e.Message}"));
        }
    }

    private static void CheckAgainstSchema(string name, SeedFile file, List<SeedProblem> problems)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(file.Bytes, new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            // A duplicate key is reported without a position: find it.
            var line = e.LineNumber + 1 ?? (JsonBytes.FirstDuplicateKey(file.Bytes) is var at and >= 0 ? JsonBytes.LineAt(file.Bytes, at) : null);
            problems.Add(new SeedProblem(file.DisplayPath, "$", line, $"not valid JSON: {Describe(e)}"));
            return;
        }

        using (document)
        {
            // JsonDocument checks a string's UTF-8 only when the string is read, and the schema evaluator would then throw.
            if (JsonBytes.FirstInvalidUtf8(file.Bytes) is var offset and >= 0)
            {
                problems.Add(new SeedProblem(file.DisplayPath, "$", JsonBytes.LineAt(file.Bytes, offset), "not valid UTF-8"));
                return;
            }

            // Nor does it check that an escaped surrogate (\ud800) has its pair; reading such a string throws.
            if (JsonBytes.FirstLoneSurrogate(file.Bytes) is var escape and >= 0)
            {
                problems.Add(new SeedProblem(
                    file.DisplayPath, "$", JsonBytes.LineAt(file.Bytes, escape), "a string holds an escaped lone surrogate (\\uD800-\\uDFFF without its pair): no text can carry it"));
                return;
            }

            foreach (var (path, message) in SeedSchemas.Violations(name, document.RootElement, Convert.ToHexString(file.ContentHash)))
            {
                problems.Add(new SeedProblem(file.DisplayPath, path, file.Lines.LineOf(path), message));
            }
        }
    }

    private static SeedData? Deserialize(Dictionary<string, SeedFile> files, List<SeedProblem> problems)
    {
        // Side by side, the largest files first (the readouts and the claims are nearly all of the bytes); the problems
        // are reported in file order.
        var kinds = SeedData.Files;
        var records = new object?[kinds.Count];
        var fileProblems = new List<SeedProblem>[kinds.Count];
        var largestFirst = Enumerable.Range(0, kinds.Count).OrderByDescending(i => files[kinds[i].Name].Bytes.Length).ToArray();
        Parallel.ForEach(Partitioner.Create(largestFirst, EnumerablePartitionerOptions.NoBuffering), i =>
        {
            fileProblems[i] = [];
            records[i] = kinds[i].Read(files[kinds[i].Name], fileProblems[i]);
        });
        problems.AddRange(fileProblems.SelectMany(p => p));
        if (records.Any(r => r is null))
        {
            return null;
        }

        var byName = Enumerable.Range(0, kinds.Count).ToDictionary(i => kinds[i].Name, i => records[i]!);
        return SeedData.From(name => byName[name]);
    }

    /// <summary>A deserialization error as an editor reads it (System.Text.Json appends "Path: ... | LineNumber: ..." to
    /// its messages; the problem carries those already).</summary>
    internal static string Describe(JsonException e)
    {
        if (e.Message.Contains("System.DateOnly", StringComparison.Ordinal) || e.InnerException is FormatException)
        {
            return "not a valid date (YYYY-MM-DD)";
        }

        var message = e.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }

    private static string Display(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), full);
        return relative.StartsWith("..", StringComparison.Ordinal) ? full : relative;
    }
}

/// <summary>A seed file's bytes with what is needed to point at its lines.</summary>
internal sealed record SeedFile(string DisplayPath, byte[] Bytes)
{
    private JsonLineMap? _lines;

    /// <summary>A 128-bit hash of the bytes: what the data version and the schema verdicts are keyed on. Not a secret.</summary>
    public byte[] ContentHash { get; } = XxHash128.Hash(Bytes);

    /// <summary>The line of each value; mapped only when a problem needs a line (mapping a large file is costly).</summary>
    public JsonLineMap Lines => _lines ??= JsonLineMap.Build(Bytes);
}
