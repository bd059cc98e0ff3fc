using ReadoutApi.Contracts;

namespace ReadoutApi.Querying;

/// <summary>
/// One collection of an immutable snapshot: its records with their JSON, its indexes, and the queries that run on
/// them. A query comes back as a finished page: the records' JSON, the counts, the facets and the links.
/// </summary>
public sealed class Collection
{
    private readonly Func<ValueKind, string, string?> _resolve;

    private Collection(
        CollectionDescriptor descriptor, RecordStore records, CollectionIndex index, Func<ValueKind, string, string?> resolve, FieldTree shape)
    {
        Shape = shape;
        Descriptor = descriptor;
        Records = records;
        Index = index;
        _resolve = resolve;
    }

    /// <summary>Stores and indexes a collection's records.</summary>
    /// <param name="definition">How to read its records.</param>
    /// <param name="records">The records, in any order.</param>
    /// <param name="render">A record's JSON and CSV line, rendered on first use.</param>
    /// <param name="resolve">Resolves a filter value that names another record (an id or an alias).</param>
    /// <param name="shape">The fields of the records' response shape (what <c>fields</c> and <c>expand</c> may name).</param>
    public static Collection Build<T>(
        CollectionDefinition<T> definition, IEnumerable<T> records, Func<T, RenderedRecord> render, Func<ValueKind, string, string?> resolve,
        FieldTree shape)
        where T : class
    {
        var ordered = records.ToArray();
        var ids = Array.ConvertAll(ordered, r => definition.Id(r));
        // Seed files are usually kept in id order: sort only when they are not.
        if (!IsAscending(ids))
        {
            Array.Sort(ids, ordered, StringComparer.Ordinal);
        }

        return new Collection(definition.Descriptor, RecordStore.Create(ids, ordered, render), CollectionIndex.Build(definition, ordered), resolve, shape);
    }

    /// <summary>What clients may ask of this collection.</summary>
    public CollectionDescriptor Descriptor { get; }

    /// <summary>The fields of its records.</summary>
    public FieldTree Shape { get; }

    /// <summary>The records and their JSON.</summary>
    public RecordStore Records { get; }

    /// <summary>The indexes.</summary>
    public CollectionIndex Index { get; }

    /// <summary>How many records it holds.</summary>
    public int Count => Records.Count;

    /// <summary>The canonical form of a filter value, or null when it is not a valid value of that filter.</summary>
    public string? ResolveFilterValue(FilterInfo filter, string value) => filter.Kind switch
    {
        ValueKind.Vocabulary => filter.AllowedValues!.FirstOrDefault(v => v.Equals(value, StringComparison.OrdinalIgnoreCase)),
        ValueKind.Indexed => Index.HasValue(filter.Name, value.ToLowerInvariant()) ? value.ToLowerInvariant() : null,
        _ => _resolve(filter.Kind, value),
    };

    /// <summary>Runs a query: filter, order, one page, facets and links.</summary>
    /// <param name="query">The parsed query; its cursor, if any, was checked by the parser against this collection.</param>
    /// <param name="context">The data version served, and the codec that signs the page's cursors.</param>
    public ListPage Execute(ListQuery query, PageContext? context = null)
    {
        context ??= PageContext.Default;
        var matches = Index.Match(query);
        var sort = Index.Sort(query.Sort.Field);
        var descending = query.Sort.Descending;
        var view = View(matches, sort, descending, query.Limit);
        var window = query.Cursor is { } cursor
            ? cursor.Backward
                ? view.Before(Anchor(sort, descending, cursor, context.DataVersion), query.Limit)
                : view.After(Anchor(sort, descending, cursor, context.DataVersion), query.Limit)
            : view.After(-1, query.Limit);

        var sortText = query.Sort.ToString();
        var origin = query.Cursor?.Origin ?? context.DataVersion;
        string? Token(bool backward, int position) => context.Codec.Encode(
            new Cursor(context.DataVersion, origin, query.Fingerprint, sortText, backward, Records.IdAt(position), sort.KeyText(position)));
        var next = window.HasAfter ? Token(false, window.Positions[^1]) : null;
        var prev = window.HasBefore && window.Positions.Length > 0 ? Token(true, window.Positions[0]) : null;
        return new ListPage(
            Array.ConvertAll(window.Positions, Records.Json),
            new ListMeta(matches?.Length ?? Count, query.Limit, sortText, context.DataVersion, origin != context.DataVersion, Index.Facets(query.Facets, matches)),
            new ListLinks(query.Address.Self, next is null ? null : query.Address.With(next), prev is null ? null : query.Address.With(prev)),
            next,
            prev);
    }

    /// <summary>Whether a cursor's sort key can be read in this collection's order (it always can, unless sorts changed).</summary>
    public bool Accepts(Cursor cursor) =>
        SortOrder.Parse(cursor.Sort).Field is var field && Descriptor.SortFields.Contains(field) &&
        Index.Sort(field).TryParseKey(cursor.AnchorKey, out _);

    // The sequence index a page starts after (or ends before), found by the anchor's sort key and id: the same record's
    // place when it is still there with the same key, else the place it would have, so no other record is skipped.
    private int Anchor(SortIndex sort, bool descending, Cursor cursor, string dataVersion)
    {
        // In the data the cursor was made from, its record is where it was.
        if (cursor.Version == dataVersion && Records.TryFind(cursor.AnchorId, out var position))
        {
            return descending ? Count - 1 - sort.Rank[position] : sort.Rank[position];
        }

        if (!sort.TryParseKey(cursor.AnchorKey, out var key))
        {
            throw new ArgumentException("The cursor's sort key does not fit this order; the parser refuses such cursors.", nameof(cursor));
        }

        var before = sort.CountBefore(key, cursor.AnchorId, Records.IdAt, inclusive: false);
        var atOrBefore = sort.CountBefore(key, cursor.AnchorId, Records.IdAt, inclusive: true);
        return (descending, cursor.Backward) switch
        {
            (false, false) => atOrBefore - 1,
            (false, true) => before,
            (true, false) => Count - 1 - before,
            (true, true) => Count - atOrBefore,
        };
    }

    /// <summary>The positions of every record of a query's result, in order, without paging (for exports).</summary>
    public int[] Positions(ListQuery query)
    {
        var matches = Index.Match(query);
        return [.. View(matches, Index.Sort(query.Sort.Field), query.Sort.Descending, matches?.Length ?? Count).All()];
    }

    // Two ways to page through matches. Walking the precomputed order and keeping the members of a bitset costs about
    // limit x (collection size / matches) steps per page; sorting the matches by their place in the order costs
    // about n log n once. Take the cheaper: a walk for a common word, a sort for a rare one.
    private ResultView View(int[]? matches, SortIndex sort, bool descending, int limit)
    {
        if (matches is null)
        {
            return new WalkView(sort, descending, null, Count);
        }

        var walk = (double)limit * Count / Math.Max(1, matches.Length);
        var ordering = matches.Length * Math.Log2(matches.Length + 1.0);
        return walk <= ordering
            ? new WalkView(sort, descending, matches, Count)
            : new SortedView(sort, descending, matches);
    }

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
}
