using System.Text.RegularExpressions;

namespace ReadoutApi.Seed;

/// <summary>Collects the problems of the checks across files, each with its file, JSON path and line.</summary>
/// <param name="files">The seed files, by name.</param>
/// <param name="problems">Where the problems go.</param>
/// <param name="gaps">In a report, the records of each file that could not be read (null when every record was).</param>
internal sealed class SeedChecker(IReadOnlyDictionary<string, SeedFile> files, List<SeedProblem> problems, SeedGaps? gaps = null)
{
    /// <summary>The property that holds a record's id: a country's is its code.</summary>
    public static string IdField(string array) => array == "countries" ? "code" : "id";

    public void Problem(string file, Func<string> path, string message) =>
        Add(file, gaps is null ? path() : gaps.InFile(file, path()), message);

    public HashSet<string> Ids<T>(string file, string array, IReadOnlyList<T> records, Func<T, string> id, Regex format)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (gaps is not null && gaps.Has(file))
        {
            // Some records could not be read: their ids count too (the schema checked their form), in file order.
            var all = records.Select((r, i) => (At: gaps.PositionOf(file, i), Id: id(r), Read: true))
                .Concat(gaps.Unread(file).Select(u => (u.At, u.Id, Read: false)))
                .OrderBy(r => r.At);
            foreach (var (at, value, read) in all)
            {
                Id(file, array, at, value, read ? format : null, seen);
            }

            return seen;
        }

        for (var i = 0; i < records.Count; i++)
        {
            Id(file, array, i, id(records[i]), format, seen);
        }

        return seen;
    }

    public void Reference(string file, Func<string> path, string? id, HashSet<string> known, string kind)
    {
        if (string.IsNullOrEmpty(id) || !known.Contains(id))
        {
            Problem(file, path, $"unknown {kind} '{id}'");
        }
    }

    public void OneOf(string file, Func<string> path, string value, IReadOnlyList<string> allowed)
    {
        if (!allowed.Contains(value))
        {
            var at = path();
            Problem(file, () => at, SeedWording.NotOneOf(at, SeedWording.Quote(value), allowed));
        }
    }

    public void NotBlank(string file, Func<string> path, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            var at = path();
            Problem(file, () => at, string.IsNullOrEmpty(value)
                ? $"{SeedWording.NameOf(at)} is empty; it needs some text"
                : $"{SeedWording.NameOf(at)} {SeedWording.Quote(value)} is only white space; it needs some text");
        }
    }

    public void AllNotBlank(string file, Func<string> path, IReadOnlyList<string> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            NotBlank(file, () => $"{path()}[{i}]", values[i]);
        }
    }

    public void Matches(string file, Func<string> path, string value, Regex format, string what)
    {
        if (!format.IsMatch(value))
        {
            var at = path();
            Problem(file, () => at, SeedWording.DoesNotMatch(at, SeedWording.Quote(value), format.ToString(), what));
        }
    }

    // A record's id: of the expected form (unless it is one the schema already checked), and unique.
    private void Id(string file, string array, int at, string value, Regex? format, HashSet<string> seen)
    {
        var field = IdField(array);
        string jsonPath() => $"$.{array}[{at}].{field}";
        if (format is not null && !format.IsMatch(value))
        {
            Add(file, jsonPath(), SeedWording.DoesNotMatch(jsonPath(), SeedWording.Quote(value), format.ToString(), null));
        }
        else if (!seen.Add(value))
        {
            Add(file, jsonPath(), $"duplicate {field} '{value}'");
        }
    }

    // A problem at a place in the file as it is (not to be mapped past unread records).
    private void Add(string file, string jsonPath, string message)
    {
        var seedFile = files[file];
        problems.Add(new SeedProblem(seedFile.DisplayPath, jsonPath, seedFile.Lines.LineOf(jsonPath), message));
    }
}
