using System.Text.Json;

namespace ReadoutApi.Seed;

/// <summary>
/// Maps each JSONPath of a document to the line its value starts on, so that problems found after
/// deserialization (a dangling reference, a duplicate id) can still point at a line.
/// </summary>
public sealed class JsonLineMap
{
    private readonly Dictionary<string, long> _lines = new(StringComparer.Ordinal);

    // Set when every value is on the first line (a compact file): then no path need be mapped.
    private bool _oneLine;

    private JsonLineMap()
    {
    }

    /// <summary>The line of the value at <paramref name="path"/>, or of its nearest enclosing value.</summary>
    public long? LineOf(string path)
    {
        if (_oneLine)
        {
            // Every path is inside the document's value, which is on line 1.
            return 1;
        }

        for (var p = path; p.Length > 0; p = Parent(p))
        {
            if (_lines.TryGetValue(p, out var line))
            {
                return line;
            }
        }

        return null;
    }

    /// <summary>Walks a document; on malformed JSON, returns what was mapped before the fault.</summary>
    public static JsonLineMap Build(ReadOnlySpan<byte> utf8)
    {
        var map = new JsonLineMap();

        // A compact file (100,000 records on one line) would map millions of paths, all to line 1.
        var end = utf8.TrimEnd(" \t\r\n"u8).Length;
        if (utf8[..end].IndexOf((byte)'\n') < 0)
        {
            try
            {
                var first = new Utf8JsonReader(utf8);
                map._oneLine = first.Read();
            }
            catch (JsonException)
            {
                // Nothing is mapped: no line to point at.
            }

            return map;
        }

        var newlines = new List<int>();
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                newlines.Add(i);
            }
        }

        var containers = new Stack<(string Path, bool IsArray, int NextIndex)>();
        string? property = null;
        var reader = new Utf8JsonReader(utf8);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    property = reader.GetString();
                    continue;
                }

                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    containers.Pop();
                    continue;
                }

                var path = ValuePath(containers, property);
                property = null;
                var line = newlines.BinarySearch((int)reader.TokenStartIndex);
                map._lines[path] = (line < 0 ? ~line : line) + 1;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    containers.Push((path, reader.TokenType == JsonTokenType.StartArray, 0));
                }
            }
        }
        catch (JsonException)
        {
            // The deserializer reports the syntax error itself; the lines mapped so far still help.
        }

        return map;
    }

    private static string ValuePath(Stack<(string Path, bool IsArray, int NextIndex)> containers, string? property)
    {
        if (containers.Count == 0)
        {
            return "$";
        }

        var (path, isArray, next) = containers.Pop();
        containers.Push((path, isArray, isArray ? next + 1 : next));
        return isArray ? $"{path}[{next}]" : $"{path}.{property}";
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? (path == "$" ? "" : "$") : path[..cut];
    }
}
