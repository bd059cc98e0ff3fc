using System.Text.Json;
using ReadoutApi.Client;

namespace ReadoutApi.Client.Tests;

/// <summary>
/// Every collection walked through the generated client, two records a page, following the cursors of
/// <c>links.next</c> to the end: the records are those of the collection's NDJSON export, in the same order, each once.
/// </summary>
public class CursorWalkTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const int PageSize = 2;

    public static TheoryData<string> Collections =>
        ["readouts", "claims", "statements", "people", "organizations", "countries", "places", "sources", "timeline"];

    [Theory]
    [MemberData(nameof(Collections))]
    public async Task WalkingACollectionYieldsWhatItsNdjsonExportHolds(string collection)
    {
        var requests = new CountingHandler();
        var client = factory.CreateReadoutClient(requests);

        var walked = await WalkKeys(client, collection).ToListAsync();
        var exported = await ExportKeys($"/v1/{collection}?format=ndjson");

        Assert.True(exported.Count > PageSize, $"{collection}: the seed has too few records ({exported.Count}) to need a cursor");
        Assert.Equal(exported, walked);
        Assert.Equal(walked.Count, walked.Distinct().Count());
        // One request a page, and links.next is null on the last one.
        Assert.Equal((exported.Count + PageSize - 1) / PageSize, requests.Requests);
    }

    [Fact]
    public async Task AFilteredWalkKeepsItsFilterOnEveryPage()
    {
        var client = factory.CreateReadoutClient();

        var walked = await client.V1.Claims
            .GetAllAsync(q => { q.Place = ["Shorkot Air Base"]; q.Limit = 1; })
            .Select(claim => claim.Id!)
            .ToListAsync();

        var exported = await ExportKeys("/v1/claims?place=Shorkot%20Air%20Base&format=ndjson");
        Assert.True(exported.Count >= 2, "the seed has fewer than two claims at PAF Base Rafiqui");
        Assert.Equal(exported, walked);
    }

    private static IAsyncEnumerable<string> WalkKeys(ReadoutClient client, string collection) => collection switch
    {
        "readouts" => client.V1.Readouts.GetAllAsync(q => q.Limit = PageSize).Select(r => r.Id!),
        "claims" => client.V1.Claims.GetAllAsync(q => q.Limit = PageSize).Select(r => r.Id!),
        "statements" => client.V1.Statements.GetAllAsync(q => q.Limit = PageSize).Select(r => r.Id!),
        "people" => client.V1.People.GetAllAsync(q => q.Limit = PageSize).Select(r => r.Id!),
        "organizations" => client.V1.Organizations.GetAllAsync(q => q.Limit = PageSize).Select(r => r.Id!),
        "countries" => client.V1.Countries.GetAllAsync(q => q.Limit = PageSize).Select(r => r.Id!),
        "places" => client.V1.Places.GetAllAsync(q => q.Limit = PageSize).Select(r => r.Id!),
        "sources" => client.V1.Sources.GetAllAsync(q => q.Limit = PageSize).Select(r => r.Id!),
        "timeline" => client.V1.Timeline.GetAllAsync(q => q.Limit = PageSize).Select(r => $"{r.Type}".ToUpperInvariant() + "/" + r.Id),
        _ => throw new ArgumentOutOfRangeException(nameof(collection), collection, null),
    };

    /// <summary>The ids of an NDJSON export (TYPE/id for the timeline, where ids are unique per type only; the type in capitals, whether the client reads it as a string or an enum).</summary>
    private async Task<List<string>> ExportKeys(string url)
    {
        using var response = await factory.CreateClient().GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url} -> {(int)response.StatusCode}: {body}");
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);

        return [.. body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            using var record = JsonDocument.Parse(line);
            var id = record.RootElement.GetProperty("id").GetString()!;
            return url.StartsWith("/v1/timeline", StringComparison.Ordinal) ? record.RootElement.GetProperty("type").GetString()!.ToUpperInvariant() + "/" + id : id;
        })];
    }
}
