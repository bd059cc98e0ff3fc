using ReadoutApi.Client;
using ReadoutApi.Client.V1.Claims.Item;

namespace ReadoutApi.Client.Tests;

/// <summary>
/// The sample of src/ReadoutApi.Client/README.md and of the repository's README, run against the app: it compiles
/// and prints what it says it does.
/// </summary>
public class ReadmeSampleTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task TheReadmeSampleFiltersWalksAndGets()
    {
        var output = new StringWriter();

        await ReadmeSample(factory.CreateReadoutClient(), output);

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + 9 + 2, lines.Length);
        Assert.StartsWith("2025-05-10 2025-05-10-rubio-dar: ", lines[0], StringComparison.Ordinal);
        var claims = lines[1..^2];
        Assert.All(claims, line => Assert.EndsWith(" (unverified)", line, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(claims.Length, claims.Distinct().Count());
        Assert.Equal("ahmed-sharif-chaudhry: \"successfully intercepted cruise missiles fired at Rafiqui Air Force Base in Shorkot\"", lines[^2]);
        Assert.Equal("said by Ahmed Sharif Chaudhry", lines[^1]);
    }

    [Theory]
    [InlineData("src/ReadoutApi.Client/README.md")]
    [InlineData("README.md")]
    public void TheReadmesShowThisTestsCode(string readmePath)
    {
        var root = Path.GetDirectoryName(TestPaths.RepoSeed)!;
        var readme = File.ReadAllText(Path.Combine(root, readmePath));
        var test = File.ReadAllText(Path.Combine(root, "tests", "ReadoutApi.Client.Tests", "ReadmeSampleTests.cs"));

        var sample = Between(readme, "var client = new ReadoutClient(adapter);", "```");
        var tested = Between(test, "TextWriter Console)\n#pragma warning restore IDE1006\n    {", "\n    }\n");

        Assert.Equal(Lines(tested), Lines(sample));
        Assert.Contains("GetAllAsync", sample, StringComparison.Ordinal);
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"'{start}' not found");
        from += start.Length;
        var to = text.IndexOf(end, from, StringComparison.Ordinal);
        Assert.True(to >= 0, $"'{end}' not found after '{start}'");
        return text[from..to];
    }

    private static string[] Lines(string code) =>
        [.. code.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];

    // The README's code after `var client = ...;`, line for line (the test above compares them). The parameter is named Console so that the lines
    // stay the same: here they write to the test's writer.
#pragma warning disable IDE1006
    private static async Task ReadmeSample(ReadoutClient client, TextWriter Console)
#pragma warning restore IDE1006
    {
        // Readouts of calls with Ishaq Dar (by id, name or alias)
        var page = await client.V1.Readouts.GetAsync(r => r.QueryParameters.Participant = ["ishaq-dar"]);
        foreach (var readout in page?.Data ?? [])
        {
            Console.WriteLine($"{readout.Date} {readout.Id}: {readout.Title}");
        }

        // Every claim, 4 a request, following the links.next cursors to the end
        await foreach (var claim in client.V1.Claims.GetAllAsync(q => q.Limit = 4))
        {
            Console.WriteLine($"{claim.Id} ({claim.Verification?.Status})");
        }

        // One claim by id, its claimant expanded into the person's record (fields beyond the link's are in AdditionalData)
        var rafiqui = await client.V1.Claims["2025-05-10-cruise-missiles-intercepted-at-rafiqui"]
            .GetAsync(r => r.QueryParameters.Expand = [GetExpandQueryParameterType.Claimant]);
        Console.WriteLine($"{rafiqui?.Claimant?.Id}: \"{rafiqui?.Quote}\"");
        Console.WriteLine($"said by {rafiqui?.Claimant?.AdditionalData["name"]}");
    }
}
