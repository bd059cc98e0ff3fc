using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using ReadoutApi.Corpus;
using ReadoutApi.Seed;

namespace ReadoutApi.Tests.Seed;

/// <summary>
/// The loader accepts a folder on its typed records and cross-file checks alone, without evaluating the JSON Schemas
/// (at 100,000 records that evaluation would be most of the start-up time). That is sound only if those checks refuse
/// everything the schemas refuse. This derives a violation from every constraint of every schema, at a value the
/// data has, confirms with JsonSchema.Net that it breaks the schema, and checks that the loader refuses it.
/// A constraint the walk cannot break, or a keyword it does not know, fails the test: a new rule in a schema needs a
/// matching check in the loader, and a matching case here.
/// </summary>
public sealed class SchemaCoverageTests : IDisposable
{
    // Keywords that constrain nothing, or whose constraints the walk covers through the keywords around them.
    // (In draft 2020-12 "format" is an annotation unless a validator opts in to asserting it; the loader's
    // evaluation does not, and checks URLs itself.)
    private static readonly HashSet<string> Annotations = ["$schema", "$id", "$defs", "title", "description", "properties", "items", "$ref", "format"];

    private readonly SeedCopy _seed = new();
    private readonly string _corpus = Path.Combine(Path.GetTempPath(), "readoutapi-coverage-" + Guid.NewGuid().ToString("N"));

    public SchemaCoverageTests() =>
        CorpusGenerator.Write(_corpus, new CorpusSize(Readouts: 40, Claims: 40, Statements: 10, People: 10, Places: 10), seed: 3);

    public void Dispose()
    {
        _seed.Dispose();
        Directory.Delete(_corpus, recursive: true);
    }

    public static TheoryData<string> Files => [.. SeedLoader.FileNames];

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryConstraintOfTheSchemaIsEnforcedByTheLoader(string file)
    {
        var schemaText = File.ReadAllText(Path.Combine(TestPaths.RepoSeed, "schemas", Path.GetFileNameWithoutExtension(file) + ".schema.json"));
        var schemaNode = JsonNode.Parse(schemaText)!.AsObject();
        var schema = JsonSchema.FromText(schemaText, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        var original = File.ReadAllText(_seed.FileOf(file));

        // Break each constraint once, at the first value (of the seed, else of a generated corpus) that has it.
        var mutations = new Dictionary<string, Mutation>(StringComparer.Ordinal);
        var uncovered = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var source in new[] { _seed.FileOf(file), Path.Combine(_corpus, file) })
        {
            var document = JsonNode.Parse(File.ReadAllText(source))!;
            new Walker(schemaNode, mutations, uncovered).Walk(schemaNode, "#", document, []);
        }

        uncovered.ExceptWith(mutations.Keys);
        Assert.True(uncovered.Count == 0, $"constraints of {file} that no value of the data lets this test break: {string.Join(", ", uncovered)}");
        Assert.NotEmpty(mutations);

        var accepted = new List<string>();
        foreach (var (constraint, mutation) in mutations)
        {
            var document = mutation.Apply(JsonNode.Parse(original)!);
            if (document is null)
            {
                // The value came from the corpus, not the seed: put the corpus files in place instead.
                document = mutation.Apply(JsonNode.Parse(File.ReadAllText(Path.Combine(_corpus, file)))!);
                Assert.True(document is not null, $"{constraint}: the mutation applies to neither the seed nor the corpus");
                CopyCorpusExcept(file);
            }
            else
            {
                CopySeedExcept(file);
            }

            var evaluation = schema.Evaluate(System.Text.Json.JsonDocument.Parse(document.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Flag });
            Assert.False(evaluation.IsValid, $"{constraint}: the mutation ({mutation.Description}) does not break the schema; the test is wrong");

            File.WriteAllText(_seed.FileOf(file), document.ToJsonString());
            var result = SeedLoader.Load(_seed.Folder);
            if (result.Data is not null)
            {
                accepted.Add($"{constraint} ({mutation.Description})");
            }
        }

        Assert.True(accepted.Count == 0, $"the loader accepts data its schema refuses, in {file}: {string.Join("; ", accepted)}");
    }

