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

    /// <summary>Indexes the texts of each record, by position.</summary>
    public static SearchIndex Build(IReadOnlyList<IEnumerable<string?>> textsByPosition)
    {
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        // Looking tokens up by span allocates a string only for a token never seen before.
        var bySpan = postings.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var position = 0; position < textsByPosition.Count; position++)
        {
            var current = position;
            foreach (var text in textsByPosition[position])
            {
                TextNormalizer.ForEachToken(text, token =>
                {
                    if (!bySpan.TryGetValue(token, out var list))
                    {
                        bySpan[token] = list = [];
                    }

                    if (list.Count == 0 || list[^1] != current)
                    {
                        list.Add(current);
                    }
                });
            }
        }

        var tokens = postings.Keys.Order(StringComparer.Ordinal).ToArray();
        return new SearchIndex(tokens, Array.ConvertAll(tokens, t => postings[t].ToArray()));
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
