using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using ReadoutApi.Collections;
using ReadoutApi.Snapshots;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ReadoutApi.OpenApi;

/// <summary>
/// The document as a whole: tags in reading order (the index, the records, the references, health) with their
/// descriptions, paths in the same order, no authentication on any operation (<c>security: []</c>), and the health
/// endpoints, which are mapped outside the API's route handlers.
/// </summary>
internal sealed class OpenApiDocumentShape(SnapshotStore store) : IDocumentFilter
{
    /// <summary>The tag of <c>GET /v1</c>.</summary>
    public const string IndexTag = "Index";

    /// <summary>The tag of the health endpoints.</summary>
    public const string HealthTag = "Health";

    /// <summary>The tags in the order a reader meets them.</summary>
    public static readonly string[] TagOrder =
        [IndexTag, "Readouts", "Claims", "Statements", "Timeline", "People", "Organizations", "Countries", "Places", "Sources", ChangesTag, HealthTag];

    /// <summary>The tag of the change feed.</summary>
    public const string ChangesTag = "Changes";

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        AddHealth(document);

        var descriptions = CollectionRegistry.All.ToDictionary(m => m.Docs.Tag, m => m.Docs.TagDescription, StringComparer.Ordinal);
        descriptions[IndexTag] = "The entry point: every collection with its record count and link, and the version and load time of the data served.";
        descriptions[ChangesTag] = ChangesDocs.TagDescription;
        descriptions[HealthTag] = "Liveness and readiness probes. Never rate limited, never cached; they answer any method.";
        var used = document.Paths.Values.SelectMany(Operations).SelectMany(Tags).Select(t => t.Name!).ToHashSet();
        var ordered = TagOrder.Where(used.Contains).Concat(used.Where(t => !TagOrder.Contains(t)).Order(StringComparer.Ordinal));
        // A HashSet enumerates in insertion order while nothing is removed: the document lists the tags in this order.
        document.Tags = new HashSet<OpenApiTag>(ordered.Select(name => new OpenApiTag { Name = name, Description = descriptions.GetValueOrDefault(name) }));

        var paths = document.Paths.OrderBy(p => Rank(p.Value)).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
        document.Paths.Clear();
        foreach (var (path, item) in paths)
        {
            document.Paths.Add(path, item);
        }

        OpenLinks(document);

