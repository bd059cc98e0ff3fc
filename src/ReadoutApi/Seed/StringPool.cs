using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReadoutApi.Seed;

/// <summary>
/// Reads a file's short strings (ids, codes, roles, kinds, topics) as one instance per distinct value. Seed files repeat
/// them in nearly every record: at 100,000 records that is millions of copies, which the loader would otherwise
/// allocate and the GC would carry through every generation. One pool serves one file, on one thread.
/// </summary>
/// <remarks>
/// Every string of a seed file passes here, so this is also where text that no format could carry is refused: control
/// characters other than tab and newline (XML, so Atom, cannot hold those below U+0020; CR would come back from any XML
/// parser as LF), U+FFFE and U+FFFF, and lone surrogates. DEL and the C1 controls (U+007F-U+009F) are refused too: XML 1.0
/// allows but discourages them, XML 1.1 only allows them escaped, U+0085 is a line break to many readers, and in text
/// they are nearly always a Windows-1252 file read as Latin-1 (U+0092 for a right quote).
/// </remarks>
internal sealed class StringPool : JsonConverter<string>
{
    private static readonly SearchValues<char> NotText = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\u000B\f\r\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F" +
        "\u007F\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008A\u008B\u008C\u008D\u008E\u008F" +
        "\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009A\u009B\u009C\u009D\u009E\u009F\uFFFE\uFFFF");

    // Longer values are prose (titles, quotes, notes): rarely repeated, so not worth a lookup.
    private const int MaxPooledBytes = 48;

    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        try
        {
            if (reader.TokenType != JsonTokenType.String || reader.HasValueSequence || reader.ValueSpan.Length > MaxPooledBytes)
            {
                // GetString also reports a value that is not a string, as the built-in converter does.
                var whole = reader.GetString();
                RefuseNonText(whole);
                return whole;
            }

            // CopyString unescapes and checks the UTF-8, as GetString does; an escaped value is never longer than its bytes.
            Span<char> buffer = stackalloc char[MaxPooledBytes];
            var value = buffer[..reader.CopyString(buffer)];
            RefuseNonText(value);
            var pooled = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!pooled.TryGetValue(value, out var text))
            {
                text = value.ToString();
                _strings[text] = text;
            }

            return text;
        }
        catch (InvalidOperationException e) when (reader.TokenType == JsonTokenType.String)
        {
            // An escaped half of a surrogate pair ("\ud800") makes the reader throw: report it with the path and line.
            throw new JsonException("a string holds an escaped lone surrogate (\\uD800-\\uDFFF without its pair): no text can carry it", e);
        }
    }

    // Text that no format can carry is refused where it is read.
    private static void RefuseNonText(ReadOnlySpan<char> text)
    {
        if (text.IndexOfAny(NotText) is var at and >= 0)
        {
            throw new JsonException(char.IsControl(text[at])
                ? $"a string holds the control character U+{(int)text[at]:X4}: text may hold tab and newline, no other control character" +
                  (text[at] >= '\u0080' ? " (U+0080-U+009F in text is usually a Windows-1252 character decoded as Latin-1)" : "")
                : $"a string holds U+{(int)text[at]:X4}, which is not a character: no text format can carry it");
        }
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}
