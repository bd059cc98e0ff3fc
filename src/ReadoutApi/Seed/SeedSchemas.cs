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
    private static readonly FrozenDictionary<string, JsonSchema> Schemas = SeedLoader.FileNames.ToFrozenDictionary(
        file => file,
        file =>
        {
            var name = $"schemas/{Path.GetFileNameWithoutExtension(file)}.schema.json";
            using var stream = typeof(SeedSchemas).Assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"The schema {name} is not embedded.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return JsonSchema.FromText(reader.ReadToEnd(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        });

    private static readonly EvaluationOptions Quick = new() { OutputFormat = OutputFormat.Flag };
    private static readonly EvaluationOptions Detailed = new() { OutputFormat = OutputFormat.Hierarchical };

    // Schema evaluation is the slowest check; a file whose exact bytes already passed need not be evaluated again
    // (a reload where one file changed re-checks only that file).
    private static readonly ConcurrentDictionary<string, bool> Passed = new(StringComparer.Ordinal);

    /// <summary>The schema violations of one file's document, as (JSONPath, message).</summary>
    public static IReadOnlyList<(string Path, string Message)> Violations(string file, JsonElement document, string contentHash)
    {
        var schema = Schemas[file];
        if (Passed.ContainsKey($"{file}:{contentHash}") || schema.Evaluate(document, Quick).IsValid)
        {
            Passed.TryAdd($"{file}:{contentHash}", true);
            return [];
        }

        // Only now pay for the detailed output, and follow only the branches that failed.
        var errors = new List<(string Path, string Message)>();
        Collect(schema.Evaluate(document, Detailed), errors);
        var distinct = errors.Distinct().ToList();

        // A failed oneOf (an object where null is also allowed) also reports the null branch; that part is noise.
        return distinct
            .Where(e => !(e.Message.EndsWith("but should be \"null\"", StringComparison.Ordinal) &&
                          distinct.Any(o => o != e && o.Path.StartsWith(e.Path, StringComparison.Ordinal))))
            .ToList();
    }

    private static void Collect(EvaluationResults node, List<(string Path, string Message)> errors)
    {
        if (node.IsValid)
        {
            return;
        }

        foreach (var (keyword, message) in node.Errors ?? [])
        {
            var path = ToJsonPath(node.InstanceLocation.ToString());
            errors.Add(message.Contains("false schema", StringComparison.Ordinal) || keyword == "additionalProperties"
                ? (path, $"unknown property '{path[(path.LastIndexOf('.') + 1)..]}' (check its spelling; the schema lists the fields)")
                : (path, message));
        }

        foreach (var child in node.Details ?? [])
        {
            Collect(child, errors);
        }
    }

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
