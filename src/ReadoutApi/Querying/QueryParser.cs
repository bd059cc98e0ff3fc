using System.Globalization;
using System.IO.Hashing;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace ReadoutApi.Querying;

/// <summary>Turns a query string into a <see cref="ListQuery"/>, collecting every problem at once.</summary>
public static class QueryParser
{
    /// <summary>The longest search, in characters (Unicode scalar values, so a letter outside the Basic Multilingual
    /// Plane counts once).</summary>
    public const int MaxQueryLength = 500;

    /// <summary>
    /// The most distinct words a search may have. A word matches every token it is the start of, so each word of a
    /// search unions up to every posting of the collection; the number of words bounds what a search costs.
    /// </summary>
    public const int MaxQueryWords = 8;

    /// <summary>Parses and checks a list request against a collection.</summary>
    /// <param name="bound">The fixed parameters, as bound from the query string.</param>
    /// <param name="parameters">Every query parameter as sent (filters, and anything unknown).</param>
    /// <param name="address">Where the request was made, for the page's links.</param>
    /// <param name="collection">The collection asked for.</param>
    /// <param name="codec">Reads the cursor.</param>
    /// <param name="errors">Every bad parameter with what is wrong with it, when the result is null.</param>
    /// <returns>The query, or null with <paramref name="errors"/> naming every bad parameter.</returns>
    public static ListQuery? Parse(
        ListParameters bound,
        IEnumerable<KeyValuePair<string, StringValues>> parameters,
        PageAddress address,
        Collection collection,
        CursorCodec codec,
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

        // Parameter names are case-sensitive: "Limit" is an unknown parameter, even though binding reads it as limit.
        var given = new HashSet<string>(StringComparer.Ordinal);
        var unknownValue = false;
        var filters = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (name, values) in parameters)
        {
            given.Add(name);
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
                        unknownValue = true;
                    }
                }

                filters[name] = [.. canonical];
            }
            else if (!IsFixed(name, descriptor))
            {
                Fail(name, $"unknown parameter. {descriptor.Name} takes: {string.Join(", ", AllowedParameters(descriptor))}.");
            }
            else if (values.Count != 1 && name != ParameterNames.Format)
            {
                Fail(name, "must be given once.");
            }
        }

        // The value of a fixed parameter given once under its exact name, else null.
        string? Single(string name, string[]? values) => given.Contains(name) && values is [var value] ? value : null;

        var limitText = Single(ParameterNames.Limit, bound.Limit);
        var cursorText = Single(ParameterNames.Cursor, bound.Cursor);
        var sortText = Single(ParameterNames.Sort, bound.Sort);
        var q = Single(ParameterNames.Query, bound.Q);
        var facetsText = Single(ParameterNames.Facets, bound.Facets);
        var fromText = descriptor.Dated ? Single(ParameterNames.From, bound.From) : null;
        var toText = descriptor.Dated ? Single(ParameterNames.To, bound.To) : null;

        var limit = ListParameters.DefaultLimit;
        if (limitText is not null &&
            (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) ||
             limit is < 1 or > ListParameters.MaxLimit))
        {
            Fail(ParameterNames.Limit, $"must be a whole number from 1 to {ListParameters.MaxLimit}; got '{limitText}'.");
        }

        var sort = SortOrder.Parse(descriptor.DefaultSort);
        if (sortText is not null)
        {
            sort = SortOrder.Parse(sortText);
            if (!descriptor.SortFields.Contains(sort.Field))
            {
                Fail(ParameterNames.Sort, $"'{sortText}' is not a sort field of {descriptor.Name}; use one of {string.Join(", ", descriptor.SortFields)}, with '-' for descending.");
            }
        }

        IReadOnlyList<string> words = [];
        if (q is not null)
        {
            var length = Characters(q);
            words = length <= MaxQueryLength ? TextNormalizer.Tokens(q).Distinct().ToArray() : [];
            if (length > MaxQueryLength)
            {
                Fail(ParameterNames.Query, $"must be at most {MaxQueryLength} characters; got {length}.");
            }
            else if (words.Count == 0)
            {
                Fail(ParameterNames.Query, "must contain at least one word.");
            }
            else if (words.Count > MaxQueryWords)
            {
                Fail(ParameterNames.Query, $"must contain at most {MaxQueryWords} distinct words; got {words.Count}.");
            }
        }

        var from = ParseDate(ParameterNames.From, fromText, Fail);
        var to = ParseDate(ParameterNames.To, toText, Fail);
        if (from > to)
        {
            Fail(ParameterNames.From, $"must not be after 'to' ({to:yyyy-MM-dd}).");
        }

        IReadOnlyList<string> facets = [];
        if (facetsText is not null)
        {
            facets = facetsText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToArray();
            foreach (var facet in facets.Where(f => descriptor.Filter(f) is null))
            {
                Fail(ParameterNames.Facets, descriptor.Filters.Count == 0
                    ? $"{descriptor.Name} has no facets."
                    : $"'{facet}' is not a facet of {descriptor.Name}; use {string.Join(", ", descriptor.Filters.Select(f => f.Name))}.");
            }

            if (facets.Count == 0)
            {
                Fail(ParameterNames.Facets, "must name at least one field.");
            }
        }

        var projection = Projection.Parse(
            collection.Shape, Single(ParameterNames.Fields, bound.Fields), Single(ParameterNames.Expand, bound.Expand), Fail);
        var fingerprint = Fingerprint(descriptor.Name, filters, words, from, to, sort, projection);
        Cursor? cursor = null;
        if (cursorText is not null)
        {
            cursor = codec.Decode(cursorText);
            if (cursor is null)
            {
                Fail(ParameterNames.Cursor, "is malformed or was altered; use the links.next or links.prev of a page as given.");
            }
            else if (unknownValue)
            {
                Fail(ParameterNames.Cursor, "belongs to a query that no longer applies: a filter value it names is no longer in the data; start again from the first page.");
            }
            else if (cursor.Fingerprint != fingerprint || cursor.Sort != sort.ToString() || !collection.Accepts(cursor))
            {
                // Also when the data changed so that a filter value now means another record: the walk cannot go on.
                Fail(ParameterNames.Cursor, "does not belong to this query as the data now stands; keep every other parameter as it was when the cursor was issued, or start again from the first page.");
            }
        }

        errors = problems.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        return errors.Count > 0 ? null : new ListQuery(filters, words, from, to, sort, limit, cursor, facets, fingerprint, address) { Projection = projection };
    }

    /// <summary>Every parameter a collection takes, for error messages and documentation.</summary>
    public static IEnumerable<string> AllowedParameters(CollectionDescriptor descriptor)
    {
        string[] common = [ParameterNames.Limit, ParameterNames.Cursor, ParameterNames.Sort, ParameterNames.Query];
        string[] dated = descriptor.Dated ? [ParameterNames.From, ParameterNames.To] : [];
        string[] facets = descriptor.Filters.Count > 0 ? [ParameterNames.Facets] : [];
        return common.Concat(dated).Concat(descriptor.Filters.Select(f => f.Name)).Concat(facets)
            .Append(ParameterNames.Fields).Append(ParameterNames.Expand).Append(ParameterNames.Format);
    }

    /// <summary>Parses a query string against a collection (tests, benchmarks, and the default page).</summary>
    public static ListQuery? Parse(string path, string queryString, Collection collection, out Dictionary<string, string[]> errors)
    {
        var parameters = QueryHelpers.ParseQuery(queryString);
        return Parse(ListParameters.Bind(parameters), parameters, PageAddress.Of(path, queryString, parameters), collection, CursorCodec.Default, out errors);
    }

    // The parameters bound into ListParameters; from and to only where records have dates.
    private static bool IsFixed(string name, CollectionDescriptor descriptor) => name switch
    {
        ParameterNames.Limit or ParameterNames.Cursor or ParameterNames.Sort or ParameterNames.Query
            or ParameterNames.Facets or ParameterNames.Format or ParameterNames.Fields or ParameterNames.Expand => true,
        ParameterNames.From or ParameterNames.To => descriptor.Dated,
        _ => false,
    };

    // The length of a text in Unicode scalar values (Runes): a surrogate pair is one character, and so is a lone
    // surrogate.
    private static int Characters(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
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
        DateOnly? from, DateOnly? to, SortOrder sort, Projection projection)
    {
        var text = new StringBuilder(collection).Append('\n');
        foreach (var (name, values) in filters)
        {
            text.Append(name).Append('=').AppendJoin(',', values).Append('\n');
        }

        text.AppendJoin(' ', words.Order(StringComparer.Ordinal)).Append('\n')
            .Append(CultureInfo.InvariantCulture, $"{from:yyyy-MM-dd}..{to:yyyy-MM-dd}\n{sort}");
        // fields and expand change what each page holds, so a cursor belongs to them too (none adds nothing, so cursors
        // issued before these parameters existed stay valid).
        if (!projection.IsNone)
        {
            text.Append('\n').Append(projection.Canonical);
        }

        // An identity, not a secret (the cursor's MAC is what makes it tamper-evident): a fast hash is enough.
        return Convert.ToHexStringLower(XxHash128.Hash(Encoding.UTF8.GetBytes(text.ToString())), 0, 8);
    }
}
