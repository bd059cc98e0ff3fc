using System.Buffers;
using System.Globalization;
using System.Text;

namespace ReadoutApi.Querying;

/// <summary>Receives one normalized token; the span is only valid during the call.</summary>
public delegate void TokenSink(ReadOnlySpan<char> token);

/// <summary>Case- and accent-insensitive tokens, and slugs for matching aliases.</summary>
public static class TextNormalizer
{
    /// <summary>The lowercase, accent-free words of a text ("Shorkot Air Base" -> shorkot, air, base).</summary>
    public static IReadOnlyList<string> Tokens(string? text)
    {
        var tokens = new List<string>();
        ForEachToken(text, token => tokens.Add(token.ToString()));
        return tokens;
    }

    /// <summary>
    /// Calls <paramref name="sink"/> with each token of <paramref name="text"/>, without allocating a string per token
    /// (indexing calls this for every text of every record).
    /// </summary>
    public static void ForEachToken(string? text, TokenSink sink)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        char[]? rented = null;
        Span<char> scratch = text.Length <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(text.Length));
        try
        {
            scoped ReadOnlySpan<char> folded;
            if (Ascii.IsValid(text))
            {
                // The common case needs no Unicode normalization: lowercasing is all the folding there is.
                var lower = scratch[..text.Length];
                Ascii.ToLower(text, lower, out _);
                folded = lower;
            }
            else
            {
                folded = Fold(text);
            }

            var start = -1;
            for (var i = 0; i <= folded.Length; i++)
            {
                var isWordChar = i < folded.Length && char.IsLetterOrDigit(folded[i]);
                if (isWordChar && start < 0)
                {
                    start = i;
                }
                else if (!isWordChar && start >= 0)
                {
                    sink(folded[start..i]);
                    start = -1;
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>A slug of a name ("Shorkot Air Base" -> shorkot-air-base), so aliases work as filter values.</summary>
    public static string Slug(string text) => string.Join('-', Tokens(text));

    private static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}