    private void CopySeedExcept(string file) => CopyFolder(TestPaths.RepoSeed, file);

    private void CopyCorpusExcept(string file) => CopyFolder(_corpus, file);

    private void CopyFolder(string from, string except)
    {
        foreach (var name in SeedLoader.FileNames.Where(n => n != except))
        {
            File.Copy(Path.Combine(from, name), _seed.FileOf(name), overwrite: true);
        }
    }

    /// <summary>A change to one value of a document: the changed document, or null when it has no value there.</summary>
    private sealed record Mutation(string Description, Func<JsonNode, JsonNode?> Apply);

    private sealed class Walker(JsonObject root, Dictionary<string, Mutation> mutations, SortedSet<string> constraints)
    {
        public void Walk(JsonObject schema, string schemaPath, JsonNode? value, IReadOnlyList<object> at)
        {
            // A referenced schema is walked as part of each place that refers to it: each use is its own constraint.
            if (schema["$ref"] is JsonValue reference)
            {
                Walk(Resolve((string)reference!), $"{schemaPath}/$ref", value, at);
            }

            foreach (var (keyword, argument) in schema)
            {
                var constraint = $"{schemaPath}/{keyword}";
                if (Annotations.Contains(keyword))
                {
                    continue;
                }

                constraints.Add(constraint);
                if (mutations.ContainsKey(constraint) && keyword != "oneOf")
                {
                    continue;
                }

                switch (keyword)
                {
                    case "type":
                        Add(constraint, at, $"a {Disallowed(argument)} instead", _ => Sample(Disallowed(argument)));
                        break;
                    case "enum":
                        Add(constraint, at, "a value not in the list", _ => JsonValue.Create("not-a-listed-value"));
                        break;
                    case "pattern" when value is JsonValue or null:
                        var regex = new Regex((string)argument!);
                        var bad = new[] { "Not A Valid Value!", "x", "" }.First(c => !regex.IsMatch(c));
                        Add(constraint, at, $"'{bad}'", _ => JsonValue.Create(bad));
                        break;
                    case "minLength" when value is JsonValue or null:
                        var length = (int)argument! - 1;
                        Add(constraint, at, $"{length} characters", _ => JsonValue.Create(new string('a', length)));
                        break;
                    case "minItems" when value is JsonArray:
                        var count = (int)argument! - 1;
                        Add(constraint, at, $"{count} items", v => new JsonArray([.. v!.AsArray().Take(count).Select(i => i?.DeepClone())]));
                        break;
                    case "minimum" when value is JsonValue:
                        Add(constraint, at, "below the minimum", _ => JsonValue.Create((double)argument! - 1));
                        break;
                    case "maximum" when value is JsonValue:
                        Add(constraint, at, "above the maximum", _ => JsonValue.Create((double)argument! + 1));
                        break;
                    case "required" when value is JsonObject:
                        foreach (var name in argument!.AsArray().Select(n => (string)n!))
                        {
                            constraints.Add($"{constraint}/{name}");
                            if (!mutations.ContainsKey($"{constraint}/{name}"))
                            {
                                Add($"{constraint}/{name}", at, $"without '{name}'", v => Without(v!.AsObject(), name));
                            }
                        }

                        constraints.Remove(constraint);
                        break;
                    case "additionalProperties" when value is JsonObject && argument is JsonValue a && !(bool)a!:
                        Add(constraint, at, "with an unknown property", v => With(v!.AsObject(), "unexpectedField", "x"));
                        break;
                    case "oneOf":
                        // Walk the branch the value takes; the other branch is reached by the type mutation of the first.
                        constraints.Remove(constraint);
                        foreach (var (branch, i) in argument!.AsArray().Select((b, i) => (b!.AsObject(), i)))
                        {
                            var branchType = branch["type"] is JsonValue t ? (string)t! : null;
                            if ((value is null && branchType == "null") || (value is JsonObject && branchType == "object"))
                            {
                                Walk(branch, $"{constraint}/{i}", value, at);
                            }
                            else
                            {
                                // Keep the branch's constraints in the list, so a branch never taken is reported.
                                Mark(branch, $"{constraint}/{i}");
                            }
                        }

                        break;
                    case "pattern" or "minLength" or "minItems" or "minimum" or "maximum" or "required" or "additionalProperties":
                        break;
                    default:
                        Assert.Fail($"{constraint}: this test does not know the keyword '{keyword}'; teach it a violation");
                        break;
                }
            }

            if (schema["properties"] is JsonObject properties && value is JsonObject instance)
            {
                foreach (var (name, property) in properties)
                {
                    if (instance.TryGetPropertyValue(name, out var child))
                    {
                        Walk(property!.AsObject(), $"{schemaPath}/properties/{name}", child, [.. at, name]);
                    }
                    else
                    {
                        Mark(property!.AsObject(), $"{schemaPath}/properties/{name}");
                    }
                }
            }

            if (schema["items"] is JsonObject items && value is JsonArray array)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(items, $"{schemaPath}/items", array[i], [.. at, i]);
                }

