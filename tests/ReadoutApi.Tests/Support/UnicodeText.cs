using System.Text;

namespace ReadoutApi.Tests.Support;

/// <summary>
/// Random text of the kind the seed validator accepts: characters of every plane, combining marks, bidi and zero-width
/// controls, what CSV, JSON and XML must escape, and the leading characters spreadsheets read as a formula.
/// </summary>
public static class UnicodeText
{
    // Texts that writers must escape or quote, or that readers are known to mangle.
    private static readonly string[] Pieces =
    [
        "\"", "'", "\"\"", "<", ">", "&", "&amp;", "&#x0;", "]]>", "<![CDATA[x]]>", "</title>", "<script>alert(1)</script>",
        ",", ";", "; ", "\\", "\\u0000", "{\"a\":1}", "\t", "\n", "\n\n", "\t\n", " ", "  ", "%s", "{0}",
        "e\u0301", "\u0301", "\u20DD", "a\u0308\u0323", "\u0915\u094D\u0937", "\u1100\u1161\u11A8",
        "\u200F", "\u200E", "\u202E", "\u2066", "\u2069", "\u061C", "\u05E9\u05DC\u05D5\u05DD", "\u0645\u0631\u062D\u0628\u0627",
        "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00A0", "\u2007", "\u202F", "\u3000", "\u2028", "\u2029",
        "\u007E", "\u00A1", "\u00AD", "\uFDD0", "\uFDEF", "\uFFFD", "\uFFFC", "\uE000", "\uF8FF", "\uD7FF",
        "\U0001F600", "\U0001F469\u200D\U0001F4BB", "\U0001F1EE\U0001F1F3", "\U0001F44D\U0001F3FD", "\U00020000", "\U0002A6D6",
        "\U0001D11E", "\U0001F9D1\u200D\U0001F91D\u200D\U0001F9D1", "\U000E0001", "\U000E007F", "\U0001FFFE", "\U0001FFFF",
        "\U0010FFFD", "\U0010FFFE", "\U0010FFFF", "\U000F0000", "\uFDFA", "\u0390", "\uFB2C", "\u1E9E", "\u0130", "\u2126",
    ];

    // What a spreadsheet would run as a formula, or what is easily lost at the start of a cell or element.
    private static readonly string[] Leaders =
    [
        "=", "+", "-", "@", "=1+1", "=HYPERLINK(\"http://example.org\",\"x\")", "+1 555", "-2+3", "@SUM(A1:A2)", "=cmd|' /C calc'!A0",
        "\t=", " ", "\t", "\n", "\u0301", "\u200F", "\uFEFF", "\u00A0", "'", "\"", "<", "&",
    ];

    private static readonly string[] Words = ["Rubio", "call", "ceasefire", "Jaishankar", "talks", "de-escalation", "x", "A1"];

    /// <summary>A text the validator accepts: never blank, no control character (C0, DEL or C1) but tab and newline,
    /// no U+FFFE or U+FFFF, no lone surrogate.</summary>
    public static string Next(Random random)
    {
        var text = new StringBuilder();
        if (random.Next(3) == 0)
        {
            text.Append(Leaders[random.Next(Leaders.Length)]);
        }

        for (var parts = 1 + random.Next(10); parts > 0; parts--)
        {
            text.Append(random.Next(5) switch
            {
                0 or 1 => Pieces[random.Next(Pieces.Length)],
                2 => Words[random.Next(Words.Length)],
                3 => " ",
                _ => char.ConvertFromUtf32(CodePoint(random)),
            });
        }

        // Blank text is refused by the validator: end with a visible character where the draw gave only spaces.
        return string.IsNullOrWhiteSpace(text.ToString()) ? text.Append('x').ToString() : text.ToString();
    }

    /// <summary>A Unicode scalar value the validator accepts, from any plane (assigned or not).</summary>
    public static int CodePoint(Random random)
    {
        while (true)
        {
            var value = random.Next(4) switch
            {
                0 => random.Next(0x20, 0x800),
                1 => random.Next(0x800, 0x10000),
                2 => random.Next(0x10000, 0x30000),
                _ => random.Next(0x30000, 0x110000),
            };
            if (Accepted(value))
            {
                return value;
            }
        }
    }

    /// <summary>Whether the validator accepts a code point in a string (see StringPool).</summary>
    public static bool Accepted(int value) =>
        value is '\t' or '\n' or (>= 0x20 and < 0x7F) or (>= 0xA0 and < 0xD800) or (> 0xDFFF and < 0xFFFE) or (>= 0x10000 and <= 0x10FFFF);
}
