using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReadoutApi.Tests.Support;

public static class JsonHelpers
{
    public static async Task<JsonNode> GetJson(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url} -> {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    public static async Task<JsonObject> GetProblem(this HttpClient client, string url, int expectedStatus)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(expectedStatus, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(expectedStatus, (int)problem["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)problem["title"]));
        Assert.False(string.IsNullOrEmpty((string?)problem["traceId"]));
        return problem;
    }

    public static string[] Ids(this JsonNode page) =>
        page["data"]!.AsArray().Select(item => (string)item!["id"]!).ToArray();

    public static IEnumerable<string> AllStrings(this JsonNode? node, string property) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == property && p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? [(string)v!]
            : p.Value.AllStrings(property)),
        JsonArray a => a.SelectMany(item => item.AllStrings(property)),
        _ => [],
    };
}
