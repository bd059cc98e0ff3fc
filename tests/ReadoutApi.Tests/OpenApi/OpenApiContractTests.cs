using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReadoutApi.Tests.OpenApi;

/// <summary>
/// The served OpenAPI document is the committed one (src/ReadoutApi/openapi/v1.json), so a contract change is
/// deliberate and visible in review. To accept a change: UPDATE_OPENAPI=1 dotnet test, then review the diff.
/// </summary>
public class OpenApiContractTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task ServedDocumentMatchesTheCommittedContract()
    {
        var served = (await factory.CreateClient().GetJson("/swagger/v1/swagger.json")).ToJsonString(Indented) + "\n";
        var committedPath = Path.Combine(Path.GetDirectoryName(TestPaths.RepoSeed)!, "src", "ReadoutApi", "openapi", "v1.json");

        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(committedPath, served);
        }

        var committed = JsonNode.Parse(await File.ReadAllTextAsync(committedPath))!.ToJsonString(Indented) + "\n";
        Assert.True(
            committed == served,
            "The served OpenAPI document differs from src/ReadoutApi/openapi/v1.json. If the change is intended, " +
            "run UPDATE_OPENAPI=1 dotnet test and commit the file. First difference near: " + FirstDifference(committed, served));
    }

    private static string FirstDifference(string a, string b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return b.Substring(Math.Max(0, i - 80), Math.Min(160, b.Length - Math.Max(0, i - 80)));
    }
}
