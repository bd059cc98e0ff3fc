using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReadoutApi.Querying;

/// <summary>
/// <c>fields</c> and <c>expand</c> of a request, checked against the shape of the collection's records.
/// <c>fields</c> keeps the named fields (dotted paths reach into objects and lists; the record's <c>id</c>, or a
/// country's <c>code</c>, is always kept) and drops
/// the rest; <c>expand</c> replaces each link it names by the linked record, one level deep. A field below a link is
/// not selectable: a link, expanded or not, comes whole.
/// </summary>
public sealed class Projection
{
    /// <summary>No projection: records as rendered.</summary>
    public static readonly Projection None = new([], [], "id");

    private readonly IReadOnlyList<string[]> _fields;
    private readonly IReadOnlyList<string[]> _expand;
    private readonly string _key;

    private Projection(IReadOnlyList<string[]> fields, IReadOnlyList<string[]> expand, string key)
    {
        _fields = fields;
        _expand = expand;
        _key = key;
    }

    /// <summary>Whether records are written as rendered.</summary>
    public bool IsNone => _fields.Count == 0 && _expand.Count == 0;

    /// <summary>Whether fields are selected.</summary>
    public bool SelectsFields => _fields.Count > 0;

    /// <summary>Whether links are expanded.</summary>
    public bool Expands => _expand.Count > 0;

    /// <summary>The top-level fields kept (all when no field is selected).</summary>
    public IReadOnlySet<string>? TopLevelFields => _fields.Count == 0 ? null : _fields.Select(f => f[0]).Append(_key).ToHashSet(StringComparer.Ordinal);

    /// <summary>The canonical text of the projection (sorted, deduplicated), for fingerprints.</summary>
    public string Canonical =>
        $"{string.Join(',', _fields.Select(f => string.Join('.', f)).Order(StringComparer.Ordinal))}|{string.Join(',', _expand.Select(f => string.Join('.', f)).Order(StringComparer.Ordinal))}";

    /// <summary>Parses <c>fields</c> and <c>expand</c> (comma lists of dotted paths), adding an error for each bad path.</summary>
    /// <param name="shape">The fields of the collection's records.</param>
    /// <param name="fieldsText">The <c>fields</c> value, or null.</param>
    /// <param name="expandText">The <c>expand</c> value, or null.</param>
    /// <param name="fail">Records an error against a parameter.</param>
    public static Projection Parse(FieldTree shape, string? fieldsText, string? expandText, Action<string, string> fail)
    {
        var fields = new List<string[]>();
        foreach (var path in Paths(fieldsText, ParameterNames.Fields, fail))
        {
            if (!Reachable(shape, path, out var through))
            {
                fail(ParameterNames.Fields, through is null
                    ? $"'{string.Join('.', path)}' is not a field. The fields are: {string.Join(", ", shape.Names)} (dotted paths reach inside, e.g. participants.person)."
                    : $"'{string.Join('.', path)}' goes inside the link '{through}', which comes whole: ask for '{through}'.");
            }
            else
            {
                fields.Add(path);
            }
        }

        var expand = new List<string[]>();
        foreach (var path in Paths(expandText, ParameterNames.Expand, fail))
        {
            if (shape.Find(path) is { IsLink: true })
            {
                expand.Add(path);
            }
            else
            {
                fail(ParameterNames.Expand, $"'{string.Join('.', path)}' is not a link. Links that expand: {string.Join(", ", shape.LinkPaths())}.");
            }
        }

        return fields.Count == 0 && expand.Count == 0 ? None : new Projection(fields, expand, shape.Children.ContainsKey("id") ? "id" : "code");
    }

    /// <summary>A record's JSON with the projection applied.</summary>
    /// <param name="json">The record as rendered.</param>
    /// <param name="linked">The JSON of the record a link's <c>href</c> names, if any.</param>
    public byte[] Apply(ReadOnlyMemory<byte> json, Func<string, ReadOnlyMemory<byte>?> linked)
    {
        var node = JsonNode.Parse(json.Span)!;
        foreach (var path in _expand)
        {
            Expand(node, path, 0, linked);
        }

        if (_fields.Count > 0)
        {
            node = Select(node, [.. _fields, [_key]], 0);
        }

        var buffer = new ArrayBufferWriter<byte>(json.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            node.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static IEnumerable<string[]> Paths(string? text, string parameter, Action<string, string> fail)
    {
        if (text is null)
        {
            yield break;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var segments = item.Split('.');
            if (item.Length == 0 || segments.Any(s => s.Length == 0))
            {
                fail(parameter, item.Length == 0 ? "must not have an empty item." : $"'{item}' is not a dotted path.");
            }
            else if (seen.Add(item))
            {
                yield return segments;
            }
        }
    }

    // Whether each segment names a field, without going below a link; 'through' names the link it would go into.
    private static bool Reachable(FieldTree shape, string[] path, out string? through)
    {
        through = null;
        var node = shape;
        for (var i = 0; i < path.Length; i++)
        {
            if (node.IsLink)
            {
                through = string.Join('.', path[..i]);
                return false;
            }

            if (!node.Children.TryGetValue(path[i], out var child))
            {
                return false;
            }

            node = child;
        }

        return true;
    }

    private static void Expand(JsonNode? node, string[] path, int depth, Func<string, ReadOnlyMemory<byte>?> linked)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array)
                {
                    Expand(item, path, depth, linked);
                }

                break;
            case JsonObject obj when depth == path.Length - 1:
                if (obj[path[depth]] is JsonArray links)
                {
                    for (var i = 0; i < links.Count; i++)
                    {
                        links[i] = Embed(links[i], linked);
                    }
                }
                else if (obj[path[depth]] is { } link)
                {
                    obj[path[depth]] = Embed(link, linked);
                }

                break;
            case JsonObject obj:
                Expand(obj[path[depth]], path, depth + 1, linked);
                break;
        }
    }

    // The linked record, with what the link itself says that the record does not (a place's name as reported, a kind).
    private static JsonNode? Embed(JsonNode? link, Func<string, ReadOnlyMemory<byte>?> linked)
    {
        if (link is not JsonObject reference || reference["href"]?.GetValue<string>() is not { } href || linked(href) is not { } json)
        {
            return link;
        }

        var record = JsonNode.Parse(json.Span)!.AsObject();
        foreach (var (name, value) in reference.ToArray())
        {
            if (!record.ContainsKey(name))
            {
                reference.Remove(name);
                record[name] = value;
            }
        }

        return record;
    }

    private static JsonNode Select(JsonNode node, IReadOnlyList<string[]> paths, int depth)
    {
        if (node is JsonArray array)
        {
            return new JsonArray([.. array.Select(item => item is null ? null : Select(item, paths, depth))]);
        }

        if (node is not JsonObject obj)
        {
            return node.DeepClone();
        }

        var kept = new JsonObject();
        foreach (var (name, value) in obj.ToArray())
        {
            var below = paths.Where(p => p.Length > depth && p[depth] == name).ToArray();
            if (below.Length == 0)
            {
                continue;
            }

            obj.Remove(name);
            kept[name] = value is null || below.Any(p => p.Length == depth + 1) ? value : Select(value, below, depth + 1);
        }

        return kept;
    }
}
