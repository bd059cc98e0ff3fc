using System.Collections.Frozen;
using ReadoutApi.Contracts;

namespace ReadoutApi.Querying;

/// <summary>
/// The indexes every query of one collection runs on: postings per filter value, a precomputed order and rank per sort
/// field, the records' days, and the search index. Built once per snapshot; a query never scans or re-sorts the whole
/// collection.
/// </summary>
public sealed class CollectionIndex
{
    private readonly FrozenDictionary<string, FrozenDictionary<string, int[]>> _postings;
    private readonly FrozenDictionary<string, string[][]> _keysByPosition;
    private readonly FrozenDictionary<string, SortIndex> _sorts;
    private readonly int[]? _days;

    private CollectionIndex(
        int count,
        FrozenDictionary<string, FrozenDictionary<string, int[]>> postings,
        FrozenDictionary<string, string[][]> keysByPosition,
        FrozenDictionary<string, SortIndex> sorts,
        int[]? days,
        SearchIndex search)
    {
        Count = count;
        _postings = postings;
        _keysByPosition = keysByPosition;
        _sorts = sorts;
        _days = days;
        Search = search;
    }

    /// <summary>How many records are indexed.</summary>
    public int Count { get; }

    /// <summary>The search index, by position.</summary>
    public SearchIndex Search { get; }

    /// <summary>Indexes records that are in id order (position = index in <paramref name="ordered"/>).</summary>
    public static CollectionIndex Build<T>(CollectionDefinition<T> definition, T[] ordered)
    {
        var keys = new Dictionary<string, string[][]>();
        var postings = new Dictionary<string, FrozenDictionary<string, int[]>>();
        foreach (var (name, keyOf) in definition.FilterKeys)
        {
            var perRecord = new string[ordered.Length][];
            var lists = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var position = 0; position < ordered.Length; position++)
            {
                perRecord[position] = DistinctValues(keyOf(ordered[position]));
                foreach (var value in perRecord[position])
                {
                    if (!lists.TryGetValue(value, out var list))
                    {
                        lists[value] = list = [];
                    }

                    list.Add(position);
                }
            }

            keys[name] = perRecord;
            postings[name] = lists.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        }

        int[]? days = definition.Date is { } date ? Array.ConvertAll(ordered, r => date(r)?.DayNumber ?? int.MinValue) : null;
        var sorts = new Dictionary<string, SortIndex> { ["id"] = SortIndex.Identity(ordered.Length) };
        if (days is not null)
        {
            sorts["date"] = SortIndex.ByKey(days) with { Numbers = days };
        }

        foreach (var (name, keyOf) in definition.SortKeys)
        {
            var texts = Array.ConvertAll(ordered, r => keyOf(r));
            sorts[name] = SortIndex.ByKey(SortIndex.Ranks(texts)) with { Texts = texts };
        }

        var search = definition.Search?.Invoke(ordered) ?? SearchIndex.Build(
            ordered.Length,
            p => definition.SearchText(ordered[p]),
            definition.SearchTokens is { } linked ? p => linked(ordered[p]) : null);
        return new CollectionIndex(ordered.Length, postings.ToFrozenDictionary(), keys.ToFrozenDictionary(), sorts.ToFrozenDictionary(), days, search);
    }

    /// <summary>Whether the filter has a record with that (canonical) value.</summary>
    public bool HasValue(string filter, string value) => _postings[filter].ContainsKey(value);

    /// <summary>The (canonical) values of a filter that some record has, in no particular order.</summary>
    public IEnumerable<string> Values(string filter) => _postings[filter].Keys;

    /// <summary>The precomputed order of a sort field.</summary>
    public SortIndex Sort(string field) => _sorts[field];

    /// <summary>
    /// The positions (ascending) of the records that match every filter, word and date bound of the query; null when
    /// the query restricts nothing, meaning every record.
    /// </summary>
    public int[]? Match(ListQuery query)
    {
        var sets = new List<int[]>();
        foreach (var (filter, values) in query.Filters)
        {
            var index = _postings[filter];
            sets.Add(PositionSets.Union(values.Select(v => index.GetValueOrDefault(v, []))));
        }

        foreach (var word in query.Words)
        {
            sets.Add(PositionSets.Union(Search.Prefix(word)));
        }

        var result = PositionSets.IntersectAll(sets);
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

    /// <summary>Value counts of each field over the matches (null: every record), most frequent first.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<FacetCount>>? Facets(IReadOnlyList<string> fields, int[]? matches)
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

    private int[] DateSlice(int from, int to)
    {
        var order = _sorts["date"].Order;
        var days = _days!;
        var lo = PositionSets.LowerBound(order.Length, i => days[order[i]] >= from);
        var hi = PositionSets.LowerBound(order.Length, i => days[order[i]] > to);
        var slice = order[lo..hi];
        Array.Sort(slice);
        return slice;
    }

    // A record has a handful of values per filter: a linear scan beats a hash set per record.
    private static string[] DistinctValues(IEnumerable<string> values)
    {
        var array = values.ToArray();
        var count = 0;
        for (var i = 0; i < array.Length; i++)
        {
            if (Array.IndexOf(array, array[i], 0, count) < 0)
            {
                array[count++] = array[i];
            }
        }

        return count == array.Length ? array : array[..count];
    }
}
