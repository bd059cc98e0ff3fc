using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReadoutApi.Seed;

/// <summary>
/// Reads a file's short strings (ids, codes, roles, kinds, topics) as one instance per distinct value. Seed files repeat
/// them in nearly every record: at 100,000 records that is millions of copies, which the loader would otherwise
/// allocate and the GC would carry through every generation. One pool serves one file, on one thread.
/// </summary>
internal sealed class StringPool : JsonConverter<string>
{
    // Longer values are prose (titles, quotes, notes): rarely repeated, so not worth a lookup.
    private const int MaxPooledBytes = 48;

    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || reader.HasValueSequence || reader.ValueSpan.Length > MaxPooledBytes)
        {
            return reader.GetString(); // which also reports a value that is not a string, as the built-in converter does
        }

        // CopyString unescapes and checks the UTF-8, as GetString does; an escaped value is never longer than its bytes.
        Span<char> buffer = stackalloc char[MaxPooledBytes];
        var value = buffer[..reader.CopyString(buffer)];
        var pooled = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!pooled.TryGetValue(value, out var text))
        {
            text = value.ToString();
            _strings[text] = text;
        }

        return text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}
