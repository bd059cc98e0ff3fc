namespace ReadoutApi.Querying;

/// <summary>A precomputed order of the whole collection and each record's place in it.</summary>
internal sealed record SortIndex(int[] Order, int[] Rank)
{
    public static SortIndex Identity(int count)
    {
        var order = Enumerable.Range(0, count).ToArray();
        return new SortIndex(order, order);
    }

    /// <summary>
    /// Orders by a whole-number key (a day number, a rank), ties by position, which is id order: one primitive sort of
    /// packed keys.
    /// </summary>
    public static SortIndex ByKey(int[] keys)
    {
        var packed = new long[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            packed[i] = ((long)keys[i] << 32) | (uint)i;
        }

        Array.Sort(packed);
        return FromOrder(Array.ConvertAll(packed, k => (int)(k & 0xFFFF_FFFF)));
    }

    /// <summary>
    /// Each key's rank among the distinct keys, case-insensitively, nulls last: sorting whole numbers is far cheaper than
    /// comparing the strings again and again.
    /// </summary>
    public static int[] Ranks(string?[] keys)
    {
        var sorted = (string?[])keys.Clone();
        var positions = new int[keys.Length];
        for (var i = 0; i < positions.Length; i++)
        {
            positions[i] = i;
        }

        Array.Sort(sorted, positions, NullsLastIgnoreCase);
        var ranks = new int[keys.Length];
        for (int i = 0, rank = 0; i < sorted.Length; i++)
        {
            if (i > 0 && NullsLastIgnoreCase.Compare(sorted[i - 1], sorted[i]) != 0)
            {
                rank++;
            }

            ranks[positions[i]] = rank;
        }

        return ranks;
    }

    private static readonly Comparer<string?> NullsLastIgnoreCase = Comparer<string?>.Create((a, b) =>
        a is null ? (b is null ? 0 : 1) : b is null ? -1 : StringComparer.OrdinalIgnoreCase.Compare(a, b));

    private static SortIndex FromOrder(int[] order)
    {
        var rank = new int[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            rank[order[i]] = i;
        }

        return new SortIndex(order, rank);
    }
}
