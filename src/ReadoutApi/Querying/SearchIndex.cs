using System.Runtime.InteropServices;

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
        // Each distinct token gets a number, and each record appends the numbers of its distinct tokens to one flat list.
        // The postings are then cut from that list by counting: no list per token, no string per occurrence.
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var bySpan = numbers.GetAlternateLookup<ReadOnlySpan<char>>();
        var lastPosition = new List<int>();
        var occurrences = new List<int>(count * 16);
        var ends = new int[count];
        var current = 0;
        void Add(ReadOnlySpan<char> token)
        {
            if (!bySpan.TryGetValue(token, out var number))
            {
                number = numbers.Count;
                bySpan[token] = number;
                lastPosition.Add(-1);
            }

            if (lastPosition[number] != current)
            {
                lastPosition[number] = current;
                occurrences.Add(number);
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

            ends[current] = occurrences.Count;
        }

        var flat = CollectionsMarshal.AsSpan(occurrences);
        var filled = new int[numbers.Count];
        foreach (var number in flat)
        {
            filled[number]++;
        }

        var postings = new int[numbers.Count][];
        for (var number = 0; number < postings.Length; number++)
        {
            postings[number] = new int[filled[number]];
            filled[number] = 0;
        }

        for (int position = 0, i = 0; position < count; position++)
        {
            for (; i < ends[position]; i++)
            {
                var number = flat[i];
                postings[number][filled[number]++] = position;
            }
        }

        var sorted = new string[numbers.Count];
        foreach (var (token, number) in numbers)
        {
            sorted[number] = token;
        }

        Array.Sort(sorted, postings, StringComparer.Ordinal);
        return new SearchIndex(sorted, postings);
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

    /// <summary>
    /// What a search costs, before it runs: the positions its words would union, each word's postings counted (a
    /// one-letter word that starts thousands of tokens counts all their postings).
    /// </summary>
    public long Cost(IEnumerable<string> words)
    {
        long cost = 0;
        foreach (var word in words)
        {
            foreach (var postings in Prefix(word))
            {
                cost += postings.Length;
            }
        }

        return cost;
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
