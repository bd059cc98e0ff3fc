using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ReadoutApi.Tests.OpenApi;

/// <summary>
/// The OpenAPI document against the running app: what it says is accepted is accepted, what it says is refused is
/// refused, the headers and examples it shows are the ones the API sends, and Swagger UI has nothing to pre-fill.
/// </summary>
public class OpenApiDocumentTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly string[] Methods = ["get"];

    private async Task<JsonObject> Document() => (JsonObject)await factory.CreateClient().GetJson("/swagger/v1/swagger.json");

    private static IEnumerable<(string Path, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(p => Methods.Where(m => p.Value![m] is not null).Select(m => (p.Key, p.Value![m]!.AsObject())));

    private static IEnumerable<(string Path, JsonObject Operation)> ApiOperations(JsonObject document) =>
        Operations(document).Where(o => o.Path.StartsWith("/v1", StringComparison.Ordinal));

    private static string Concrete(string path) => path.Replace("{id}", "no-such-id", StringComparison.Ordinal);

    private static string? ExampleId(JsonObject operation) =>
        operation["parameters"]?.AsArray().FirstOrDefault(p => (string?)p!["name"] == "id")?["example"]?.GetValue<string>();

    [Fact]
    public async Task TagsAreInReadingOrderWithDescriptionsAndTheApiIsPublicAndLicensed()
    {
        var document = await Document();
        Assert.Equal(
            ["Index", "Readouts", "Claims", "Statements", "Timeline", "People", "Organizations", "Countries", "Places", "Sources", "Changes", "Health"],
            document["tags"]!.AsArray().Select(t => (string)t!["name"]!));
        Assert.All(document["tags"]!.AsArray(), t => Assert.False(string.IsNullOrWhiteSpace((string?)t!["description"])));
        Assert.Empty(document["security"]!.AsArray());
        Assert.False(string.IsNullOrWhiteSpace((string?)document["info"]!["license"]!["name"]));
        Assert.NotNull(document["paths"]!["/health/live"]!["get"]);
        Assert.NotNull(document["paths"]!["/health/ready"]!["get"]);
    }

    [Fact]
    public async Task EverySchemaAndPropertyIsDescribedAndNoSchemaIsNamedDto()
    {
        var schemas = (await Document())["components"]!["schemas"]!.AsObject();
        Assert.DoesNotContain(schemas, s => s.Key.Contains("Dto", StringComparison.Ordinal));
        var undescribed = schemas
            .SelectMany(s => (s.Value!["properties"]?.AsObject() ?? []).Where(p => string.IsNullOrWhiteSpace((string?)p.Value!["description"])).Select(p => $"{s.Key}.{p.Key}"))
            .ToList();
        Assert.Empty(undescribed);
        Assert.NotNull(schemas["ProblemDetails"]!["properties"]!["traceId"]);
        Assert.NotNull(schemas["HttpValidationProblemDetails"]!["properties"]!["traceId"]);
        Assert.Contains("spoke for", (string)schemas["Claim"]!["properties"]!["onBehalfOf"]!["description"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoQueryParameterHasAnythingForSwaggerUiToFillIn()
    {
        foreach (var (path, operation) in ApiOperations(await Document()))
        {
            foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
            {
                if ((string?)parameter!["in"] != "query")
                {
                    continue;
                }

                var where = $"{path} {parameter["name"]}";
                Assert.True(parameter["example"] is null && parameter["examples"] is null, $"{where} has an example");
                Assert.True(parameter["schema"]!["default"] is null && parameter["schema"]!["example"] is null, $"{where} has a default");
            }
        }
    }

    [Fact]
    public async Task EveryDocumentedHeaderIsSentOnTheResponsesThatDocumentIt()
    {
        var document = await Document();
        var client = factory.CreateClient();
        foreach (var (path, operation) in ApiOperations(document))
        {
            var id = ExampleId(operation);
            var url = id is null ? path : path.Replace("{id}", id, StringComparison.Ordinal);
            var requests = new List<(string Status, HttpRequestMessage Request)>
            {
                ("200", new HttpRequestMessage(HttpMethod.Get, url)),
                ("400", new HttpRequestMessage(HttpMethod.Get, url + "?nosuchparameter=1")),
                ("405", new HttpRequestMessage(HttpMethod.Delete, url)),
                ("406", new HttpRequestMessage(HttpMethod.Get, url) { Headers = { { "Accept", "image/png" } } }),
            };
            if (id is not null)
            {
                requests.Add(("404", new HttpRequestMessage(HttpMethod.Get, Concrete(path))));
            }

            if (operation["responses"]!["304"] is not null)
            {
                using var first = await client.GetAsync(url);
                var notModified = new HttpRequestMessage(HttpMethod.Get, url);
                notModified.Headers.TryAddWithoutValidation("If-None-Match", first.Headers.ETag!.ToString());
                requests.Add(("304", notModified));
            }

            foreach (var (status, request) in requests)
            {
                using var response = await client.SendAsync(request);
                Assert.Equal(status, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
                var documented = operation["responses"]![status]!["headers"]!.AsObject().Select(h => h.Key)
                    .Where(h => h is not "Link" and not "Content-Disposition");
                foreach (var header in documented)
                {
                    Assert.True(
                        response.Headers.NonValidated.Contains(header) || response.Content.Headers.NonValidated.Contains(header),
                        $"{request.Method} {request.RequestUri} ({status}) lacks the documented {header}");
                }
            }
        }
    }

    [Fact]
    public async Task NotAcceptableAndBadRequestExamplesAreWhatEachOperationAnswers()
    {
        var client = factory.CreateClient();
        foreach (var (path, operation) in ApiOperations(await Document()))
        {
            var example406 = operation["responses"]!["406"]!["content"]!["application/problem+json"]!["example"]!;
            var request = new HttpRequestMessage(HttpMethod.Get, Concrete(path)) { Headers = { { "Accept", "image/png" } } };
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal((string?)problem["detail"], (string?)example406["detail"]);
            Assert.Equal(Concrete(path), (string?)example406["instance"]);

            var example400 = operation["responses"]!["400"]!["content"]!["application/problem+json"]!["example"]!;
            var query = path == "/v1/changes" ? "?limit=0&feed=poll"
                : path.EndsWith("{id}", StringComparison.Ordinal) || path == "/v1" ? "?limit=2" : "?limit=500&participnt=x";
            var bad = await client.GetProblem(Concrete(path) + query, 400);
            Assert.Equal(bad["errors"]!.ToJsonString(), example400["errors"]!.ToJsonString());
            Assert.Equal((string?)bad["detail"], (string?)example400["detail"]);
            Assert.Equal((string?)bad["instance"], (string?)example400["instance"]);
        }
    }

    private static string AtExampleTime(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00", "2026-01-01T00:00:00+00:00");

    [Fact]
    public async Task CsvNdjsonAndAtomExamplesAreTheRealRepresentations()
    {
        var document = await Document();
        var client = factory.CreateClient();
        Assert.NotNull(document["paths"]!["/v1"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["example"]!["collections"]);
        foreach (var (path, operation) in ApiOperations(document).Where(o => o.Path is not "/v1" and not "/v1/changes"))
        {
            var id = ExampleId(operation);
            var url = id is null ? path : path.Replace("{id}", id, StringComparison.Ordinal);
            var content = operation["responses"]!["200"]!["content"]!.AsObject();
            // The document shows a fixed time where each record's meta says when this process first saw it.
            var csv = (string)content["text/csv"]!["example"]!;
            Assert.StartsWith(csv, AtExampleTime(await client.GetStringAsync(url + "?format=csv")), StringComparison.Ordinal);
            var ndjson = (string)content["application/x-ndjson"]!["example"]!;
            Assert.StartsWith(ndjson, AtExampleTime(await client.GetStringAsync(url + "?format=ndjson")), StringComparison.Ordinal);
            if (content["application/atom+xml"] is { } atom)
            {
                var feed = System.Xml.Linq.XDocument.Parse((string)atom["example"]!);
                var real = System.Xml.Linq.XDocument.Parse(await client.GetStringAsync(url + "?format=atom&limit=1"));
                System.Xml.Linq.XNamespace ns = "http://www.w3.org/2005/Atom";
                Assert.Equal(real.Root!.Elements(ns + "entry").Select(e => e.Element(ns + "id")!.Value), feed.Root!.Elements(ns + "entry").Select(e => e.Element(ns + "id")!.Value));
                Assert.Equal(real.Root.Element(ns + "id")!.Value, feed.Root.Element(ns + "id")!.Value);
            }
        }
    }

    [Fact]
    public async Task EveryValueTheParametersEnumerateIsAcceptedAndEmptyValuesAreDocumentedAsRefused()
    {
        var client = factory.CreateClient();
        foreach (var (path, operation) in ApiOperations(await Document()).Where(o => !o.Path.Contains('{', StringComparison.Ordinal)))
        {
            foreach (var parameter in (operation["parameters"]?.AsArray() ?? []).Where(p => (string?)p!["in"] == "query"))
            {
                var name = (string)parameter!["name"]!;
                var schema = parameter["schema"]!;
                var values = (schema["enum"] ?? schema["items"]?["enum"])?.AsArray().Select(v => (string)v!).ToArray() ?? [];
                foreach (var value in values)
                {
                    // Headers only: feed=eventsource is a stream that does not end.
                    using var response = await client.GetAsync($"{path}?{name}={Uri.EscapeDataString(value)}", HttpCompletionOption.ResponseHeadersRead);
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}?{name}={value} is in the document's enum but answers {(int)response.StatusCode}");
                }

                var element = schema["items"] ?? schema;
                if (values.Length == 0 && (string?)element["type"] == "string" && element["format"] is null)
                {
                    Assert.True((int?)element["minLength"] == 1, $"{path} {name}: an empty value is refused, but minLength is not 1");
                    await client.GetProblem($"{path}?{name}=", 400);
                }

                if (name == "facets")
                {
                    // A comma list: form style (the default for a query parameter), not exploded.
                    Assert.Equal("form", (string?)parameter["style"] ?? "form");
                    Assert.False((bool)parameter["explode"]!);
                    await client.GetProblem($"{path}?facets=nosuchfield", 400);
                    using var all = await client.GetAsync($"{path}?facets={string.Join(',', values)}");
                    Assert.Equal(HttpStatusCode.OK, all.StatusCode);
                }
            }
        }
    }

    [Fact]
    public async Task RealCursorsMatchTheDocumentedPatternAndOthersAreRefused()
    {
        var document = await Document();
        var cursor = document["paths"]!["/v1/claims"]!["get"]!["parameters"]!.AsArray().Single(p => (string?)p!["name"] == "cursor")!["schema"]!;
        var pattern = new Regex((string)cursor["pattern"]!);
        var client = factory.CreateClient();
        var next = (string)(await client.GetJson("/v1/claims?limit=1"))["links"]!["next"]!;
        var token = Uri.UnescapeDataString(next[(next.IndexOf("cursor=", StringComparison.Ordinal) + 7)..].Split('&')[0]);
        Assert.Matches(pattern, token);
        Assert.InRange(token.Length, (int)cursor["minLength"]!, (int)cursor["maxLength"]!);
        Assert.DoesNotMatch(pattern, token + "=");
        Assert.DoesNotMatch(pattern, "a+b/c");
    }

    [Fact]
    public async Task HealthResponsesAreTheDocumentedOnes()
    {
        var document = await Document();
        var client = factory.CreateClient();
        foreach (var path in new[] { "/health/live", "/health/ready" })
        {
            var ok = document["paths"]![path]!["get"]!["responses"]!["200"]!;
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            foreach (var header in ok["headers"]!.AsObject().Select(h => h.Key))
            {
                Assert.True(response.Headers.NonValidated.Contains(header) || response.Content.Headers.NonValidated.Contains(header), $"{path} lacks {header}");
            }

            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            var example = ok["content"]!["application/json"]!["example"]!;
            Assert.Equal((string?)example["status"], (string?)body["status"]);
            Assert.Equal(example["checks"]!.AsObject().Select(c => c.Key), body["checks"]!.AsObject().Select(c => c.Key));
        }
    }
}
