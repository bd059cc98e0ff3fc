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

        // Words are cut from the text as it is (combining accents belong to their word), one Unicode scalar value
        // (Rune) at a time, so letters and digits outside the Basic Multilingual Plane are words like any other. Only a
        // word with a character outside ASCII pays for Unicode normalization, and an ASCII word is only lowercased.
        Span<char> scratch = stackalloc char[128];
        Span<char> decomposed = stackalloc char[256];
        var start = -1;
        for (var i = 0; i <= text.Length;)
        {
            var length = 1;
            var isWordChar = i < text.Length && IsWordChar(text.AsSpan(i), out length);
            if (isWordChar && start < 0)
            {
                start = i;
            }
            else if (!isWordChar && start >= 0)
            {
                Emit(text.AsSpan(start, i - start), sink, scratch, decomposed);
                start = -1;
            }

            i += length;
        }
    }

    private static void Emit(ReadOnlySpan<char> word, TokenSink sink, Span<char> scratch, Span<char> decomposed)
    {
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
    }

    // Whether the text starts with a letter, a digit or a combining mark, of any plane; length is how many chars that
    // scalar value takes (2 for a surrogate pair; 1 for a lone surrogate, which is never a word character).
    private static bool IsWordChar(ReadOnlySpan<char> text, out int length)
    {
        var c = text[0];
        length = 1;
        if (c <= '\x7f')
        {
            return char.IsAsciiLetterOrDigit(c);
        }

        if (Rune.DecodeFromUtf16(text, out var rune, out length) != OperationStatus.Done)
        {
            length = 1;
            return false;
        }

        return Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) == UnicodeCategory.NonSpacingMark;
    }

    /// <summary>A slug of a name ("Shorkot Air Base" -> shorkot-air-base), so aliases work as filter values.</summary>
    public static string Slug(string text) => string.Join('-', Tokens(text));

    private static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD).ToCharArray();
        return Fold(decomposed).ToString();
    }

    // Drops the combining marks of a decomposed word and lowercases the rest, in place, one scalar value at a time (a
    // rune is written back only where it takes no more chars than it did, which simple case mappings always do).
    private static Span<char> Fold(Span<char> decomposed)
    {
        var length = 0;
        for (var i = 0; i < decomposed.Length;)
        {
            if (Rune.DecodeFromUtf16(decomposed[i..], out var rune, out var consumed) != OperationStatus.Done)
            {
                // A lone surrogate never starts a word, but may follow one: keep it as it is.
                decomposed[length++] = decomposed[i++];
                continue;
            }

            i += consumed;
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var lower = Rune.ToLowerInvariant(rune);
            length += (lower.Utf16SequenceLength <= consumed ? lower : rune).EncodeToUtf16(decomposed[length..]);
        }

        return decomposed[..length];
    }
}
