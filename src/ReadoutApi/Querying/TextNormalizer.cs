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

        // Words are cut from the text as it is (combining accents belong to their word); only a word with a character
        // outside ASCII pays for Unicode normalization, and an ASCII word is only lowercased.
        Span<char> scratch = stackalloc char[128];
        Span<char> decomposed = stackalloc char[256];
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWordChar = i < text.Length && IsWordChar(text[i]);
            if (isWordChar && start < 0)
            {
                start = i;
            }
            else if (!isWordChar && start >= 0)
            {
                var word = text.AsSpan(start, i - start);
                if (!Ascii.IsValid(word))
                {
                    if (word.TryNormalize(decomposed, out var length, NormalizationForm.FormD))
                    {
                        if (Fold(decomposed[..length]) is { Length: > 0 } folded)
                        {
                            sink(folded);
                        }
                    }
                    else if (Fold(word.ToString()) is { Length: > 0 } folded)
                    {
                        sink(folded);
                    }
                }
                else if (word.Length <= scratch.Length)
                {
                    Ascii.ToLower(word, scratch, out var written);
                    sink(scratch[..written]);
                }
                else
                {
                    sink(word.ToString().ToLowerInvariant());
                }

                start = -1;
            }
        }
    }

    private static bool IsWordChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || (c > '\x7f' && (char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark));

    /// <summary>A slug of a name ("Shorkot Air Base" -> shorkot-air-base), so aliases work as filter values.</summary>
    public static string Slug(string text) => string.Join('-', Tokens(text));

    private static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD).ToCharArray();
        return Fold(decomposed).ToString();
    }

    // Drops the combining marks of a decomposed word and lowercases the rest, in place.
    private static Span<char> Fold(Span<char> decomposed)
    {
        var length = 0;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                decomposed[length++] = char.ToLowerInvariant(c);
            }
        }

        return decomposed[..length];
    }
}
