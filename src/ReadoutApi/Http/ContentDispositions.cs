using System.Globalization;
using System.Text;

namespace ReadoutApi.Http;

/// <summary>
/// <c>Content-Disposition</c> values (RFC 6266). A file name of letters, digits, <c>.</c>, <c>_</c> and <c>-</c> is sent
/// as <c>filename="…"</c> alone; any other name also gets <c>filename*</c> (RFC 8187: UTF-8, percent-encoded), and its
/// <c>filename</c> is an ASCII stand-in with <c>_</c> for each other character, so the header value is always valid.
/// </summary>
public static class ContentDispositions
{
    /// <summary>The longest file name sent, in characters (a longer one is cut, keeping its extension).</summary>
    public const int MaxFileNameLength = 200;

    /// <summary><c>attachment</c> with the file name, as described above.</summary>
    public static string Attachment(string fileName)
    {
        fileName = Shortened(fileName);
        var fallback = new StringBuilder(fileName.Length);
        var plain = true;
        foreach (var rune in fileName.EnumerateRunes())
        {
            var safe = rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value is '.' or '_' or '-');
            plain &= safe;
            fallback.Append(safe ? (char)rune.Value : '_');
        }

        return plain
            ? $"attachment; filename=\"{fileName}\""
            : $"attachment; filename=\"{fallback}\"; filename*=UTF-8''{Rfc8187(fileName)}";
    }

    // RFC 8187 value-chars: attr-char as it is, every other byte of the UTF-8 as %XX (a lone surrogate as U+FFFD).
    private static string Rfc8187(string value)
    {
        var encoded = new StringBuilder(value.Length * 3);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || "!#$&+-.^_`|~".Contains((char)b))
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }

    private static string Shortened(string fileName)
    {
        if (fileName.Length <= MaxFileNameLength)
        {
            return fileName;
        }

        var extension = Path.GetExtension(fileName) is { Length: <= 10 } e ? e : "";
        var keep = MaxFileNameLength - extension.Length;
        // Never cut a surrogate pair in two.
        if (char.IsHighSurrogate(fileName[keep - 1]))
        {
            keep--;
        }

        return fileName[..keep] + extension;
    }
}
