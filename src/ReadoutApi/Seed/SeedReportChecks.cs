using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace ReadoutApi.Seed;

/// <summary>
/// The second half of the report on a folder with problems: the checks across files (ids, references, vocabularies,
/// dates), run beside the schema's verdict rather than after it, so that one run names every problem. A record that
/// cannot be read (the schema says why) is left out of them, and the others are still checked.
/// </summary>
internal static class SeedReportChecks
{
    // Past this many unreadable records in one file, the rest of it is left out of the checks across files (its schema
    // problems are reported all the same): when every record has the same fault, finding each one would cost a read.
    private const int MostUnreadable = 20;

    // How many records are read at a time while looking for those that cannot be.
    private const int ChunkRecords = 500;

    /// <summary>Adds to the schema's problems those the checks across files find and the schema did not, all in
    /// file order and, within a file, in line order.</summary>
    /// <param name="problems">The schema's problems (and any other problem of a file as a whole).</param>
    /// <param name="files">Every seed file, present.</param>
    public static void AddTo(List<SeedProblem> problems, IReadOnlyDictionary<string, SeedFile> files)
    {
        // A file that is no JSON object at all (or not valid JSON) has no records to check across: a reference into it
        // would only look unknown.
        if (problems.Any(p => p.JsonPath == "$"))
        {
            return;
        }

        var found = new List<SeedProblem>();
        try
        {
            if (Read(files, found) is { } readable)
            {
                SeedValidator.Validate(readable.Data, files, found, readable.Gaps);
            }
        }
        catch (Exception e)
        {
            found.Add(new SeedProblem(Path.GetDirectoryName(files.Values.First().DisplayPath) ?? ".", "$", null, $"could not be checked: {e.Message}"));
        }

        // What the schema reported at a place, around it or inside it, it has said in its own words: a value it refuses
        // is not also unknown, and coordinates out of range are the latitude over its maximum.
        var reported = problems.Select(p => (p.File, p.JsonPath)).ToHashSet();
        var inside = problems.SelectMany(p => Ancestors(p.JsonPath).Where(path => path != "$").Select(path => (p.File, path))).ToHashSet();
        problems.AddRange(found.Where(p =>
            !inside.Contains((p.File, p.JsonPath)) && !Ancestors(p.JsonPath).Any(path => reported.Contains((p.File, path)))));

        var order = SeedData.FileNames.Where(files.ContainsKey).Select((name, i) => (files[name].DisplayPath, i)).ToDictionary();
        var sorted = problems.OrderBy(p => order.GetValueOrDefault(p.File, -1)).ThenBy(p => p.Line ?? 0).ToList();
        problems.Clear();
        problems.AddRange(sorted);
    }

    // The path and each enclosing one: $.claims[0].places[1].placeId, $.claims[0].places[1], ..., $.
    private static IEnumerable<string> Ancestors(string path)
    {
        for (var p = path; p.Length > 0;)
        {
            yield return p;
            var cut = Math.Max(p.LastIndexOf('.'), p.LastIndexOf('['));
            p = cut > 0 ? p[..cut] : "";
        }
    }

    // Every record that can be read, or null when a file has no array of records to read. The files side by side,
    // as at start-up; the problems in file order.
    private static (SeedData Data, SeedGaps Gaps)? Read(IReadOnlyDictionary<string, SeedFile> files, List<SeedProblem> problems)
    {
        var kinds = SeedData.Files;
        var records = new object?[kinds.Count];
        var fileProblems = new List<SeedProblem>[kinds.Count];
        var fileGaps = new Action<SeedGaps>?[kinds.Count];
        Parallel.For(0, kinds.Count, i =>
        {
            fileProblems[i] = [];
            records[i] = ReadFile(kinds[i], files[kinds[i].Name], fileProblems[i], out fileGaps[i]);
        });
        problems.AddRange(fileProblems.SelectMany(p => p));
        if (records.Any(r => r is null))
        {
            return null;
        }

        var gaps = new SeedGaps();
        foreach (var add in fileGaps)
        {
            add?.Invoke(gaps);
        }

        var byName = Enumerable.Range(0, kinds.Count).ToDictionary(i => kinds[i].Name, i => records[i]!);
        return (SeedData.From(name => byName[name]), gaps);
    }

    // The file's records; when some cannot be read, the others, with the problem of each that cannot.
    private static object? ReadFile(SeedFileKind kind, SeedFile file, List<SeedProblem> problems, out Action<SeedGaps>? gaps)
    {
        gaps = null;
        if (kind.Read(file, []) is { } all)
        {
            return all;
        }

        using var document = JsonDocument.Parse(file.Bytes, new JsonDocumentOptions { AllowDuplicateProperties = false });
        if (document.RootElement.ValueKind != JsonValueKind.Object ||
            !document.RootElement.TryGetProperty(kind.ArrayName, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        // A few hundred records at a time: the deserializer stops at the first record it cannot read, having read those
        // before it; that one is reported and left out, and reading goes on after it.
        var elements = array.EnumerateArray().ToList();
        List<int> read = [], unread = [];
        for (var next = 0; next < elements.Count;)
        {
            var rest = Enumerable.Range(next, elements.Count - next);
            if (unread.Count == MostUnreadable)
            {
                unread.AddRange(rest);
                break;
            }

            var chunk = rest.Take(ChunkRecords).ToList();
            var attempt = new List<SeedProblem>();
            if (kind.Read(Envelope(kind, file, elements, chunk), attempt) is not null)
            {
                read.AddRange(chunk);
                next += chunk.Count;
                continue;
            }

            if (attempt.FirstOrDefault() is not { } problem || SeedGaps.IndexIn(problem.JsonPath, kind.ArrayName) is not { } at)
            {
                unread.AddRange(rest);
                break;
            }

            var failed = next + at.Index;
            read.AddRange(chunk.Take(at.Index));
            unread.Add(failed);
            var path = $"$.{kind.ArrayName}[{failed}]{problem.JsonPath[at.End..]}";
            problems.Add(new SeedProblem(file.DisplayPath, path, file.Lines.LineOf(path), problem.Message));
            next = failed + 1;
        }

        List<(int At, string Id)> ids = [];
        foreach (var i in unread)
        {
            if (IdOf(elements[i], kind.ArrayName) is { } id)
            {
                ids.Add((i, id));
            }
        }

        gaps = g => g.Add(kind.Name, kind.ArrayName, [.. read], ids);
        return kind.Read(Envelope(kind, file, elements, read), []);
    }

    // The id a record that cannot be read still has, when it has one.
    private static string? IdOf(JsonElement record, string array) =>
        record.ValueKind == JsonValueKind.Object && record.TryGetProperty(SeedChecker.IdField(array), out var id) &&
        id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    // The chosen records, as a file of their own: {"claims":[...]}.
    private static SeedFile Envelope(SeedFileKind kind, SeedFile file, List<JsonElement> elements, List<int> chosen)
    {
        var bytes = new ArrayBufferWriter<byte>();
        bytes.Write(Encoding.UTF8.GetBytes($"{{\"{kind.ArrayName}\":["));
        for (var i = 0; i < chosen.Count; i++)
        {
            if (i > 0)
            {
                bytes.Write(","u8);
            }

            bytes.Write(JsonMarshal.GetRawUtf8Value(elements[chosen[i]]));
        }

        bytes.Write("]}"u8);
        return new SeedFile(file.DisplayPath, bytes.WrittenSpan.ToArray());
    }
}
