using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
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
    private readonly JsonTypeInfo<TDto> _jsonType;
    private readonly Func<T, TDto> _toDto;
    private readonly byte[]?[] _json;
    private readonly object?[] _unrendered; // the records (T) whose JSON is not rendered yet
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
    /// <param name="json">Serializes a response shape (source-generated), done once per record here.</param>
    /// <param name="resolve">Resolves a filter value that names another record (an id or an alias).</param>
    public Collection(
        CollectionDefinition<T> definition,
        IEnumerable<T> records,
        Func<T, TDto> toDto,
        JsonTypeInfo<TDto> json,
        Func<ValueKind, string, string?> resolve)
    {
        Descriptor = definition.Descriptor;
        _resolve = resolve;
        var ordered = records.ToArray();
        _ids = Array.ConvertAll(ordered, r => definition.Id(r));
        // Seed files are usually kept in id order: sort only when they are not.
        if (!IsAscending(_ids))
        {
            Array.Sort(_ids, ordered, StringComparer.Ordinal);
        }

        _jsonType = json;
        _toDto = toDto;
        // Each record's JSON is rendered once per snapshot, on first use or by RenderAll, and responses copy those bytes
        // instead of serializing. A record is kept only until its JSON exists (memory at 100k records).
        _json = new byte[ordered.Length][];
        _unrendered = Array.ConvertAll(ordered, r => (object?)r);
        _positions = _ids.Select((id, i) => (id, i)).ToFrozenDictionary(x => x.id, x => x.i, StringComparer.Ordinal);

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

        _keysByPosition = keys.ToFrozenDictionary();
        _postings = postings.ToFrozenDictionary();

        if (definition.Date is { } date)
        {
            _days = Array.ConvertAll(ordered, r => date(r)?.DayNumber ?? int.MinValue);
        }

        var sorts = new Dictionary<string, SortIndex> { ["id"] = SortIndex.Identity(ordered.Length) };
        if (_days is { } days)
        {
            sorts["date"] = SortIndex.ByKey(days);
        }

        foreach (var (name, keyOf) in definition.SortKeys)
        {
            sorts[name] = SortIndex.ByKey(Ranks(Array.ConvertAll(ordered, r => keyOf(r))));
        }

        _sorts = sorts.ToFrozenDictionary();
        _search = definition.Search?.Invoke(ordered) ?? SearchIndex.Build(
            ordered.Length,
            p => definition.SearchText(ordered[p]),
            definition.SearchTokens is { } linked ? p => linked(ordered[p]) : null);
    }

    /// <summary>The search index, by position.</summary>
    internal SearchIndex Search => _search;

    /// <summary>What clients may ask of this collection.</summary>
    public CollectionDescriptor Descriptor { get; }

    /// <summary>How many records it holds.</summary>
    public int Count => _ids.Length;

    /// <summary>The ids, in position order (by id).</summary>
    public IReadOnlyList<string> Ids => _ids;

    /// <summary>The position of the record with that id, if any.</summary>
    public bool TryFind(string id, out int position) => _positions.TryGetValue(id, out position);

    /// <summary>The response shape of the record at a position (read back from its JSON: for CSV and Atom).</summary>
    public TDto Dto(int position) => JsonSerializer.Deserialize(Json(position).Span, _jsonType)!;

    /// <summary>The UTF-8 JSON of the record at a position, rendered once per snapshot.</summary>
    public ReadOnlyMemory<byte> Json(int position) => Volatile.Read(ref _json[position]) ?? Render(position);

    /// <summary>Renders the JSON of every record not rendered yet, so that no request has to.</summary>
    public void RenderAll()
    {
        for (var position = 0; position < _json.Length; position++)
        {
            _ = Json(position);
        }
    }

    // Safe when requests race to render the same record: the first bytes stored win, and every caller returns those.
    // The record is released only after its bytes are stored, so a caller that finds no record finds the bytes.
    private byte[] Render(int position)
    {
        if (Volatile.Read(ref _unrendered[position]) is not T record)
        {
            return Volatile.Read(ref _json[position])!;
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(_toDto(record), _jsonType);
        var stored = Interlocked.CompareExchange(ref _json[position], bytes, null) ?? bytes;
        Volatile.Write(ref _unrendered[position], null);
        return stored;
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
    public QueryPage Execute(ListQuery query)
    {
        var matches = Match(query);
        var view = View(matches, _sorts[query.Sort.Field], query.Sort.Descending, query.Limit);
        var anchor = query.Cursor is { } cursor ? view.SequenceIndexOf(_positions[cursor.AnchorId]) : -1;
        var page = query.Cursor is { Backward: true } ? view.Before(anchor, query.Limit) : view.After(anchor, query.Limit);

        var sortText = query.Sort.ToString();
        var next = page.HasAfter ? new Cursor(query.Fingerprint, sortText, false, IdAt(page.Positions[^1])) : null;
        var prev = page.HasBefore && page.Positions.Length > 0 ? new Cursor(query.Fingerprint, sortText, true, IdAt(page.Positions[0])) : null;
        return new QueryPage(page.Positions, matches?.Length ?? _ids.Length, next, prev, Facets(query.Facets, matches));
    }

    /// <summary>The positions of every record of a query's result, in order, without paging (for exports).</summary>
    public IEnumerable<int> Enumerate(ListQuery query)
    {
        var matches = Match(query);
        return View(matches, _sorts[query.Sort.Field], query.Sort.Descending, matches?.Length ?? _ids.Length).All();
    }

    // Two ways to page through matches. Walking the precomputed order and keeping the members of a bitset costs about
    // limit x (collection size / matches) steps per page; sorting the matches by their place in the order costs
    // about n log n once. Take the cheaper: a walk for a common word, a sort for a rare one.
    private ResultView View(int[]? matches, SortIndex sort, bool descending, int limit)
    {
        if (matches is null)
        {
            return new WalkView(sort, descending, null, _ids.Length);
        }

        var walk = (double)limit * _ids.Length / Math.Max(1, matches.Length);
        var ordering = matches.Length * Math.Log2(matches.Length + 1.0);
        return walk <= ordering
            ? new WalkView(sort, descending, matches, _ids.Length)
            : new SortedView(sort, descending, matches);
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

    // Each key's rank among the distinct keys, case-insensitively, nulls last: sorting whole numbers is far cheaper than
    // comparing the strings again and again.
    private static int[] Ranks(string?[] keys)
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

    private static bool IsAscending(string[] ids)
    {
        for (var i = 1; i < ids.Length; i++)
        {
            if (string.CompareOrdinal(ids[i - 1], ids[i]) >= 0)
            {
                return false;
            }
        }

        return true;
    }

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

    private static int[] Intersect(int[] smaller, int[] larger)
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
}