        // A public API: no operation needs credentials (an empty list of requirements, stated for the whole document).
        document.Security = [];
    }

    // A link (an object with id and href, what FieldTree calls a link) is where expand puts the linked record: its schema
    // allows the record's fields beside its own, so an expanded response is valid by the document and a generated
    // client keeps them (Kiota's AdditionalData) instead of refusing them.
    private static void OpenLinks(OpenApiDocument document)
    {
        foreach (var schema in (document.Components?.Schemas?.Values ?? []).OfType<OpenApiSchema>())
        {
            if (schema.Properties is { } properties && properties.ContainsKey("id") && properties.ContainsKey("href"))
            {
                schema.AdditionalPropertiesAllowed = true;
                schema.AdditionalProperties = null;
                schema.Description = $"{schema.Description?.TrimEnd('.')}. Where `expand` names it, it also has the linked record's fields.";
            }
        }
    }

    private static int Rank(IOpenApiPathItem item)
    {
        var tag = Operations(item).SelectMany(Tags).Select(t => t.Name).FirstOrDefault();
        var index = tag is null ? -1 : Array.IndexOf(TagOrder, tag);
        return index < 0 ? TagOrder.Length : index;
    }

    private static IEnumerable<OpenApiOperation> Operations(IOpenApiPathItem item) =>
        item.Operations is { } operations ? operations.Values : [];

    private static IEnumerable<OpenApiTagReference> Tags(OpenApiOperation operation) => operation.Tags is { } tags ? tags : [];

    private void AddHealth(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        document.Components.Schemas["HealthReport"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "The result of a health probe.",
            Required = new HashSet<string> { "status", "checks" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["status"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "Healthy; Degraded after a failed reload (the last good data is still served).",
                    Enum = [JsonValue.Create("Healthy"), JsonValue.Create("Degraded"), JsonValue.Create("Unhealthy")],
                },
                ["checks"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "Each check by name: none for liveness, `snapshot` for readiness.",
                    AdditionalProperties = new OpenApiSchemaReference("HealthCheck", document),
                },
            },
        };
        document.Components.Schemas["HealthCheck"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "One check's result.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Healthy, Degraded or Unhealthy." },
                ["description"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "What the check found." },
                ["data"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "`dataVersion`, `loadedAt`, `counts` per collection, `rendered`, `diskVersion`, `diskDiffersSince` while the seed " +
                        "folder differs from what is served, `heldVersions`; after a failed reload, `lastReloadError`; `seedPath` with `Health:ShowDetails`.",
                    AdditionalProperties = new OpenApiSchema(),
                },
            },
        };

        document.Paths.Add("/health/live", Probe(document, "getLiveness", "Is the process answering?",
            "200 while the process answers. No check runs.", new JsonObject { ["status"] = "Healthy", ["checks"] = new JsonObject() }));
        document.Paths.Add("/health/ready", Probe(document, "getReadiness", "Is the data loaded?",
            "200 with the `snapshot` check: the data version served and on disk, the load time and the counts. `Degraded` (still 200) after a failed " +
            "reload, while the last good data is served. The server listens only once the data is loaded, so it answers 200 as soon as it answers.",
            ReadyExample(store.Current)));
    }

    private static OpenApiPathItem Probe(OpenApiDocument document, string operationId, string summary, string description, JsonObject example)
    {
        var ok = new OpenApiResponse
        {
            Description = "OK",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = new OpenApiSchemaReference("HealthReport", document), Example = example },
            },
        };
        OpenApiHeaders.Add(ok, document, ["Cache-Control", "X-Request-Id"]);
        var unavailable = new OpenApiResponse
        {
            Description = "Service Unavailable: a check failed (Unhealthy).",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = new OpenApiSchemaReference("HealthReport", document) },
            },
        };
        OpenApiHeaders.Add(unavailable, document, ["Cache-Control", "X-Request-Id"]);
        var path = operationId == "getLiveness" ? "/health/live" : "/health/ready";
        var badHost = new OpenApiResponse
        {
            Description = "Bad Request: the Host header (or a trusted proxy's X-Forwarded-Host) is not a host name or address with a valid port.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new()
                {
                    Schema = new OpenApiSchemaReference("ProblemDetails", document),
                    Example = new JsonObject
                    {
                        ["type"] = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
                        ["title"] = "Invalid Host header",
                        ["status"] = 400,
                        ["detail"] = "The Host header (or the X-Forwarded-Host of a trusted proxy) is not a host name or address with a port of 1 to 65535.",
                        ["instance"] = path,
                        ["traceId"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00",
                    },
                },
            },
        };
        OpenApiHeaders.Add(badHost, document, ["X-Request-Id"]);
        return new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    Tags = new HashSet<OpenApiTagReference> { new(HealthTag, document) },
                    Summary = summary,
                    Description = description,
                    OperationId = operationId,
                    Responses = new OpenApiResponses { ["200"] = ok, ["400"] = badHost, ["503"] = unavailable },
                },
            },
        };
    }

    private static JsonObject ReadyExample(Snapshot snapshot) => new()
    {
        ["status"] = "Healthy",
        ["checks"] = new JsonObject
        {
            ["snapshot"] = new JsonObject
            {
                ["status"] = "Healthy",
                ["description"] = "Seed data loaded.",
                ["data"] = new JsonObject
                {
                    ["dataVersion"] = snapshot.Version,
                    ["loadedAt"] = "2026-01-01T00:00:00+00:00",
                    ["counts"] = new JsonObject(snapshot.Counts().Select(c => KeyValuePair.Create(c.Name, (JsonNode?)JsonValue.Create(c.Count)))),
                    ["rendered"] = true,
                    ["diskVersion"] = snapshot.Version,
                    ["heldVersions"] = new JsonArray(),
                },
            },
        },
    };
}
