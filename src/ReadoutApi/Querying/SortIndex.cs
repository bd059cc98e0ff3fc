using System.Globalization;

namespace ReadoutApi.Querying;

/// <summary>
/// A precomputed order of the whole collection and each record's place in it, and the keys it was sorted by: a
/// cursor carries its anchor's key, so a walk can find its place again in data where the anchor moved or is gone.
/// </summary>
/// <param name="Order">Positions in sort order.</param>
/// <param name="Rank">Each position's place in <paramref name="Order"/>.</param>
/// <param name="Numbers">The whole-number keys (day numbers), when the order is by them.</param>
/// <param name="Texts">The text keys (compared case-insensitively, nulls last), when the order is by them.</param>
public sealed record SortIndex(int[] Order, int[] Rank, int[]? Numbers = null, string?[]? Texts = null)
{
    /// <summary>Id order: positions are in id order already.</summary>
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

    /// <summary>A record's sort key as a cursor carries it: <c>n123</c>, <c>s</c> and the text, <c>-</c> for none, or empty (id order).</summary>
    public string KeyText(int position) =>
        Numbers is not null ? "n" + Numbers[position].ToString(CultureInfo.InvariantCulture)
        : Texts is not null ? Texts[position] switch
        {
            null => "-",
            { Length: <= MaxKeyLength } text => "s" + text,
            // A cursor must fit in a URL: a longer key is carried cut short (never inside a surrogate pair), marked 't'.
            var text => "t" + text[..(char.IsHighSurrogate(text[MaxKeyLength - 1]) ? MaxKeyLength - 1 : MaxKeyLength)],
        }
        : "";

    /// <summary>The longest text key a cursor carries whole.</summary>
    public const int MaxKeyLength = 1000;

    /// <summary>Reads a key made by <see cref="KeyText"/> for an order of this kind; false when it is of another kind.</summary>
    public bool TryParseKey(string text, out SortKey key)
    {
        key = default;
        if (Numbers is not null)
        {
            var number = 0;
            var ok = text.StartsWith('n') && int.TryParse(text.AsSpan(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);
            key = new SortKey(number, null);
            return ok;
        }

        if (Texts is not null)
        {
            key = new SortKey(0, text.StartsWith('s') || text.StartsWith('t') ? text[1..] : null, text.StartsWith('t'));
            return text.StartsWith('s') || text.StartsWith('t') || text == "-";
        }

        return text.Length == 0;
    }

    /// <summary>
    /// How many records sort before the anchor (<paramref name="inclusive"/>: before it or at it), ascending, where the
    /// anchor is a key and an id that need not be in this data.
    /// </summary>
    public int CountBefore(SortKey key, string anchorId, Func<int, string> idOf, bool inclusive)
    {
        int low = 0, high = Order.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            var compared = Compare(Order[middle], key, anchorId, idOf);
            if (compared < 0 || (inclusive && compared == 0))
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private int Compare(int position, SortKey key, string anchorId, Func<int, string> idOf)
    {
        var compared = Numbers is not null ? Numbers[position].CompareTo(key.Number)
            : Texts is not null ? NullsLastIgnoreCase.Compare(key.Truncated ? Prefix(Texts[position], key.Text!.Length) : Texts[position], key.Text)
            : 0;
        return compared != 0 ? compared : string.CompareOrdinal(idOf(position), anchorId);
    }

    // Against a key cut short, records compare by as much of their key: those that share all of it (more than
    // MaxKeyLength characters in common) are told apart by id only, so a walk may skip or repeat among them.
    private static string? Prefix(string? text, int length) => text is { } t && t.Length > length ? t[..length] : text;

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

/// <summary>An anchor's sort key: a whole number, or a text (null sorts last), possibly cut short.</summary>
public readonly record struct SortKey(int Number, string? Text, bool Truncated = false);
