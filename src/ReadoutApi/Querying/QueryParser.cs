using System.Globalization;
using System.IO.Hashing;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace ReadoutApi.Querying;

/// <summary>The parameters every list takes, besides its filters.</summary>
public static class ListParameters
{
    /// <summary>Page size.</summary>
    public const string Limit = "limit";

    /// <summary>Paging token.</summary>
    public const string Cursor = "cursor";

    /// <summary>Order.</summary>
    public const string Sort = "sort";

    /// <summary>Full-text search.</summary>
    public const string Query = "q";

    /// <summary>Inclusive lower date bound.</summary>
    public const string From = "from";

    /// <summary>Inclusive upper date bound.</summary>
    public const string To = "to";

    /// <summary>Fields to count.</summary>
    public const string Facets = "facets";

    /// <summary>Response format.</summary>
    public const string Format = "format";

    /// <summary>The default page size.</summary>
    public const int DefaultLimit = 20;

    /// <summary>The largest page size.</summary>
    public const int MaxLimit = 100;
}

/// <summary>Turns a query string into a <see cref="ListQuery"/>, collecting every problem at once.</summary>
public static class QueryParser
{
    private const int MaxQueryLength = 500;

    /// <summary>Parses and checks a list request against a collection.</summary>
    /// <returns>The query, or null with <paramref name="errors"/> naming every bad parameter.</returns>
    public static ListQuery? Parse<T, TDto>(
        IEnumerable<KeyValuePair<string, StringValues>> parameters,
        Collection<T, TDto> collection,
        out Dictionary<string, string[]> errors)
    {
        var descriptor = collection.Descriptor;
        var problems = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Fail(string name, string message)
        {
            if (!problems.TryGetValue(name, out var list))
            {
                problems[name] = list = [];
            }

            list.Add(message);
        }

        var filters = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        string? limitText = null, cursorText = null, sortText = null, q = null, fromText = null, toText = null, facetsText = null;
        foreach (var (name, values) in parameters)
        {
            if (descriptor.Filter(name) is { } filter)
            {
                var canonical = new SortedSet<string>(StringComparer.Ordinal);
                foreach (var value in values)
                {
                    if (string.IsNullOrWhiteSpace(value))
                    {
                        Fail(name, "must not be empty.");
                    }
                    else if (collection.ResolveFilterValue(filter, value) is { } resolved)
                    {
                        canonical.Add(resolved);
                    }
                    else
                    {
                        Fail(name, UnknownValue(filter, value!));
                    }
                }

                filters[name] = [.. canonical];
                continue;
            }

            ref string? slot = ref limitText;
            switch (name)
            {
                case ListParameters.Limit: slot = ref limitText; break;
                case ListParameters.Cursor: slot = ref cursorText; break;
                case ListParameters.Sort: slot = ref sortText; break;
                case ListParameters.Query: slot = ref q; break;
                case ListParameters.Facets: slot = ref facetsText; break;
                case ListParameters.Format: continue; // negotiated by the HTTP layer
                case ListParameters.From or ListParameters.To when descriptor.Dated:
                    slot = ref name == ListParameters.From ? ref fromText : ref toText;
                    break;
                default:
                    Fail(name, $"unknown parameter. {descriptor.Name} takes: {string.Join(", ", AllowedParameters(descriptor))}.");
                    continue;
            }

            if (values.Count != 1)
            {
                Fail(name, "must be given once.");
                continue;
            }

            slot = values[0] ?? "";
        }

        var limit = ListParameters.DefaultLimit;
        if (limitText is not null &&
            (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) ||
             limit is < 1 or > ListParameters.MaxLimit))
        {
            Fail(ListParameters.Limit, $"must be a whole number from 1 to {ListParameters.MaxLimit}; got '{limitText}'.");
        }

        var sort = SortOrder.Parse(descriptor.DefaultSort);
        if (sortText is not null)
        {
            sort = SortOrder.Parse(sortText);
            if (!descriptor.SortFields.Contains(sort.Field))
            {
                Fail(ListParameters.Sort, $"'{sortText}' is not a sort field of {descriptor.Name}; use one of {string.Join(", ", descriptor.SortFields)}, with '-' for descending.");
            }
        }

        IReadOnlyList<string> words = [];
        if (q is not null)
        {
            words = TextNormalizer.Tokens(q).Distinct().ToArray();
            if (q.Length > MaxQueryLength)
            {
                Fail(ListParameters.Query, $"must be at most {MaxQueryLength} characters.");
            }
            else if (words.Count == 0)
            {
                Fail(ListParameters.Query, "must contain at least one word.");
            }
        }

