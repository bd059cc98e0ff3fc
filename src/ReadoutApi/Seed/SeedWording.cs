using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ReadoutApi.Seed;

/// <summary>
/// How a problem names what is wrong: the value as written and what was expected, in the same words whether the
/// schema or a check across files found it (<c>status 'unverifed' is not one of: unverified, disputed, ...</c>).
/// </summary>
internal static class SeedWording
{
    private const int LongestValueShown = 60;

    /// <summary>What a message calls the value at a JSONPath: its property, with any index after it (<c>sourceIds[1]</c>).</summary>
    public static string NameOf(string jsonPath)
    {
        var dot = jsonPath.LastIndexOf('.');
        return dot < 0 ? "the file" : jsonPath[(dot + 1)..];
    }

    /// <summary>A string as a message quotes it: in single quotes, control characters escaped, a long one cut short.</summary>
    public static string Quote(string value)
    {
        var shown = new StringBuilder("'");
        foreach (var c in value.Length > LongestValueShown ? value[..LongestValueShown] : value)
        {
            shown.Append(char.IsControl(c) ? $"\\u{(int)c:X4}" : c);
        }

        return shown.Append(value.Length > LongestValueShown ? "...'" : "'").ToString();
    }

    /// <summary>A JSON value as a message shows it: a string quoted, a number or literal as written, else its kind.</summary>
    public static string Show(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Quote(value.GetString() ?? ""),
        JsonValueKind.Object => "{...}",
        JsonValueKind.Array => "[...]",
        _ => value.GetRawText(),
    };

    /// <summary>The kind of a JSON value with its article: "a string", "an object", "null".</summary>
    public static string KindOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>A JSON Schema type name with its article: "a string", "an integer", "null".</summary>
    public static string Article(string type) => type switch
    {
        "null" => "null",
        "integer" or "object" or "array" => $"an {type}",
        _ => $"a {type}",
    };

    /// <summary><c>eventKind 'retaliaton' is not one of: strike, interception, ...</c></summary>
    public static string NotOneOf(string jsonPath, string shownValue, IEnumerable<string> allowed) =>
        $"{NameOf(jsonPath)} {shownValue} is not one of: {string.Join(", ", allowed)}";

    /// <summary><c>id 'Bad Id' does not match ^[a-z0-9]+(-[a-z0-9]+)*$ (a stable lowercase slug)</c></summary>
    public static string DoesNotMatch(string jsonPath, string shownValue, string pattern, string? what) =>
        $"{NameOf(jsonPath)} {shownValue} does not match {pattern}" + (string.IsNullOrWhiteSpace(what) ? "" : $" ({Describe(what)})");

    /// <summary>"1 character", "3 characters".</summary>
    public static string Count(long count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");

    /// <summary>A list of names in quotes: <c>'text', 'quote'</c>.</summary>
    public static string Names(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));

    // A schema's description as the end of a sentence: "A stable lowercase slug." -> "a stable lowercase slug"
    // (an initialism such as "ISO" keeps its capitals).
    private static string Describe(string description)
    {
        var text = description.Trim().TrimEnd('.');
        var firstWord = text.Split(' ')[0];
        var initialism = firstWord.Length > 1 && firstWord.All(c => char.IsUpper(c) || char.IsDigit(c));
        return text.Length == 0 || initialism ? text : char.ToLowerInvariant(text[0]) + text[1..];
    }
}
