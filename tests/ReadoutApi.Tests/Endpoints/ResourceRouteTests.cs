using System.Net;
using System.Text.Json.Nodes;

namespace ReadoutApi.Tests.Endpoints;

public class ResourceRouteTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient(new() { AllowAutoRedirect = false });

    public static TheoryData<string, string, int> Collections => new()
    {
        { "readouts", "2025-05-10-rubio-jaishankar", 3 },
        { "claims", "2025-05-10-india-hit-three-air-bases-all-intercepted", 9 },
        { "statements", "2025-05-10-dar-iota-of-sanity", 3 },
        { "people", "ishaq-dar", 5 },
        { "organizations", "inter-services-public-relations", 7 },
        { "countries", "PK", 3 },
        { "places", "rafiqui-air-base", 5 },
        { "sources", "the-finance-360-rubio-mediation", 12 },
    };

    [Theory]
    [MemberData(nameof(Collections))]
    public async Task EveryCollectionListsItsRecordsInTheEnvelope(string collection, string exampleId, int count)
    {
        var page = await _client.GetJson($"/v1/{collection}?limit=100");

        Assert.Equal(count, (int)page["meta"]!["total"]!);
        Assert.Equal(100, (int)page["meta"]!["limit"]!);
        Assert.Equal($"/v1/{collection}?limit=100", (string)page["links"]!["self"]!);
        Assert.Contains(exampleId, page.Ids());
        foreach (var item in page["data"]!.AsArray())
        {
            Assert.False(string.IsNullOrEmpty((string?)item!["type"]));
            Assert.Equal($"/v1/{collection}/{item["id"]}", (string)item["links"]!["self"]!);
        }
    }

    [Theory]
    [MemberData(nameof(Collections))]
    public async Task EveryRecordIsServedAtItsOwnUrl(string collection, string exampleId, int count)
    {
        var page = await _client.GetJson($"/v1/{collection}?limit=100");
        Assert.Equal(count, page.Ids().Length);

        foreach (var id in page.Ids())
        {
            var record = await _client.GetJson($"/v1/{collection}/{id}");
            Assert.Equal(id, (string)record["id"]!);
        }

        Assert.Equal(exampleId, (string)(await _client.GetJson($"/v1/{collection}/{exampleId}"))["id"]!);
    }

    [Fact]
    public async Task DefaultPageHoldsTwentyRecordsAndLinksToTheNext()
    {
        var page = await _client.GetJson("/v1/sources?limit=10");

        Assert.Equal(10, page.Ids().Length);
        Assert.Equal(12, (int)page["meta"]!["total"]!);
        Assert.NotNull((string?)page["links"]!["next"]);
        Assert.Equal(20, (int)(await _client.GetJson("/v1/sources"))["meta"]!["limit"]!);
    }

    [Fact]
    public async Task TimelineMergesReadoutsClaimsAndStatements()
    {
        var page = await _client.GetJson("/v1/timeline?limit=100");

        Assert.Equal(3 + 9 + 3, (int)page["meta"]!["total"]!);
        var items = page["data"]!.AsArray();
        Assert.Equal(["claim", "readout", "statement"], items.Select(i => (string)i!["type"]!).Distinct().Order().ToArray());
        foreach (var item in items)
        {
            var self = (string)item!["links"]!["self"]!;
            Assert.Equal((string)item["id"]!, (string)(await _client.GetJson(self))["id"]!);
            Assert.False(string.IsNullOrWhiteSpace((string?)item["summary"]));
        }
    }

    [Fact]
    public async Task UnknownReadoutIdReturnsProblemDetailsNamingTheId()
    {
        var problem = await _client.GetProblem("/v1/readouts/2025-05-10-rubio-nobody", 404);

        Assert.Contains("2025-05-10-rubio-nobody", (string)problem["detail"]!);
        Assert.Equal("/v1/readouts/2025-05-10-rubio-nobody", (string)problem["instance"]!);
    }

    [Theory]
    [InlineData("/v1/people/nobody", "nobody")]
    [InlineData("/v1/countries/XX", "XX")]
    [InlineData("/v1/places/karachi", "karachi")]
    public async Task UnknownIdsOfEveryKindAreProblemDetails(string url, string id)
    {
        var problem = await _client.GetProblem(url, 404);
        Assert.Contains(id, (string)problem["detail"]!);
    }

    [Fact]
    public async Task CountryCodesAreCaseInsensitiveAndUppercaseInOutput()
    {
        var country = await _client.GetJson("/v1/countries/pk");
        Assert.Equal("PK", (string)country["code"]!);
        Assert.Equal("Pakistan", (string)country["name"]!);
    }

    [Fact]
    public async Task UnknownRouteIsProblemDetails() =>
        await _client.GetProblem("/v1/nothing-here", 404);

    [Fact]
    public async Task IndexLinksEveryCollectionWithCountsAndDataVersion()
    {
        var index = await _client.GetJson("/v1");

        Assert.Matches("^[0-9a-f]{16}$", (string)index["dataVersion"]!);
        Assert.True(DateTimeOffset.TryParse((string)index["loadedAt"]!, out _));
        var collections = index["collections"]!.AsArray().ToDictionary(c => (string)c!["name"]!, c => c!);
        Assert.Equal(["claims", "countries", "organizations", "people", "places", "readouts", "sources", "statements", "timeline"], collections.Keys.Order());
        Assert.Equal(3, (int)collections["readouts"]["count"]!);
        foreach (var (name, collection) in collections)
        {
            Assert.Equal($"/v1/{name}", (string)collection["href"]!);
        }
    }

    [Fact]
    public async Task RootRedirectsToSwaggerUi()
    {
        using var response = await _client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/swagger", response.Headers.Location?.OriginalString);

        using var ui = await _client.GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
    }

    [Fact]
    public async Task SwaggerDocumentListsEveryRouteWithSummaryAndOperationId()
    {
        var document = await _client.GetJson("/swagger/v1/swagger.json");
        var paths = document["paths"]!.AsObject();

        string[] expected =
        [
            "/v1", "/v1/readouts", "/v1/readouts/{id}", "/v1/claims", "/v1/claims/{id}", "/v1/statements", "/v1/statements/{id}",
            "/v1/people", "/v1/people/{id}", "/v1/organizations", "/v1/organizations/{id}", "/v1/countries", "/v1/countries/{id}",
            "/v1/places", "/v1/places/{id}", "/v1/sources", "/v1/sources/{id}", "/v1/timeline", "/v1/changes", "/health/live", "/health/ready",
        ];
        Assert.Equal(expected.Order(), paths.Select(p => p.Key).Order());
        foreach (var (path, item) in paths)
        {
            var get = item!["get"];
            Assert.True(get is not null, $"{path} has no GET");
            Assert.False(string.IsNullOrWhiteSpace((string?)get["summary"]), $"{path} has no summary");
            Assert.False(string.IsNullOrWhiteSpace((string?)get["description"]), $"{path} has no description");
            Assert.False(string.IsNullOrWhiteSpace((string?)get["operationId"]), $"{path} has no operationId");
        }

        var claimParameters = paths["/v1/claims"]!["get"]!["parameters"]!.AsArray().Select(p => (string)p!["name"]!);
        Assert.Superset(new HashSet<string> { "limit", "cursor", "sort", "q", "from", "to", "claimant", "country", "place", "status", "eventKind", "allegedActor", "facets" }, claimParameters.ToHashSet());
    }

    [Fact]
    public async Task EveryParameterExampleIsAcceptedAndFindsSeedRecords()
    {
        // A path parameter's example fills "Try it out"; a query parameter's is in its description ("Example: `x`."),
        // so Swagger UI shows it without filling it in. Each, alone, is accepted and still finds something.
        var document = await _client.GetJson("/swagger/v1/swagger.json");
        var checkedExamples = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            var get = item!["get"]!;
            var url = path;
            var queries = new List<string>();
            foreach (var parameter in get["parameters"]?.AsArray() ?? [])
            {
                var name = (string)parameter!["name"]!;
                if ((string)parameter["in"]! == "path")
                {
                    var example = parameter["example"];
                    Assert.True(example is not null, $"{path} {name} has no example");
                    url = url.Replace("{" + name + "}", Uri.EscapeDataString((string)example!), StringComparison.Ordinal);
                }
                else if (System.Text.RegularExpressions.Regex.Match((string)parameter["description"]!, "Example: `([^`]+)`") is { Success: true } match)
                {
                    queries.Add($"{name}={Uri.EscapeDataString(match.Groups[1].Value)}");
                }
            }

            foreach (var query in queries.Count == 0 ? [""] : queries)
            {
                var result = await _client.GetJson(query.Length == 0 ? url : url + "?" + query);
                checkedExamples++;
                if (result["data"] is JsonArray data)
                {
                    Assert.True(data.Count > 0, $"{url}?{query} finds nothing");
                }
            }
        }

        Assert.True(checkedExamples > 60, $"only {checkedExamples} examples were found");
    }
}
