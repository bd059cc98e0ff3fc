using System.Text.RegularExpressions;

namespace ReadoutApi.Seed;

/// <summary>Collects the problems of the checks across files, each with its file, JSON path and line.</summary>
internal sealed class SeedChecker(IReadOnlyDictionary<string, SeedFile> files, List<SeedProblem> problems)
{
    public void Problem(string file, Func<string> path, string message)
    {
        var seedFile = files[file];
        var jsonPath = path();
        problems.Add(new SeedProblem(seedFile.DisplayPath, jsonPath, seedFile.Lines.LineOf(jsonPath), message));
    }

    public HashSet<string> Ids<T>(string file, string array, IReadOnlyList<T> records, Func<T, string> id, Regex format)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var field = array == "countries" ? "code" : "id";
        for (var i = 0; i < records.Count; i++)
        {
            var value = id(records[i]);
            string path() => $"$.{array}[{i}].{field}";
            if (!format.IsMatch(value))
            {
                Problem(file, path, $"'{value}' is not a valid {field} (expected {format})");
            }
            else if (!seen.Add(value))
            {
                Problem(file, path, $"duplicate {field} '{value}'");
            }
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
            Problem(file, path, $"'{value}' is not one of {string.Join(", ", allowed)}");
        }
    }

    public void NotBlank(string file, Func<string> path, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Problem(file, path, "must not be empty");
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
            Problem(file, path, $"'{value}' is not {what} (expected {format})");
        }
    }
}
