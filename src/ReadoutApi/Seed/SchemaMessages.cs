using System.Globalization;
using System.Text.Json;

namespace ReadoutApi.Seed;

/// <summary>
/// Words a schema violation the way an editor needs it: the value as written and what the schema expects there, read
/// from the schema itself (<c>eventKind 'retaliaton' is not one of: strike, interception, ...</c>), where JsonSchema.Net
/// says only "Value should match one of the values specified by the enum".
/// </summary>
/// <param name="schema">The schema's source.</param>
/// <param name="document">The document evaluated.</param>
internal sealed class SchemaMessages(JsonElement schema, JsonElement document)
{
    /// <summary>The message for a failed keyword, or null when it has no wording here (the library's then stands).</summary>
    /// <param name="keyword">The keyword that failed.</param>
    /// <param name="instancePointer">Where in the document, as a JSON Pointer.</param>
    /// <param name="schemaLocation">The failing subschema (its fragment is a JSON Pointer into the schema).</param>
    /// <param name="path">Where in the document, as the JSONPath the problem reports.</param>
    public string? For(string keyword, string instancePointer, Uri schemaLocation, string path)
    {
        if (keyword == "additionalProperties")
        {
            // The location names the false schema under additionalProperties; the properties are its parent's.
            var fragment = Fragment(schemaLocation);
            var cut = fragment.IndexOf("/additionalProperties", StringComparison.Ordinal);
            var allowed = Resolve(schema, cut < 0 ? fragment : fragment[..cut]) is { ValueKind: JsonValueKind.Object } parent &&
                          parent.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
                ? $"; expected one of: {string.Join(", ", properties.EnumerateObject().Select(p => p.Name))}"
                : "";
            return $"unknown property '{SeedWording.NameOf(path)}' (check its spelling{allowed})";
        }

        if (Resolve(schema, Fragment(schemaLocation)) is not { ValueKind: JsonValueKind.Object } node ||
            !node.TryGetProperty(keyword, out var argument) ||
            Resolve(document, instancePointer) is not { } value)
        {
            return null;
        }

        var name = SeedWording.NameOf(path);
        return keyword switch
        {
            "enum" => SeedWording.NotOneOf(path, SeedWording.Show(value), argument.EnumerateArray().Select(Listed)),
            "type" => $"{name}{Shown(value)} is {SeedWording.KindOf(value)}; expected {Types(argument)}",
            "pattern" => SeedWording.DoesNotMatch(path, SeedWording.Show(value), argument.GetString() ?? "", Description(node)),
            "minLength" when value.ValueKind == JsonValueKind.String => Length(name, value, "at least", argument),
            "maxLength" when value.ValueKind == JsonValueKind.String => Length(name, value, "at most", argument),
            "minItems" when value.ValueKind == JsonValueKind.Array =>
                $"{name} has {SeedWording.Count(value.GetArrayLength(), "item")}; it needs at least {argument.GetRawText()}",
            "minimum" => $"{name} {value.GetRawText()} is below the minimum of {argument.GetRawText()}",
            "maximum" => $"{name} {value.GetRawText()} is above the maximum of {argument.GetRawText()}",
            "required" when value.ValueKind == JsonValueKind.Object => Missing(value, argument),
            _ => null,
        };
    }

    /// <summary>Whether the subschema at <paramref name="schemaLocation"/> allows only null (a oneOf's null branch).</summary>
    public bool OnlyNull(Uri schemaLocation) =>
        Resolve(schema, Fragment(schemaLocation)) is { ValueKind: JsonValueKind.Object } node &&
        node.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "null";

    private static string Listed(JsonElement allowed) =>
        allowed.ValueKind == JsonValueKind.String ? allowed.GetString()! : allowed.GetRawText();

    // A scalar is shown after the name; an object or an array is only named.
    private static string Shown(JsonElement value) =>
        value.ValueKind is JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Null ? "" : $" {SeedWording.Show(value)}";

    private static string Types(JsonElement type) => type.ValueKind == JsonValueKind.Array
        ? string.Join(" or ", type.EnumerateArray().Select(t => SeedWording.Article(t.GetString() ?? "")))
        : SeedWording.Article(type.GetString() ?? "");

    private static string? Description(JsonElement node) =>
        node.TryGetProperty("description", out var description) && description.ValueKind == JsonValueKind.String ? description.GetString() : null;

    // JSON Schema counts a string's length in code points.
    private static string Length(string name, JsonElement value, string bound, JsonElement limit)
    {
        var text = value.GetString() ?? "";
        var length = text.EnumerateRunes().Count();
        var needed = $"it needs {bound} {SeedWording.Count(limit.GetInt64(), "character")}";
        return length == 0 ? $"{name} is empty; {needed}" : $"{name} {SeedWording.Quote(text)} has {SeedWording.Count(length, "character")}; {needed}";
    }

    private static string? Missing(JsonElement value, JsonElement required)
    {
        var missing = required.EnumerateArray().Select(r => r.GetString() ?? "").Where(r => !value.TryGetProperty(r, out _)).ToList();
        return missing.Count switch
        {
            0 => null,
            1 => $"the required property {SeedWording.Names(missing)} is missing",
            _ => $"the required properties {SeedWording.Names(missing)} are missing",
        };
    }

    private static string Fragment(Uri location) =>
        Uri.UnescapeDataString(location.IsAbsoluteUri ? location.Fragment.TrimStart('#') : location.OriginalString.Split('#').ElementAtOrDefault(1) ?? "");

    // The value at a JSON Pointer (RFC 6901), or null when there is none.
    private static JsonElement? Resolve(JsonElement root, string pointer)
    {
        var node = root;
        foreach (var raw in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (node.ValueKind == JsonValueKind.Object && node.TryGetProperty(segment, out var child))
            {
                node = child;
            }
            else if (node.ValueKind == JsonValueKind.Array && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index >= 0 && index < node.GetArrayLength())
            {
                node = node[index];
            }
            else
            {
                return null;
            }
        }

        return node;
    }
}
