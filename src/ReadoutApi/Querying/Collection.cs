using System.Collections.Frozen;
using ReadoutApi.Contracts;

namespace ReadoutApi.Querying;

/// <summary>
/// One collection of an immutable snapshot: its records (ordered by id), their response DTOs, and the
/// indexes every query runs on: postings per filter value and per search token, and a precomputed
/// order and rank per sort field. A query never scans or re-sorts the whole collection.
/// </summary>
/// <typeparam name="T">The seed record type.</typeparam>
/// <typeparam name="TDto">The response type.</typeparam>
public sealed class Collection<T, TDto>
{
    private readonly T[] _records;
    private readonly TDto[] _dtos;
    private readonly string[] _ids;
    private readonly FrozenDictionary<string, int> _positions;
    private readonly FrozenDictionary<string, FrozenDictionary<string, int[]>> _postings;
    private readonly FrozenDictionary<string, string[][]> _keysByPosition;
    private readonly FrozenDictionary<string, SortIndex> _sorts;
    private readonly int[]? _days;
    private readonly SearchIndex _search;
    private readonly Func<ValueKind, string, string?> _resolve;

    /// <summary>Builds the collection and all its indexes.</summary>
    /// <param name="definition">How to read its records.</param>
    /// <param name="records">The records, in any order.</param>
    /// <param name="toDto">Maps a record to its response shape.</param>
    /// <param name="resolve">Resolves a filter value that names another record (an id or an alias).</param>
    public Collection(
        CollectionDefinition<T> definition, IEnumerable<T> records, Func<T, TDto> toDto, Func<ValueKind, string, string?> resolve)
    {
        Descriptor = definition.Descriptor;
        _resolve = resolve;
        _records = records.OrderBy(definition.Id, StringComparer.Ordinal).ToArray();
        _dtos = Array.ConvertAll(_records, r => toDto(r));
        _ids = Array.ConvertAll(_records, r => definition.Id(r));
        _positions = _ids.Select((id, i) => (id, i)).ToFrozenDictionary(x => x.id, x => x.i, StringComparer.Ordinal);

        var keys = new Dictionary<string, string[][]>();
        var postings = new Dictionary<string, FrozenDictionary<string, int[]>>();
        foreach (var (name, keyOf) in definition.FilterKeys)
        {
            var perRecord = Array.ConvertAll(_records, r => keyOf(r).Distinct(StringComparer.Ordinal).ToArray());
            keys[name] = perRecord;
            postings[name] = perRecord
                .SelectMany((values, position) => values.Select(v => (v, position)))
                .GroupBy(x => x.v, StringComparer.Ordinal)
                .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.position).ToArray(), StringComparer.Ordinal);
        }

        _keysByPosition = keys.ToFrozenDictionary();
        _postings = postings.ToFrozenDictionary();

        if (definition.Date is { } date)
        {
            _days = Array.ConvertAll(_records, r => date(r)?.DayNumber ?? int.MinValue);
        }

        var sorts = new Dictionary<string, SortIndex> { ["id"] = SortIndex.Identity(_records.Length) };
        if (_days is { } days)
        {
            sorts["date"] = SortIndex.By(_records.Length, (a, b) => days[a].CompareTo(days[b]));
        }

        foreach (var (name, keyOf) in definition.SortKeys)
        {
            var sortKeys = Array.ConvertAll(_records, r => keyOf(r));
            sorts[name] = SortIndex.By(_records.Length, (a, b) => CompareNullsLast(sortKeys[a], sortKeys[b]));
        }

        _sorts = sorts.ToFrozenDictionary();
        _search = SearchIndex.Build(_records.Select(definition.SearchText).ToArray());
    }

    /// <summary>What clients may ask of this collection.</summary>
    public CollectionDescriptor Descriptor { get; }

    /// <summary>How many records it holds.</summary>
    public int Count => _records.Length;

    /// <summary>The records, ordered by id.</summary>
    public IReadOnlyList<T> Records => _records;

    /// <summary>The response DTOs, in the order of <see cref="Records"/>.</summary>
    public IReadOnlyList<TDto> Dtos => _dtos;

    /// <summary>The record with that id, if any.</summary>
    public bool TryGet(string id, out TDto dto)
    {
        if (_positions.TryGetValue(id, out var position))
        {
            dto = _dtos[position];
            return true;
        }

        dto = default!;
        return false;
    }

    /// <summary>The canonical form of a filter value, or null when it is not a valid value of that filter.</summary>
    public string? ResolveFilterValue(FilterInfo filter, string value) => filter.Kind switch
    {
        ValueKind.Vocabulary => filter.AllowedValues!.FirstOrDefault(v => v.Equals(value, StringComparison.OrdinalIgnoreCase)),
        ValueKind.Indexed => _postings[filter.Name].ContainsKey(value.ToLowerInvariant()) ? value.ToLowerInvariant() : null,
        _ => _resolve(filter.Kind, value),
    };

    /// <summary>Whether the cursor's anchor record still exists.</summary>
    public bool Contains(string id) => _positions.ContainsKey(id);

    /// <summary>Runs a query: filter, order, one page, facets.</summary>
    public QueryPage<TDto> Execute(ListQuery query)
    {
        var matches = Match(query);
        var sort = _sorts[query.Sort.Field];
        var ordered = Order(matches, sort, query.Sort.Descending);
        var total = ordered.Count;

        int start, end;
        if (query.Cursor is { } cursor)
        {
            var anchor = SequenceIndex(sort, query.Sort.Descending, _positions[cursor.AnchorId]);
            var boundary = ordered.LowerBound(anchor);
            if (cursor.Backward)
            {
                end = boundary;
                start = Math.Max(0, end - query.Limit);
            }
            else
            {
                start = boundary < total && ordered.KeyAt(boundary) == anchor ? boundary + 1 : boundary;
                end = Math.Min(total, start + query.Limit);
            }
        }
        else
        {
            start = 0;
            end = Math.Min(total, query.Limit);
        }

        var items = new TDto[end - start];
        for (var i = start; i < end; i++)
        {
            items[i - start] = _dtos[ordered.PositionAt(i)];
        }

        var sortText = query.Sort.ToString();
        var next = end < total && end > start ? new Cursor(query.Fingerprint, sortText, false, IdAt(ordered.PositionAt(end - 1))) : null;
        var prev = start > 0 && start < total ? new Cursor(query.Fingerprint, sortText, true, IdAt(ordered.PositionAt(start))) : null;
        return new QueryPage<TDto>(items, total, next, prev, Facets(query.Facets, matches));
    }

    /// <summary>Every record of a query's result, in order, without paging (for exports).</summary>
    public IEnumerable<TDto> Enumerate(ListQuery query)
    {
        var ordered = Order(Match(query), _sorts[query.Sort.Field], query.Sort.Descending);
        for (var i = 0; i < ordered.Count; i++)
        {
            yield return _dtos[ordered.PositionAt(i)];
        }
    }

    private string IdAt(int position) => _ids[position];

    private int[]? Match(ListQuery query)
    {
        var sets = new List<int[]>();
        foreach (var (filter, values) in query.Filters)
        {
            var index = _postings[filter];
            sets.Add(Union(values.Select(v => index.GetValueOrDefault(v, []))));
        }

        foreach (var word in query.Words)
        {
            sets.Add(Union(_search.Prefix(word)));
        }

        int[]? result = null;
        foreach (var set in sets.OrderBy(s => s.Length))
        {
            result = result is null ? set : Intersect(result, set);
        }

        if (_days is not null && (query.From is not null || query.To is not null))
        {
            var from = query.From?.DayNumber ?? int.MinValue + 1;
            var to = query.To?.DayNumber ?? int.MaxValue;
            var days = _days;
            result = result is not null
                ? Array.FindAll(result, p => days[p] >= from && days[p] <= to)
                : DateSlice(from, to);
        }

        return result;
    }

    private int[] DateSlice(int from, int to)
    {
        var order = _sorts["date"].Order;
        var days = _days!;
        var lo = LowerBound(order.Length, i => days[order[i]] >= from);
        var hi = LowerBound(order.Length, i => days[order[i]] > to);
        var slice = order[lo..hi];
        Array.Sort(slice);
        return slice;
    }

    private OrderedResult Order(int[]? matches, SortIndex sort, bool descending)
    {
        if (matches is null)
        {
            return new OrderedResult(null, sort, descending);
        }

        var keys = Array.ConvertAll(matches, p => SequenceIndex(sort, descending, p));
        Array.Sort(keys);
        return new OrderedResult(keys, sort, descending);
    }

    private static int SequenceIndex(SortIndex sort, bool descending, int position) =>
        descending ? sort.Rank.Length - 1 - sort.Rank[position] : sort.Rank[position];

    private IReadOnlyDictionary<string, IReadOnlyList<FacetCount>>? Facets(IReadOnlyList<string> fields, int[]? matches)
    {
        if (fields.Count == 0)
        {
            return null;
        }

        var facets = new Dictionary<string, IReadOnlyList<FacetCount>>();
        foreach (var field in fields)
        {
            IEnumerable<KeyValuePair<string, int>> counts;
            if (matches is null)
            {
                counts = _postings[field].Select(p => KeyValuePair.Create(p.Key, p.Value.Length));
            }
            else
            {
                var perRecord = _keysByPosition[field];
                counts = matches.SelectMany(p => perRecord[p]).CountBy(v => v, StringComparer.Ordinal);
            }

            facets[field] = counts
                .OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => new FacetCount(c.Key, c.Value))
                .ToArray();
        }

        return facets;
    }

    private static int CompareNullsLast(string? a, string? b) =>
        a is null ? (b is null ? 0 : 1) : b is null ? -1 : StringComparer.OrdinalIgnoreCase.Compare(a, b);

    private static int[] Union(IEnumerable<int[]> lists)
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

    private static int[] Intersect(int[] smaller, int[] larger) =>
        Array.FindAll(smaller, p => Array.BinarySearch(larger, p) >= 0);

    private static int LowerBound(int length, Func<int, bool> isAtOrAfter)
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

    /// <summary>A precomputed order of the whole collection and each record's place in it.</summary>
    private sealed record SortIndex(int[] Order, int[] Rank)
    {
        public static SortIndex Identity(int count)
        {
            var order = Enumerable.Range(0, count).ToArray();
            return new SortIndex(order, order);
        }

        // Positions are in id order, so a stable sort by key leaves ties ordered by id.
        public static SortIndex By(int count, Comparison<int> compare)
        {
            var order = Enumerable.Range(0, count).ToArray();
            var stable = order.OrderBy(p => p, Comparer<int>.Create(compare)).ToArray();
            var rank = new int[count];
            for (var i = 0; i < count; i++)
            {
                rank[stable[i]] = i;
            }

            return new SortIndex(stable, rank);
        }
    }

    /// <summary>
    /// The matching records in the requested order, addressed by index. With no filter it is a view of the
    /// precomputed order; otherwise the sorted sequence indexes of the matches.
    /// </summary>
    private readonly record struct OrderedResult(int[]? Keys, SortIndex Sort, bool Descending)
    {
        public int Count => Keys?.Length ?? Sort.Order.Length;

        public int KeyAt(int i) => Keys?[i] ?? i;

        public int PositionAt(int i)
        {
            var key = KeyAt(i);
            return Sort.Order[Descending ? Sort.Order.Length - 1 - key : key];
        }

        public int LowerBound(int key)
        {
            if (Keys is null)
            {
                return key;
            }

            var found = Array.BinarySearch(Keys, key);
            return found >= 0 ? found : ~found;
        }
    }
}
