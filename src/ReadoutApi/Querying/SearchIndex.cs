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
        for (var position = 0; position < textsByPosition.Count; position++)
        {
            foreach (var token in textsByPosition[position].SelectMany(TextNormalizer.Tokens))
            {
                if (!postings.TryGetValue(token, out var list))
                {
                    postings[token] = list = [];
                }

                if (list.Count == 0 || list[^1] != position)
                {
                    list.Add(position);
                }
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
