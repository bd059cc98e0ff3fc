using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using Json.Schema;

namespace ReadoutApi.Seed;

/// <summary>
/// The JSON Schemas of the seed files (seed/schemas, embedded in the assembly) and their evaluation with
/// JsonSchema.Net. Editors use the same files through each seed file's <c>$schema</c>.
/// </summary>
internal static class SeedSchemas
{
    // Each schema with its source, which the messages quote (the allowed values, the pattern, the property names).
    private static readonly FrozenDictionary<string, (JsonSchema Schema, JsonElement Source)> Schemas = SeedLoader.FileNames.ToFrozenDictionary(
        file => file,
        file =>
        {
            var name = $"schemas/{Path.GetFileNameWithoutExtension(file)}.schema.json";
            using var stream = typeof(SeedSchemas).Assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"The schema {name} is not embedded.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var text = reader.ReadToEnd();
            using var source = JsonDocument.Parse(text);
            return (JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() }), source.RootElement.Clone());
        });

    private static readonly EvaluationOptions Quick = new() { OutputFormat = OutputFormat.Flag };
    private static readonly EvaluationOptions Detailed = new() { OutputFormat = OutputFormat.Hierarchical };

    // Schema evaluation is the slowest check; a file whose exact bytes already passed need not be evaluated again
    // (a reload where one file changed re-checks only that file).
    private static readonly ConcurrentDictionary<string, bool> Passed = new(StringComparer.Ordinal);

    /// <summary>The schema violations of one file's document, as (JSONPath, message), every record's.</summary>
    public static IReadOnlyList<(string Path, string Message)> Violations(string file, JsonElement document, string contentHash)
    {
        var (schema, source) = Schemas[file];
        if (Passed.ContainsKey($"{file}:{contentHash}") || schema.Evaluate(document, Quick).IsValid)
        {
            Passed.TryAdd($"{file}:{contentHash}", true);
            return [];
        }

        // Only now pay for the detailed output, and follow only the branches that failed.
        var errors = new List<SchemaError>();
        Collect(schema.Evaluate(document, Detailed), new SchemaMessages(source, document), errors);
        var distinct = errors.Distinct().ToList();

        // A failed oneOf (an object where null is also allowed) also reports the null branch; that part is noise.
        return distinct
            .Where(e => !(e.NullBranch && distinct.Any(o => o != e && o.Path.StartsWith(e.Path, StringComparison.Ordinal))))
            .Select(e => (e.Path, e.Message))
            .ToList();
    }

    private static void Collect(EvaluationResults node, SchemaMessages messages, List<SchemaError> errors)
    {
        if (node.IsValid)
        {
            return;
        }

        foreach (var (keyword, message) in node.Errors ?? [])
        {
            var path = ToJsonPath(node.InstanceLocation.ToString());
            var unknownProperty = message.Contains("false schema", StringComparison.Ordinal) || keyword == "additionalProperties";
            errors.Add(new SchemaError(
                path,
                messages.For(unknownProperty ? "additionalProperties" : keyword, node.InstanceLocation.ToString(), node.SchemaLocation, path) ?? message,
                keyword == "type" && messages.OnlyNull(node.SchemaLocation)));
        }

        foreach (var child in node.Details ?? [])
        {
            Collect(child, messages, errors);
        }
    }

    // One violation; NullBranch marks a "should be null" from the null branch of a oneOf.
    private sealed record SchemaError(string Path, string Message, bool NullBranch);

    /// <summary>Turns a JSON Pointer (<c>/readouts/1/personId</c>) into a JSONPath (<c>$.readouts[1].personId</c>).</summary>
    public static string ToJsonPath(string pointer)
    {
        var path = new StringBuilder("$");
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (name.All(char.IsAsciiDigit))
            {
                path.Append('[').Append(name).Append(']');
            }
            else
            {
                path.Append('.').Append(name);
            }
        }

        return path.ToString();
    }
}