                if (array.Count == 0)
                {
                    Mark(items, $"{schemaPath}/items");
                }
            }
        }

        // Lists a subschema's constraints without breaking any (no value of the data reaches them yet).
        private void Mark(JsonObject schema, string schemaPath)
        {
            foreach (var (keyword, argument) in schema)
            {
                if (!Annotations.Contains(keyword) && keyword != "required")
                {
                    constraints.Add($"{schemaPath}/{keyword}");
                }
                else if (keyword == "required")
                {
                    foreach (var name in argument!.AsArray())
                    {
                        constraints.Add($"{schemaPath}/required/{(string)name!}");
                    }
                }
            }
        }

        private JsonObject Resolve(string reference) =>
            reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate<string, JsonNode>(root, (node, key) => node[key]!).AsObject();

        private void Add(string constraint, IReadOnlyList<object> at, string description, Func<JsonNode?, JsonNode?> replace)
        {
            var path = string.Concat(at.Select(p => p is int i ? $"[{i}]" : $".{p}"));
            mutations[constraint] = new Mutation($"$ {path}: {description}", document => Replace(document, at, replace));
        }

        private static JsonNode? Replace(JsonNode document, IReadOnlyList<object> at, Func<JsonNode?, JsonNode?> replace)
        {
            if (at.Count == 0)
            {
                return replace(document);
            }

            JsonNode? parent = null;
            var node = document;
            foreach (var step in at)
            {
                parent = node;
                if (step is int i)
                {
                    if (node is not JsonArray array || i >= array.Count)
                    {
                        return null;
                    }

                    node = array[i]!;
                }
                else if (node is not JsonObject o || !o.TryGetPropertyValue((string)step, out node))
                {
                    return null;
                }
            }

            var replacement = replace(node?.DeepClone());
            switch (parent, at[^1])
            {
                case (JsonArray array, int i):
                    array[i] = replacement;
                    break;
                case (JsonObject o, string name):
                    o[name] = replacement;
                    break;
            }

            return document;
        }

        private static JsonObject Without(JsonObject value, string name)
        {
            value.Remove(name);
            return value;
        }

        private static JsonObject With(JsonObject value, string name, string content)
        {
            value[name] = content;
            return value;
        }

        private static bool Allows(JsonNode? type, string name) =>
            type is JsonArray types ? types.Any(t => (string)t! == name) : (string)type! == name || (name == "integer" && (string)type! == "number");

        private static string Disallowed(JsonNode? type) =>
            new[] { "number", "string", "object", "array", "boolean" }.First(t => !Allows(type, t) && !(t == "number" && Allows(type, "integer")));

        private static JsonNode? Sample(string type) => type switch
        {
            "number" => JsonValue.Create(42),
            "string" => JsonValue.Create("x"),
            "object" => new JsonObject(),
            "array" => new JsonArray(),
            _ => JsonValue.Create(true),
        };
    }
}
