using System.Collections.Frozen;
using System.Text.Json.Serialization.Metadata;
using ReadoutApi.Contracts;

namespace ReadoutApi.Querying;

/// <summary>
/// The fields of a response shape as JSON names them, read from its source-generated serializer metadata, so it can
/// never differ from what is served: each field, its own fields (through lists), and whether it is a link to another
/// record (an object with <c>id</c> and <c>href</c>), which <c>expand</c> can replace by the record itself.
/// </summary>
public sealed class FieldTree
{
    private FieldTree(IReadOnlyList<string> names, IReadOnlyDictionary<string, FieldTree> children, bool isLink)
    {
        Names = names;
        Children = children;
        IsLink = isLink;
    }

    /// <summary>The names of the fields below this one, in the order they are written; empty for a value.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The fields below this one, by JSON name; empty for a value.</summary>
    public IReadOnlyDictionary<string, FieldTree> Children { get; }

    /// <summary>Whether this is a link to another record.</summary>
    public bool IsLink { get; }

    /// <summary>The fields of a response shape.</summary>
    public static FieldTree Of(Type type) => Build(ReadoutJsonContext.Default.GetTypeInfo(type)!, depth: 0);

    /// <summary>Every dotted path to a link, depth first (what <c>expand</c> accepts).</summary>
    public IEnumerable<string> LinkPaths(string prefix = "")
    {
        foreach (var name in Names)
        {
            var child = Children[name];
            var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
            if (child.IsLink)
            {
                yield return path;
            }
            else
            {
                foreach (var below in child.LinkPaths(path))
                {
                    yield return below;
                }
            }
        }
    }

    /// <summary>Every dotted path <c>fields</c> accepts, depth first: each field, and the fields inside those that are not links.</summary>
    public IEnumerable<string> FieldPaths(string prefix = "")
    {
        foreach (var name in Names)
        {
            var child = Children[name];
            var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
            yield return path;
            if (!child.IsLink)
            {
                foreach (var below in child.FieldPaths(path))
                {
                    yield return below;
                }
            }
        }
    }

    /// <summary>The node at a dotted path, or null when there is no such field.</summary>
    public FieldTree? Find(IReadOnlyList<string> segments)
    {
        var node = this;
        foreach (var segment in segments)
        {
            if (!node.Children.TryGetValue(segment, out var child))
            {
                return null;
            }

            node = child;
        }

        return node;
    }

    private static FieldTree Build(JsonTypeInfo info, int depth)
    {
        if (info.Kind == JsonTypeInfoKind.Enumerable && info.ElementType is { } element)
        {
            info = ReadoutJsonContext.Default.GetTypeInfo(element)!;
        }

        if (info.Kind != JsonTypeInfoKind.Object || depth > 8)
        {
            return new FieldTree([], FrozenDictionary<string, FieldTree>.Empty, isLink: false);
        }

        var children = info.Properties.ToFrozenDictionary(
            p => p.Name,
            p => Build(ReadoutJsonContext.Default.GetTypeInfo(Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType)!, depth + 1),
            StringComparer.Ordinal);
        return new FieldTree([.. info.Properties.Select(p => p.Name)], children, children.ContainsKey("id") && children.ContainsKey("href"));
    }
}
