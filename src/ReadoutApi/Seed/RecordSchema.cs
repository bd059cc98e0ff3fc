using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace ReadoutApi.Seed;

/// <summary>
/// A seed file's schema cut for evaluating the file a record at a time: for each array of records at the top (the
/// schema's <c>properties.claims.items</c>), the schema of one record; and the schema of the rest of the file, which is
/// the whole one without those items. Together they refuse exactly what the whole one refuses, and at the same schema
/// locations, which the messages read.
/// </summary>
/// <param name="Rest">The schema without the records' items.</param>
/// <param name="Source">The whole schema's source, which the messages quote.</param>
/// <param name="Arrays">The arrays evaluated a record at a time; none when the schema cannot be cut.</param>
internal sealed record RecordSchema(JsonSchema Rest, JsonElement Source, IReadOnlyList<RecordArray> Arrays)
{
    // Keywords beside items whose verdict depends on the items' evaluation: an array with one of them is not cut.
    private static readonly string[] Entangled = ["prefixItems", "unevaluatedItems", "contains", "minContains", "maxContains", "$ref", "$dynamicRef"];

    /// <summary>Builds the schemas from a seed file's schema text.</summary>
    public static RecordSchema Load(string text)
    {
        using var document = JsonDocument.Parse(text);
        var source = document.RootElement.Clone();

        // The records' schema is a reference into the whole one, built in the same registry, so that the schema
        // locations of its output are the whole one's.
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var whole = JsonSchema.FromText(text, options);
        var rest = JsonNode.Parse(text)!.AsObject();
        var arrays = new List<RecordArray>();
        if (rest["$id"] is JsonValue id && id.TryGetValue<string>(out var baseUri) && rest["properties"] is JsonObject properties &&
            !rest.ContainsKey("unevaluatedProperties") && !rest.ContainsKey("$ref") && !rest.ContainsKey("$dynamicRef"))
        {
            foreach (var (name, value) in properties.ToList())
            {
                if (value is JsonObject property && property.ContainsKey("items") && !Entangled.Any(property.ContainsKey) &&
                    name.Length > 0 && name.All(char.IsAsciiLetterOrDigit))
                {
                    var reference = new JsonObject { ["$schema"] = rest["$schema"]?.DeepClone(), ["$ref"] = $"{baseUri}#/properties/{name}/items" };
                    arrays.Add(new RecordArray(name, $"/properties/{name}", JsonSchema.FromText(reference.ToJsonString(), options)));
                    property.Remove("items");
                }
            }
        }

        return new RecordSchema(
            arrays.Count == 0 ? whole : JsonSchema.FromText(rest.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() }),
            source,
            arrays);
    }
}

/// <summary>An array of records at the top of a seed file, evaluated a record at a time.</summary>
/// <param name="Property">The array's property (<c>claims</c>).</param>
/// <param name="EvaluationPath">Where the whole schema evaluates the array (<c>/properties/claims</c>).</param>
/// <param name="Items">The schema of one record.</param>
internal sealed record RecordArray(string Property, string EvaluationPath, JsonSchema Items);
