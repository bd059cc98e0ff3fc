using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Json.Schema;

// The tests compare the record-by-record evaluation with one of the whole document (SchemaByRecordTests).
[assembly: InternalsVisibleTo("ReadoutApi.Tests")]

namespace ReadoutApi.Seed;

/// <summary>
/// The JSON Schemas of the seed files (seed/schemas, embedded in the assembly) and their evaluation with
/// JsonSchema.Net. Editors use the same files through each seed file's <c>$schema</c>.
/// </summary>
internal static class SeedSchemas
{
    private static readonly FrozenDictionary<string, RecordSchema> Schemas =
        SeedLoader.FileNames.ToFrozenDictionary(file => file, file => RecordSchema.Load(Source(file)));

    private static readonly EvaluationOptions Quick = new() { OutputFormat = OutputFormat.Flag };
    private static readonly EvaluationOptions Detailed = new() { OutputFormat = OutputFormat.Hierarchical };

    // Schema evaluation is the slowest check; a file whose exact bytes already passed need not be evaluated again
    // (a reload where one file changed re-checks only that file).
    private static readonly ConcurrentDictionary<string, bool> Passed = new(StringComparer.Ordinal);

    /// <summary>The text of a seed file's schema.</summary>
    public static string Source(string file)
    {
        var name = $"schemas/{Path.GetFileNameWithoutExtension(file)}.schema.json";
        using var stream = typeof(SeedSchemas).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The schema {name} is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>The schema violations of one file's document, as (JSONPath, message), every record's.</summary>
    /// <remarks>
    /// The document is evaluated a record at a time, each against the schema of the array's items, with the rest of the
    /// file (the array itself, the properties beside it) against the schema without those items: the same verdicts as
    /// one evaluation of the whole document, but the detailed output, which costs a node for every value evaluated, is
    /// asked for only for the records that fail, one record at a time. (Of a whole file of 100,000 records, it took
    /// minutes and gigabytes.)
    /// </remarks>
    public static IReadOnlyList<(string Path, string Message)> Violations(string file, JsonElement document, string contentHash)
    {
        var schema = Schemas[file];
        if (Passed.ContainsKey($"{file}:{contentHash}"))
        {
            return [];
        }

        // First the verdicts alone, which stop at the first failure and keep nothing.
        var restValid = schema.Rest.Evaluate(document, Quick).IsValid;
        var failing = schema.Arrays
            .SelectMany(array => RecordsOf(document, array).Where(r => !array.Items.Evaluate(r.Record, Quick).IsValid))
            .ToList();
        if (restValid && failing.Count == 0)
        {
            Passed.TryAdd($"{file}:{contentHash}", true);
            return [];
        }

        // Only now pay for the detailed output, and follow only the branches that failed; many failing records are
        // evaluated side by side, each one's output dropped once it is worded.
        var messages = new SchemaMessages(schema.Source, document);
        var byRecord = failing
            .AsParallel().AsOrdered()
            .Select(r => (r.Array.Property, Errors: Distinct(Collect(r.Array.Items.Evaluate(r.Record, Detailed), messages, r.Pointer)).Select(e => (e.Path, e.Message))))
            .ToList();
        if (restValid)
        {
            return [.. byRecord.SelectMany(r => r.Errors)];
        }

        // The rest of the file reports the records' problems where the whole document's output had them: under the
        // array's property, after that property's own.
        var violations = new List<(string Path, string Message)>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var rest = Collect(schema.Rest.Evaluate(document, Detailed), messages, "", (evaluationPath, errors) =>
        {
            if (schema.Arrays.FirstOrDefault(a => a.EvaluationPath == evaluationPath) is { } array && placed.Add(array.Property))
            {
                errors.Add(new SchemaError("", "", false, array.Property));
            }
        });
        foreach (var error in Distinct(rest.Concat(schema.Arrays.Where(a => !placed.Contains(a.Property)).Select(a => new SchemaError("", "", false, a.Property))).ToList()))
        {
            violations.AddRange(error.RecordsOf is { } property
                ? byRecord.Where(r => r.Property == property).SelectMany(r => r.Errors)
                : [(error.Path, error.Message)]);
        }

        return violations;
    }

    // The records of one array of the document, each with its JSON Pointer.
    private static IEnumerable<(RecordArray Array, JsonElement Record, string Pointer)> RecordsOf(JsonElement document, RecordArray array)
    {
        if (document.ValueKind != JsonValueKind.Object || !document.TryGetProperty(array.Property, out var records) ||
            records.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        var index = 0;
        foreach (var record in records.EnumerateArray())
        {
            yield return (array, record, $"/{array.Property}/{index++}");
        }
    }

    // The errors of one evaluation, in the output's order: each failed keyword of each node, worded. onNode is told of
    // each node reached (by its evaluation path) after its own errors and before its children's, and may add there.
    private static List<SchemaError> Collect(
        EvaluationResults root, SchemaMessages messages, string pointerPrefix, Action<string, List<SchemaError>>? onNode = null)
    {
        var errors = new List<SchemaError>();
        Visit(root);
        return errors;

        void Visit(EvaluationResults node)
        {
            if (node.IsValid)
            {
                onNode?.Invoke(node.EvaluationPath.ToString(), errors);
                return;
            }

            var pointer = pointerPrefix + node.InstanceLocation;
            foreach (var (keyword, message) in node.Errors ?? [])
            {
                var path = ToJsonPath(pointer);
                var unknownProperty = message.Contains("false schema", StringComparison.Ordinal) || keyword == "additionalProperties";
                errors.Add(new SchemaError(
                    path,
                    messages.For(unknownProperty ? "additionalProperties" : keyword, pointer, node.SchemaLocation, path) ?? message,
                    keyword == "type" && messages.OnlyNull(node.SchemaLocation)));
            }

            onNode?.Invoke(node.EvaluationPath.ToString(), errors);
            foreach (var child in node.Details ?? [])
            {
                Visit(child);
            }
        }
    }

    // The errors once each, without the noise of a failed oneOf (an object where null is also allowed): its null
    // branch's "should be null" beside the object's own problems. Within one record or the rest of a file, which is
    // all a null branch's problems can share a path with.
    private static List<SchemaError> Distinct(List<SchemaError> errors)
    {
        var distinct = errors.Distinct().ToList();
        return [.. distinct.Where(e => !(e.NullBranch && distinct.Any(o => o != e && o.Path.StartsWith(e.Path, StringComparison.Ordinal))))];
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

    // One violation; NullBranch marks a "should be null" from the null branch of a oneOf. RecordsOf marks where the
    // records of an array go among the rest of a file's.
    private sealed record SchemaError(string Path, string Message, bool NullBranch, string? RecordsOf = null);
}
