using System.Globalization;
using System.Text;

namespace ReadoutApi.Querying;

/// <summary>Case- and accent-insensitive tokens, and slugs for matching aliases.</summary>
public static class TextNormalizer
{
    /// <summary>The lowercase, accent-free words of a text ("Shorkot Air Base" -> shorkot, air, base).</summary>
    public static IEnumerable<string> Tokens(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            yield break;
        }

        var folded = Fold(text);
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
                yield return folded[start..i];
                start = -1;
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