        var from = ParseDate(ListParameters.From, fromText, Fail);
        var to = ParseDate(ListParameters.To, toText, Fail);
        if (from > to)
        {
            Fail(ListParameters.From, $"must not be after 'to' ({to:yyyy-MM-dd}).");
        }

        IReadOnlyList<string> facets = [];
        if (facetsText is not null)
        {
            facets = facetsText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToArray();
            foreach (var facet in facets.Where(f => descriptor.Filter(f) is null))
            {
                Fail(ListParameters.Facets, descriptor.Filters.Count == 0
                    ? $"{descriptor.Name} has no facets."
                    : $"'{facet}' is not a facet of {descriptor.Name}; use {string.Join(", ", descriptor.Filters.Select(f => f.Name))}.");
            }

            if (facets.Count == 0)
            {
                Fail(ListParameters.Facets, "must name at least one field.");
            }
        }

        var fingerprint = Fingerprint(descriptor.Name, filters, words, from, to, sort);
        Cursor? cursor = null;
        if (cursorText is not null)
        {
            cursor = Querying.Cursor.Decode(cursorText);
            if (cursor is null)
            {
                Fail(ListParameters.Cursor, "is malformed or was altered; use the links.next or links.prev of a page as given.");
            }
            else if (cursor.Fingerprint != fingerprint || cursor.Sort != sort.ToString())
            {
                Fail(ListParameters.Cursor, "belongs to a different query; keep every other parameter as it was when the cursor was issued.");
            }
            else if (!collection.Contains(cursor.AnchorId))
            {
                Fail(ListParameters.Cursor, "is stale: the record it points at is no longer in the data; start again from the first page.");
            }
        }

        errors = problems.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        return errors.Count > 0 ? null : new ListQuery(filters, words, from, to, sort, limit, cursor, facets, fingerprint);
    }

    /// <summary>Every parameter a collection takes, for error messages and documentation.</summary>
    public static IEnumerable<string> AllowedParameters(CollectionDescriptor descriptor)
    {
        string[] common = [ListParameters.Limit, ListParameters.Cursor, ListParameters.Sort, ListParameters.Query];
        string[] dated = descriptor.Dated ? [ListParameters.From, ListParameters.To] : [];
        string[] facets = descriptor.Filters.Count > 0 ? [ListParameters.Facets] : [];
        return common.Concat(dated).Concat(descriptor.Filters.Select(f => f.Name)).Concat(facets).Append(ListParameters.Format);
    }

    private static string UnknownValue(FilterInfo filter, string value)
    {
        var shown = value.Length > 100 ? value[..100] + "…" : value;
        return filter.Kind switch
        {
            ValueKind.Vocabulary => $"'{shown}' is not one of {string.Join(", ", filter.AllowedValues!)}.",
            ValueKind.Country => $"'{shown}' is not the code of a known country.",
            ValueKind.Indexed => $"'{shown}' is not a {filter.Name} found in the data.",
            _ => $"'{shown}' is not the id or a name of a known {filter.Kind.ToString().ToLowerInvariant()}.",
        };
    }

    private static DateOnly? ParseDate(string name, string? text, Action<string, string> fail)
    {
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        fail(name, $"must be a date YYYY-MM-DD; got '{(text.Length > 40 ? text[..40] + "…" : text)}'.");
        return null;
    }

    private static string Fingerprint(
        string collection, IReadOnlyDictionary<string, IReadOnlyList<string>> filters, IReadOnlyList<string> words,
        DateOnly? from, DateOnly? to, SortOrder sort)
    {
        var text = new StringBuilder(collection).Append('\n');
        foreach (var (name, values) in filters)
        {
            text.Append(name).Append('=').AppendJoin(',', values).Append('\n');
        }

        text.AppendJoin(' ', words.Order(StringComparer.Ordinal)).Append('\n')
            .Append(CultureInfo.InvariantCulture, $"{from:yyyy-MM-dd}..{to:yyyy-MM-dd}\n{sort}");
        // An identity, not a secret (the cursor's MAC is what makes it tamper-evident): a fast hash is enough.
        return Convert.ToHexStringLower(XxHash128.Hash(Encoding.UTF8.GetBytes(text.ToString())), 0, 8);
    }
}
