using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace ReadoutApi.Seed;

/// <summary>
/// Finds, in a seed file's bytes, the faults that System.Text.Json reports without a position or not at all, so that
/// the report can name the line.
/// </summary>
internal static class JsonBytes
{
    // The offset of the first property name that its object already has, or -1.
    public static int FirstDuplicateKey(byte[] bytes)
    {
        // Asked only after the parser refused the file without a position; a file that fails here for another reason
        // keeps the parser's own message, with no line.
        try
        {
            return DuplicateKeyOffset(bytes);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return -1;
        }
    }

    private static int DuplicateKeyOffset(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var objects = new Stack<HashSet<string>>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    objects.Push(new HashSet<string>(StringComparer.Ordinal));
                    break;
                case JsonTokenType.EndObject:
                    objects.Pop();
                    break;
                case JsonTokenType.PropertyName when !objects.Peek().Add(reader.GetString()!):
                    return (int)reader.TokenStartIndex;
            }
        }

        return -1;
    }

    public static long LineAt(byte[] bytes, int offset) => bytes.AsSpan(0, offset).Count((byte)'\n') + 1;

    // The offset of the first \uXXXX escape that is half a surrogate pair, or -1. Runs on valid JSON only, where a
    // backslash appears only in strings and always starts an escape.
    public static int FirstLoneSurrogate(ReadOnlySpan<byte> bytes)
    {
        var pendingHigh = -1;
        for (var i = bytes.IndexOf((byte)'\\'); i >= 0 && i + 1 < bytes.Length; i = NextBackslash(bytes, i + 2))
        {
            var unit = bytes[i + 1] == (byte)'u' && i + 6 <= bytes.Length && Utf8Parser.TryParse(bytes.Slice(i + 2, 4), out ushort value, out var read, 'x') && read == 4
                ? value
                : -1;
            var follows = pendingHigh >= 0 && i == pendingHigh + 6;
            if (pendingHigh >= 0 && !(follows && unit is >= 0xDC00 and <= 0xDFFF))
            {
                return pendingHigh;
            }

            if (unit is >= 0xDC00 and <= 0xDFFF && !follows)
            {
                return i;
            }

            pendingHigh = unit is >= 0xD800 and <= 0xDBFF ? i : -1;
        }

        return pendingHigh;
    }

    private static int NextBackslash(ReadOnlySpan<byte> bytes, int from) =>
        from >= bytes.Length ? -1 : bytes[from..].IndexOf((byte)'\\') is var at and >= 0 ? from + at : -1;

    public static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return -1;
        }

        var offset = 0;
        while (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }

        return offset;
    }
}
