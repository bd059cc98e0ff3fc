using System.Text.Json;
using System.Text.Json.Nodes;
using ReadoutApi.Seed;

namespace ReadoutApi.Tests.Seed;

/// <summary>
/// The fields that say how records hang together and where their values come from are checked like any other:
/// a bad value is a problem with its file, JSONPath and line, and nothing of the folder is served.
/// </summary>
public sealed class SeedTracingTests : IDisposable
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly SeedCopy _seed = new();

    public void Dispose() => _seed.Dispose();

    public static TheoryData<string, string, string, string> Faults => new()
    {
        // file, "array[index].property" to set (JSON), the expected JSONPath, a part of the message
        { "organizations.json", "organizations[5].parentId=\"pakistan-armed-force\"", "$.organizations[5].parentId", "unknown organization 'pakistan-armed-force'" },
        { "organizations.json", "organizations[5].parentId=\"inter-services-public-relations\"", "$.organizations[5].parentId", "cannot be its own parent" },
        { "organizations.json", "organizations[3].parentId=\"inter-services-public-relations\"", "$.organizations[3].parentId", "parents loop: pakistan-armed-forces -> inter-services-public-relations -> pakistan-armed-forces" },
        { "claims.json", "claims[5].eventKinds=[]", "$.claims[5].eventKinds", "eventKinds has 0 items; it needs at least 1" },
        { "claims.json", "claims[5].eventKinds=[\"interception\", \"invasion\"]", "$.claims[5].eventKinds[1]", "should match one of the values specified by the enum" },
        { "claims.json", "claims[5].eventKinds=[\"interception\", \"strike\", \"interception\"]", "$.claims[5].eventKinds[2]", "'interception' is listed twice" },
        { "claims.json", "claims[5].eventKinds=[\"strike\", \"interception\"]", "$.claims[5].eventKinds[0]", "it must begin with the eventKind 'interception'" },
        { "claims.json", "claims[2].places[0].relation=\"beside\"", "$.claims[2].places[0].relation", "should match one of the values specified by the enum" },
        { "claims.json", "claims[0].inferred=[\"target\"]", "$.claims[0].inferred[0]", "enum" },
        { "claims.json", "claims[0].inferred=[\"targets\", \"targets\"]", "$.claims[0].inferred[1]", "'targets' is listed twice" },
        { "claims.json", "claims[1].inferred=[\"quote\"]", "$.claims[1].inferred[0]", "quote has no value to be inferred" },
        { "claims.json", "claims[3].provenance=[{\"field\": \"onBehalfOf\", \"sourceId\": \"wikipedia-paf-base-rafiqui\"}]", "$.claims[3].provenance[0].sourceId", "source 'wikipedia-paf-base-rafiqui' is not among the record's sourceIds" },
        { "claims.json", "claims[3].provenance=[{\"field\": \"onBehalfOf\", \"sourceId\": \"nowhere\"}]", "$.claims[3].provenance[0].sourceId", "unknown source 'nowhere'" },
        { "places.json", "places[2].provenance=[{\"field\": \"coordinates\", \"sourceId\": \"readoutapi-fact-sheet\"}]", "$.places[2].provenance[0].field", "coordinates has no value for a source to support" },
        { "places.json", "places[2].provenance=[{\"field\": \"name\", \"sourceId\": \"the-finance-360-rubio-mediation\"}, {\"field\": \"name\", \"sourceId\": \"the-finance-360-rubio-mediation\"}]", "$.places[2].provenance[1]", "'name' from 'the-finance-360-rubio-mediation' is listed twice" },
        { "places.json", "places[2].provenance=[{\"field\": \"locality\", \"sourceId\": \"Not A Slug\"}]", "$.places[2].provenance[0].sourceId", "not a match" },
        { "readouts.json", "readouts[1].points[0].wordingOf=\"2025-05-10-rubio-dar\"", "$.readouts[1].points[0].wordingOf", "names the readout itself" },
        { "readouts.json", "readouts[1].points[0].wordingOf=\"2025-05-09-rubio-munir\"", "$.readouts[1].points[0].wordingOf", "the quote is not in the wording of readout '2025-05-09-rubio-munir'" },
        { "readouts.json", "readouts[1].points[0].wordingOf=\"2025-05-10-rubio-jaishankr\"", "$.readouts[1].points[0].wordingOf", "unknown readout '2025-05-10-rubio-jaishankr'" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void ABadValueIsOneProblemAtItsPathAndLine(string file, string change, string path, string message)
    {
        Set(file, change);

        var result = SeedLoader.Load(_seed.Folder);

        Assert.Null(result.Data);
        var problem = Assert.Single(result.Problems);
        Assert.EndsWith(file, problem.File, StringComparison.Ordinal);
        Assert.Equal(path, problem.JsonPath);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.NotNull(problem.Line);
    }

    // Sets "array[i].a.b=json" in a file, rewritten indented so that every value has its own line.
    private void Set(string file, string change)
    {
        var (target, json) = (change[..change.IndexOf('=', StringComparison.Ordinal)], change[(change.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        _seed.Edit(file, text =>
        {
            var document = JsonNode.Parse(text)!;
            var steps = target.Replace("[", ".[", StringComparison.Ordinal).Split('.');
            JsonNode node = document;
            foreach (var step in steps[..^1])
            {
                node = step.StartsWith('[') ? node[int.Parse(step[1..^1], System.Globalization.CultureInfo.InvariantCulture)]! : node[step]!;
            }

            node[steps[^1]] = JsonNode.Parse(json);
            return document.ToJsonString(Indented);
        });
    }
}
