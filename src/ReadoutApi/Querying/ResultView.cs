namespace ReadoutApi.Querying;

/// <summary>A page of positions, and whether the result goes on past either end of it.</summary>
/// <param name="Positions">The records of the page, in order.</param>
/// <param name="HasBefore">Whether matches precede the page.</param>
/// <param name="HasAfter">Whether matches follow the page.</param>
internal readonly record struct PageWindow(int[] Positions, bool HasBefore, bool HasAfter);

/// <summary>
/// A query's matches in the requested order. A place in that order is a "sequence index": 0 is the first
/// record of the whole collection in that order, whether it matches or not.
/// </summary>
internal abstract class ResultView(SortIndex sort, bool descending)
{
    protected int Length => sort.Order.Length;

    /// <summary>The place of a record in the order.</summary>
    public int SequenceIndexOf(int position) => descending ? Length - 1 - sort.Rank[position] : sort.Rank[position];

    /// <summary>Up to <paramref name="limit"/> matches after sequence index <paramref name="anchor"/> (-1: from the start).</summary>
    public abstract PageWindow After(int anchor, int limit);

    /// <summary>Up to <paramref name="limit"/> matches before sequence index <paramref name="anchor"/>.</summary>
    public abstract PageWindow Before(int anchor, int limit);

    /// <summary>Every match, in order.</summary>
    public abstract IEnumerable<int> All();

    protected int PositionAt(int sequenceIndex) => sort.Order[descending ? Length - 1 - sequenceIndex : sequenceIndex];
}

/// <summary>Few matches: their sequence indexes, sorted; a page is a slice.</summary>
internal sealed class SortedView : ResultView
{
    private readonly int[] _keys;

    public SortedView(SortIndex sort, bool descending, int[] matches)
        : base(sort, descending)
    {
        _keys = Array.ConvertAll(matches, SequenceIndexOf);
        Array.Sort(_keys);
    }

    public override PageWindow After(int anchor, int limit)
    {
        var start = UpperBound(anchor);
        var end = Math.Min(_keys.Length, start + limit);
        return new PageWindow(Slice(start, end), start > 0, end < _keys.Length);
    }

    public override PageWindow Before(int anchor, int limit)
    {
        var end = UpperBound(anchor - 1);
        var start = Math.Max(0, end - limit);
        return new PageWindow(Slice(start, end), start > 0, end < _keys.Length);
    }

    public override IEnumerable<int> All()
    {
        foreach (var key in _keys)
        {
            yield return PositionAt(key);
        }
    }

    private int[] Slice(int start, int end)
    {
        var page = new int[end - start];
        for (var i = start; i < end; i++)
        {
            page[i - start] = PositionAt(_keys[i]);
        }

        return page;
    }

    // The index of the first key greater than the anchor.
    private int UpperBound(int anchor)
    {
        var found = Array.BinarySearch(_keys, anchor);
        return found >= 0 ? found + 1 : ~found;
    }
}

/// <summary>
/// Many matches (or all records): a bitset of them, and a walk along the precomputed order from the anchor,
/// which costs about a page's worth of steps, not the size of the result.
/// </summary>
internal sealed class WalkView : ResultView
{
    private readonly ulong[]? _members;

    public WalkView(SortIndex sort, bool descending, int[]? matches, int count)
        : base(sort, descending)
    {
        if (matches is not null)
        {
            _members = new ulong[(count + 63) / 64];
            foreach (var position in matches)
            {
                _members[position >> 6] |= 1UL << position;
            }
        }
    }

    public override PageWindow After(int anchor, int limit)
    {
        var page = new List<int>(limit);
        var i = anchor + 1;
        for (; i < Length && page.Count < limit; i++)
        {
            if (IsMember(PositionAt(i)))
            {
                page.Add(PositionAt(i));
            }
        }

        return new PageWindow([.. page], anchor >= 0 && Any(anchor, -1), i < Length && Any(i, +1));
    }

    public override PageWindow Before(int anchor, int limit)
    {
        var page = new List<int>(limit);
        var i = anchor - 1;
        for (; i >= 0 && page.Count < limit; i--)
        {
            if (IsMember(PositionAt(i)))
            {
                page.Add(PositionAt(i));
            }
        }

        page.Reverse();
        return new PageWindow([.. page], i >= 0 && Any(i, -1), anchor < Length && Any(anchor, +1));
    }

    public override IEnumerable<int> All()
    {
        for (var i = 0; i < Length; i++)
        {
            if (IsMember(PositionAt(i)))
            {
                yield return PositionAt(i);
            }
        }
    }

    private bool IsMember(int position) => _members is null || (_members[position >> 6] & (1UL << position)) != 0;

    // Whether any match lies from sequence index "from" onwards in the direction "step".
    private bool Any(int from, int step)
    {
        for (var i = from; i >= 0 && i < Length; i += step)
        {
            if (IsMember(PositionAt(i)))
            {
                return true;
            }
        }

        return false;
    }
}
