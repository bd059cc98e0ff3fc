using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using ReadoutApi.Contracts;
using ReadoutApi.Querying;
using ReadoutApi.Snapshots;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ReadoutApi.OpenApi;

/// <summary>
/// Response examples drawn from the seed data being served: the first record of each list, the example record,
/// and the problems the API really answers with.
/// </summary>
internal sealed class OpenApiExamples(SnapshotStore store) : IOperationFilter
{
    private const string TraceId = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var path = "/" + context.ApiDescription.RelativePath?.Split('?')[0];
        var snapshot = store.Current;
        if (metadata.OfType<ListOperation>().FirstOrDefault() is { } list)
        {
            SetJson(operation, "200", "application/json", Page(snapshot[list.Module], list.Module.Docs.ExampleId));
        }
        else if (metadata.OfType<RecordOperation>().FirstOrDefault() is { } record)
        {
            var descriptor = record.Module.Descriptor;
            SetJson(operation, "200", "application/json", Record(snapshot[record.Module], record.Module.Docs.ExampleId));
            var missing = path.Replace("{id}", "no-such-id", StringComparison.Ordinal);
            SetJson(operation, "404", "application/problem+json", Problem(404, "Not Found", $"No {descriptor.ItemType} has the id 'no-such-id'. List them at {descriptor.Path}.", missing));
        }

        var concrete = path.Replace("{id}", "no-such-id", StringComparison.Ordinal);
        SetJson(operation, "400", "application/problem+json", Validation(concrete));
        SetJson(operation, "405", "application/problem+json", Problem(405, "Method Not Allowed", "This resource is read-only: use GET or HEAD.", concrete));
        SetJson(operation, "406", "application/problem+json", Problem(406, "Not Acceptable", "None of the media types in Accept ('image/png') is available here. Available: application/json, text/csv, application/x-ndjson; or use format=json|csv|ndjson.", concrete));
        SetJson(operation, "429", "application/problem+json", Problem(429, "Too Many Requests", "This client has used its 600 requests of this window. Retry after 42 s.", concrete));
        if (operation.Responses?.TryGetValue("304", out var notModified) == true && notModified is OpenApiResponse response)
        {
            response.Description = "Not Modified: the ETag in If-None-Match (or the date in If-Modified-Since) is current. No body.";
        }
    }

    // The page shows the collection's example record (one whose optional objects are present, so the example
    // also shows their shape), else the first.
    private static JsonObject Page(Collection collection, string? id)
    {
        var position = id is not null && collection.Records.TryFind(id, out var found) ? found : 0;
        var first = collection.Count > 0 ? new[] { JsonNode.Parse(collection.Records.Json(position).Span) } : [];
        return new JsonObject
        {
            ["data"] = new JsonArray(first),
            ["meta"] = new JsonObject { ["total"] = collection.Count, ["limit"] = 1, ["sort"] = collection.Descriptor.DefaultSort },
            ["links"] = new JsonObject { ["self"] = $"{collection.Descriptor.Path}?limit=1", ["next"] = null, ["prev"] = null },
        };
    }

    private static JsonNode? Record(Collection collection, string? id) =>
        id is not null && collection.Records.TryFind(id, out var position) ? JsonNode.Parse(collection.Records.Json(position).Span) : null;

    private static JsonObject Problem(int status, string title, string detail, string instance) => new()
    {
        ["type"] = status == 429 ? "https://tools.ietf.org/html/rfc6585#section-4" : $"https://tools.ietf.org/html/rfc9110#section-15.5.{status - 399}",
        ["title"] = title,
        ["status"] = status,
        ["detail"] = detail,
        ["instance"] = instance,
        ["traceId"] = TraceId,
    };

    private static JsonObject Validation(string instance)
    {
        var problem = Problem(400, "Invalid query parameters", "2 query parameter(s) are not valid: limit, participnt. See 'errors' for each.", instance);
        problem["type"] = "https://tools.ietf.org/html/rfc9110#section-15.5.1";
        problem["errors"] = new JsonObject
        {
            ["limit"] = new JsonArray("must be a whole number from 1 to 100; got '500'."),
            ["participnt"] = new JsonArray("unknown parameter."),
        };
        return problem;
    }

    private static void SetJson(OpenApiOperation operation, string status, string mediaType, JsonNode? example)
    {
        if (example is not null &&
            operation.Responses?.TryGetValue(status, out var response) == true &&
            response.Content?.TryGetValue(mediaType, out var content) == true &&
            content is OpenApiMediaType media)
        {
            media.Example = example;
        }
    }
}
