using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using ReadoutApi.Corpus;
using ReadoutApi.Seed;

namespace ReadoutApi.Tests.Seed;

/// <summary>
/// A failing file is evaluated against its schema a record at a time (one evaluation of a whole file of 100,000 records,
/// with its detailed output, took minutes and gigabytes). That must say exactly what one evaluation of the whole
/// document said: the same problems, in the same words, at the same JSONPaths, in the same order.
/// </summary>
public sealed class SchemaByRecordTests : IDisposable
{
    private readonly SeedCopy _seed = new();

    public void Dispose() => _seed.Dispose();

    public static TheoryData<string> FaultNames => [.. SeedFaultKinds.All.Where(f => !f.NeedsPermissionChecks).Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(FaultNames))]
    public void EachFaultOfTheMatrixGetsTheSameProblemsAsFromTheWholeDocument(string name)
    {
        SeedFaultKinds.Named(name).Plant(_seed.Folder);

        foreach (var file in SeedLoader.FileNames)
        {
            if (Readable(_seed.FileOf(file)) is { } bytes)
            {
                AssertSameAsWholeDocument(file, bytes);
            }
        }
    }

    public static TheoryData<string, string> Mutations => new()
    {
        { "claims.json", "several records, and the property beside them" },
        { "claims.json", "records that are no objects" },
        { "claims.json", "a nullable object that is wrong (oneOf)" },
        { "claims.json", "the array is an object" },
        { "claims.json", "the array is missing" },
        { "claims.json", "an array instead of the object" },
        { "readouts.json", "several records, and the property beside them" },
        { "places.json", "a nullable object that is wrong (oneOf)" },
        { "places.json", "several records, and the property beside them" },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public void SeveralFaultsInOneFileGetTheSameProblemsAsFromTheWholeDocument(string file, string mutation)
    {
        var document = JsonNode.Parse(File.ReadAllText(_seed.FileOf(file)))!;
        var array = Path.GetFileNameWithoutExtension(file);
        var records = document[array]!.AsArray();
        switch (mutation)
        {
            case "several records, and the property beside them":
                document["extra"] = 1;
                records[0]!["id"] = "Not A Slug";
                records[1]!.AsObject().Remove("date");
                records[1]!["unknown"] = true;
                records[^1]!["date"] = 20250510;
                break;
            case "records that are no objects":
                records[1] = 5;
                records[2] = null;
                records[3] = new JsonArray();
                break;
            case "a nullable object that is wrong (oneOf)" when file == "claims.json":
                records[0]!["onBehalfOf"] = new JsonObject { ["kind"] = "persn", ["id"] = "" };
                records[2]!["onBehalfOf"] = 5;
                break;
            case "a nullable object that is wrong (oneOf)":
                records[0]!["coordinates"] = new JsonObject { ["latitude"] = 95, ["longitude"] = "east" };
                records[1]!["coordinates"] = new JsonObject();
                break;
            case "the array is an object":
                document[array] = new JsonObject { ["0"] = records[0]!.DeepClone() };
                break;
            case "the array is missing":
                document.AsObject().Remove(array);
                break;
            case "an array instead of the object":
                document = new JsonArray(document);
                break;
            default:
                throw new ArgumentException(mutation, nameof(mutation));
        }

        Assert.NotEmpty(AssertSameAsWholeDocument(file, JsonSerializer.SerializeToUtf8Bytes(document, new JsonSerializerOptions { WriteIndented = true })));
    }

    [Fact]
    public void ManyFailingRecordsGetTheSameProblemsAsFromTheWholeDocument()
    {
        var corpus = Path.Combine(Path.GetTempPath(), "readoutapi-byrecord-" + Guid.NewGuid().ToString("N"));
        try
        {
            CorpusGenerator.Write(corpus, new CorpusSize(Readouts: 10, Claims: 300, Statements: 10, People: 10, Places: 10), seed: 5);
            var text = File.ReadAllText(Path.Combine(corpus, "claims.json"));
            var broken = text.Replace("\"eventKind\":\"strike\"", "\"eventKind\":\"strik\"", StringComparison.Ordinal)
                .Replace("\"status\":\"unverified\"", "\"status\":5", StringComparison.Ordinal);
            Assert.NotEqual(text, broken);

            var problems = AssertSameAsWholeDocument("claims.json", System.Text.Encoding.UTF8.GetBytes(broken));
            Assert.True(problems.Count > 50, $"{problems.Count} problems");
        }
        finally
        {
            Directory.Delete(corpus, recursive: true);
        }
    }

    private static IReadOnlyList<(string Path, string Message)> AssertSameAsWholeDocument(string file, byte[] bytes)
    {
        using var document = JsonDocument.Parse(bytes);

        // A new hash each time: no verdict is remembered from another test.
        var byRecord = SeedSchemas.Violations(file, document.RootElement, Guid.NewGuid().ToString("N"));

        Assert.Equal(WholeDocument(file, document.RootElement), byRecord);
        return byRecord;
    }

    // A file the loader would evaluate: a regular file of valid JSON text. (As to the loader, a FIFO has no length:
    // opening it would wait for a writer.)
    private static byte[]? Readable(string path)
    {
        if (new FileInfo(path) is not { Exists: true, LinkTarget: null, Length: > 0 } info || info.Length > SeedFaultKinds.MaxFileBytes)
        {
            return null;
        }

        var bytes = File.ReadAllBytes(path);
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException)
        {
            return null;
        }

        return JsonBytes.FirstInvalidUtf8(bytes) < 0 && JsonBytes.FirstLoneSurrogate(bytes) < 0 ? bytes : null;
    }

    // The evaluation as it was: the whole document at once, its detailed output walked for every failed keyword.
    private static List<(string Path, string Message)> WholeDocument(string file, JsonElement document)
    {
        var text = SeedSchemas.Source(file);
        using var source = JsonDocument.Parse(text);
        var schema = JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        var messages = new SchemaMessages(source.RootElement, document);
        var errors = new List<(string Path, string Message, bool NullBranch)>();
        Collect(schema.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical }), messages, errors);
        var distinct = errors.Distinct().ToList();
        return
        [
            .. distinct
                .Where(e => !(e.NullBranch && distinct.Any(o => o != e && o.Path.StartsWith(e.Path, StringComparison.Ordinal))))
                .Select(e => (e.Path, e.Message)),
        ];
    }

    private static void Collect(EvaluationResults node, SchemaMessages messages, List<(string Path, string Message, bool NullBranch)> errors)
    {
        if (node.IsValid)
        {
            return;
        }

        foreach (var (keyword, message) in node.Errors ?? [])
        {
            var path = SeedSchemas.ToJsonPath(node.InstanceLocation.ToString());
            var unknownProperty = message.Contains("false schema", StringComparison.Ordinal) || keyword == "additionalProperties";
            errors.Add((
                path,
                messages.For(unknownProperty ? "additionalProperties" : keyword, node.InstanceLocation.ToString(), node.SchemaLocation, path) ?? message,
                keyword == "type" && messages.OnlyNull(node.SchemaLocation)));
        }

        foreach (var child in node.Details ?? [])
        {
            Collect(child, messages, errors);
        }
    }
}
