using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ReadoutApi.Tests.Support;

/// <summary>
/// A real JSON-LD processor for the tests: jsonld.js (npm <c>jsonld</c>, installed by .ci/run under .ci/tools) run by
/// node through <c>Fixtures/jsonld/expand.cjs</c>, with the schema.org context loaded from a local copy of its terms
/// (<c>Fixtures/jsonld/schemaorg-context.jsonld</c>) instead of the network. No NuGet JSON-LD processor is served here.
/// </summary>
public static class JsonLdProcessor
{
    public const string Schema = "http://schema.org/";
    public const string Hydra = "http://www.w3.org/ns/hydra/core#";

    private static readonly string Root = Path.GetDirectoryName(TestPaths.RepoSeed)!;
    private static readonly string Modules = Path.Combine(Root, ".ci", "tools", "node_modules");

    public static string ContextFile => TestPaths.Fixture(Path.Combine("jsonld", "schemaorg-context.jsonld"));

    /// <summary>Skips the test where node or jsonld.js is missing; fails instead under CI, where .ci/run installs both.</summary>
    public static void SkipUnlessAvailable()
    {
        var missing = Node() is null ? "node is not on PATH"
            : !File.Exists(Path.Combine(Modules, "jsonld", "package.json")) ? $"jsonld.js is not installed in {Modules} (cd .ci/tools && npm ci)"
            : null;
        var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        Assert.False(inCi && missing is not null, $"CI=true but {missing}: .ci/run installs it.");
        Skip.If(missing is not null, missing);
    }

    /// <summary>The document expanded (JSON-LD 1.1 expansion) against <paramref name="baseIri"/>, the address it came from.</summary>
    public static async Task<JsonArray> Expand(string document, Uri baseIri)
    {
        var start = new ProcessStartInfo(Node()!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { TestPaths.Fixture(Path.Combine("jsonld", "expand.cjs")), Modules, ContextFile, baseIri.AbsoluteUri })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(document);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"jsonld.js could not expand the document: {await error}\n{document}");
        return JsonNode.Parse(await output)!.AsArray();
    }

    /// <summary>The IRIs the local context maps its terms to (types and properties), as a processor expands them.</summary>
    public static HashSet<string> ContextIris()
    {
        var context = JsonNode.Parse(File.ReadAllText(ContextFile))!["@context"]!.AsObject();
        return context
            .Where(term => !term.Key.StartsWith('@') && term.Value is JsonObject)
            .Select(term => ((string)term.Value!["@id"]!).Replace("schema:", Schema, StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
    }

    private static string? Node() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Select(dir => Path.Combine(dir, "node"))
        .FirstOrDefault(File.Exists);
}

/// <summary>Reading expanded JSON-LD: every property is a full IRI whose value is an array.</summary>
public static class Expanded
{
    public static JsonArray All(this JsonObject node, string iri) => node[iri]?.AsArray() ?? [];

    public static JsonObject One(this JsonObject node, string iri)
    {
        var values = node.All(iri);
        Assert.True(values.Count == 1, $"expected one {iri}, got {values.Count}: {node.ToJsonString()}");
        return values[0]!.AsObject();
    }

    public static JsonObject Schema(this JsonObject node, string term) => node.One(JsonLdProcessor.Schema + term);

    public static string? Value(this JsonObject node, string term) =>
        node.All(JsonLdProcessor.Schema + term) is [JsonObject value] ? value["@value"]?.ToString() : null;

    public static string[] Types(this JsonObject node) =>
        node["@type"]?.AsArray().Select(t => (string)t!).ToArray() ?? [];

    public static string? Id(this JsonObject node) => (string?)node["@id"];

    /// <summary>Every property IRI and type IRI anywhere in the document.</summary>
    public static IEnumerable<string> Iris(this JsonNode? node) => node switch
    {
        JsonArray array => array.SelectMany(Iris),
        JsonObject o => o.SelectMany(p => p.Key switch
        {
            "@type" when p.Value is JsonArray types => types.Select(t => (string)t!),
            "@type" or "@id" or "@value" or "@language" => [],
            _ => p.Value.Iris().Prepend(p.Key),
        }),
        _ => [],
    };
}
