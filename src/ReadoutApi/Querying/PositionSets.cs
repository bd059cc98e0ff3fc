using System.Numerics;

namespace ReadoutApi.Querying;

/// <summary>
/// Set algebra on record positions: ascending arrays of distinct whole numbers, the form every posting list and match
/// set takes.
/// </summary>
public static class PositionSets
{
    /// <summary>
    /// The positions in any of the lists, ascending and distinct. Linear in the positions given, never a sort: one list
    /// is returned as it is, two are merged, and more (a one-letter search word's prefix can match thousands of
    /// tokens) are marked in a bitset as long as the largest position, which is read back in order.
    /// </summary>
    public static int[] Union(IEnumerable<int[]> lists)
    {
        var nonEmpty = new List<int[]>();
        var largest = -1;
        foreach (var list in lists)
        {
            if (list.Length > 0)
            {
                nonEmpty.Add(list);
                largest = Math.Max(largest, list[^1]);
            }
        }

        return nonEmpty.Count switch
        {
            0 => [],
            1 => nonEmpty[0],
            2 => Merge(nonEmpty[0], nonEmpty[1]),
            _ => MarkAndRead(nonEmpty, largest),
        };
    }

    // Two ascending lists in one pass.
    private static int[] Merge(int[] a, int[] b)
    {
        var result = new int[a.Length + b.Length];
        int i = 0, j = 0, n = 0;
        while (i < a.Length && j < b.Length)
        {
            var x = a[i];
            var y = b[j];
            result[n++] = x <= y ? x : y;
            i += x <= y ? 1 : 0;
            j += y <= x ? 1 : 0;
        }

        a.AsSpan(i).CopyTo(result.AsSpan(n));
        n += a.Length - i;
        b.AsSpan(j).CopyTo(result.AsSpan(n));
        n += b.Length - j;
        return n == result.Length ? result : result[..n];
    }

    // Each list's positions set in a bitset of (largest + 1) bits, then read back word by word: O(total + largest / 64).
    private static int[] MarkAndRead(List<int[]> lists, int largest)
    {
        var bits = new ulong[(largest >> 6) + 1];
        foreach (var list in lists)
        {
            foreach (var p in list)
            {
                bits[p >> 6] |= 1UL << p;
            }
        }

        var count = 0;
        foreach (var word in bits)
        {
            count += BitOperations.PopCount(word);
        }

        var result = new int[count];
        var n = 0;
        for (var w = 0; w < bits.Length; w++)
        {
            for (var word = bits[w]; word != 0; word &= word - 1)
            {
                result[n++] = (w << 6) + BitOperations.TrailingZeroCount(word);
            }
        }

        return result;
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
