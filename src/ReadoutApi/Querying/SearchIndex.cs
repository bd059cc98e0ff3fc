namespace ReadoutApi.Querying;

/// <summary>
/// An inverted index of normalized tokens. A query word matches every token it is a prefix of,
/// so <c>intercept</c> finds "intercepted".
/// </summary>
public sealed class SearchIndex
{
    private readonly string[] _tokens;
    private readonly int[][] _postings;

    private SearchIndex(string[] tokens, int[][] postings)
    {
        _tokens = tokens;
        _postings = postings;
    }

    /// <summary>Indexes each record's texts, and the tokens of what it links to (normalized once per linked record).</summary>
    /// <param name="count">How many records.</param>
    /// <param name="texts">A record's own texts, by position; tokenized here.</param>
    /// <param name="tokens">Tokens already normalized (<see cref="TextNormalizer.Tokens"/>), by position.</param>
    public static SearchIndex Build(int count, Func<int, IEnumerable<string?>> texts, Func<int, IEnumerable<string>>? tokens = null)
    {
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        // Looking tokens up by span allocates a string only for a token never seen before.
        var bySpan = postings.GetAlternateLookup<ReadOnlySpan<char>>();
        var current = 0;
        void Add(ReadOnlySpan<char> token)
        {
            if (!bySpan.TryGetValue(token, out var list))
            {
                bySpan[token] = list = [];
            }

            if (list.Count == 0 || list[^1] != current)
            {
                list.Add(current);
            }
        }

        for (; current < count; current++)
        {
            foreach (var text in texts(current))
            {
                TextNormalizer.ForEachToken(text, Add);
            }

            foreach (var token in tokens?.Invoke(current) ?? [])
            {
                Add(token);
            }
        }

        var sorted = postings.Keys.Order(StringComparer.Ordinal).ToArray();
        return new SearchIndex(sorted, Array.ConvertAll(sorted, t => postings[t].ToArray()));
    }

    /// <summary>
    /// The index of records laid end to end: each part's positions shifted by its offset. Offsets must increase and
    /// leave each part its own range, so that merged postings stay in ascending order.
    /// </summary>
    public static SearchIndex Concat(IReadOnlyList<(SearchIndex Index, int Offset)> parts)
    {
        var merged = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var (index, offset) in parts)
        {
            for (var t = 0; t < index._tokens.Length; t++)
            {
                if (!merged.TryGetValue(index._tokens[t], out var list))
                {
                    merged[index._tokens[t]] = list = new List<int>(index._postings[t].Length);
                }

                foreach (var position in index._postings[t])
                {
                    list.Add(position + offset);
                }
            }
        }

        var sorted = merged.Keys.Order(StringComparer.Ordinal).ToArray();
        return new SearchIndex(sorted, Array.ConvertAll(sorted, t => merged[t].ToArray()));
    }

    /// <summary>The postings (ascending positions) of every token that starts with <paramref name="word"/>.</summary>
    public IEnumerable<int[]> Prefix(string word)
    {
        var i = Array.BinarySearch(_tokens, word, StringComparer.Ordinal);
        for (i = i < 0 ? ~i : i; i < _tokens.Length && _tokens[i].StartsWith(word, StringComparison.Ordinal); i++)
        {
            yield return _postings[i];
        }
    }
}
