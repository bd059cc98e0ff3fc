namespace ReadoutApi.Querying;

/// <summary>
/// Set algebra on record positions: ascending arrays of distinct whole numbers, the form every posting list and match
/// set takes.
/// </summary>
public static class PositionSets
{
    /// <summary>The positions in any of the lists, ascending and distinct.</summary>
    public static int[] Union(IEnumerable<int[]> lists)
    {
        int[]? single = null;
        List<int>? merged = null;
        foreach (var list in lists)
        {
            if (single is null)
            {
                single = list;
                continue;
            }

            merged ??= [.. single];
            merged.AddRange(list);
        }

        if (merged is null)
        {
            return single ?? [];
        }

        merged.Sort();
        var unique = new List<int>(merged.Count);
        foreach (var p in merged)
        {
            if (unique.Count == 0 || unique[^1] != p)
            {
                unique.Add(p);
            }
        }

        return [.. unique];
    }

    /// <summary>The positions in both sets; cheapest when <paramref name="smaller"/> is the smaller one.</summary>
    public static int[] Intersect(int[] smaller, int[] larger)
    {
        if (smaller.Length * 8 < larger.Length)
        {
            return Array.FindAll(smaller, p => Array.BinarySearch(larger, p) >= 0);
        }

        // Comparable sizes: one merge pass.
        var result = new List<int>(smaller.Length);
        for (int i = 0, j = 0; i < smaller.Length && j < larger.Length;)
        {
            if (smaller[i] == larger[j])
            {
                result.Add(smaller[i]);
                i++;
                j++;
            }
            else if (smaller[i] < larger[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return [.. result];
    }

    /// <summary>The intersection of every set, smallest first; null (meaning "everything") when there are none.</summary>
    public static int[]? IntersectAll(IEnumerable<int[]> sets)
    {
        int[]? result = null;
        foreach (var set in sets.OrderBy(s => s.Length))
        {
            result = result is null ? set : Intersect(result, set);
        }

        return result;
    }

    /// <summary>The first index in [0, length) at which <paramref name="isAtOrAfter"/> holds, for a predicate that
    /// is false and then true along the range; <paramref name="length"/> when it never holds.</summary>
    public static int LowerBound(int length, Func<int, bool> isAtOrAfter)
    {
        int lo = 0, hi = length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (isAtOrAfter(mid))
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }
}
