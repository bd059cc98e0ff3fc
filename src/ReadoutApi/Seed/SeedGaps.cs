using System.Globalization;

namespace ReadoutApi.Seed;

/// <summary>
/// For a report on a folder some of whose records cannot be read (a wrong type, a missing or unknown property): which
/// records of each such file were read, so that the checks across files run on them and name them by their place in
/// the file, and the ids of those that were not, so that a reference to one of them is not called unknown.
/// </summary>
internal sealed class SeedGaps
{
    private readonly Dictionary<string, FileGaps> _files = new(StringComparer.Ordinal);

    /// <summary>Records that the <paramref name="positions"/>-th records of <paramref name="file"/> were read, in order,
    /// and the others not (with their ids where they have one).</summary>
    public void Add(string file, string array, int[] positions, IReadOnlyList<(int At, string Id)> unread) =>
        _files[file] = new FileGaps(array, positions, unread);

    /// <summary>Whether some records of <paramref name="file"/> were not read.</summary>
    public bool Has(string file) => _files.ContainsKey(file);

    /// <summary>The place in the file of the <paramref name="index"/>-th record read.</summary>
    public int PositionOf(string file, int index) => _files.TryGetValue(file, out var gaps) ? gaps.Positions[index] : index;

    /// <summary>The ids of the records of <paramref name="file"/> that were not read, with their places.</summary>
    public IReadOnlyList<(int At, string Id)> Unread(string file) => _files.TryGetValue(file, out var gaps) ? gaps.Unread : [];

    /// <summary>A JSONPath built on the records read (<c>$.claims[3].text</c>) as it is in the file (<c>$.claims[5].text</c>).</summary>
    public string InFile(string file, string path)
    {
        if (!_files.TryGetValue(file, out var gaps) || IndexIn(path, gaps.Array) is not { } at)
        {
            return path;
        }

        return $"$.{gaps.Array}[{gaps.Positions[at.Index].ToString(CultureInfo.InvariantCulture)}]{path[at.End..]}";
    }

    /// <summary>The record index a JSONPath starts with (<c>$.claims[3]...</c>), and where the rest of the path begins.</summary>
    public static (int Index, int End)? IndexIn(string path, string array)
    {
        var prefix = $"$.{array}[";
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var close = path.IndexOf(']', prefix.Length);
        return close > 0 && int.TryParse(path.AsSpan(prefix.Length, close - prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? (index, close + 1)
            : null;
    }

    private sealed record FileGaps(string Array, int[] Positions, IReadOnlyList<(int At, string Id)> Unread);
}
