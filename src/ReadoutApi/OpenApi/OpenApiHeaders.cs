using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ReadoutApi.OpenApi;

/// <summary>
/// The response headers of every API operation, on the responses that carry them (docs/api.md, "HTTP behaviour"):
/// validators and caching on 200 and 304, <c>Link</c> on list pages, <c>Content-Disposition</c> on CSV, the rate limit on
/// every response that passed the limiter, <c>Retry-After</c> on 429 and 503, <c>Allow</c> on 405 and <c>X-Request-Id</c>
/// everywhere. Each header is described once, in <c>components/headers</c>.
/// </summary>
internal sealed class OpenApiHeaders : IOperationFilter
{
    private const string Integer = "integer";

    private static readonly Dictionary<string, (string Description, string Type, JsonNode Example)> Definitions = new(StringComparer.Ordinal)
    {
        ["ETag"] = ("Strong validator of this representation: a hash of the data version, the build, the path, the query string and the format. " +
            "A compressed body has `-br` or `-gzip` appended inside the quotes. Send it back in `If-None-Match` for a 304.", "string", "\"3qg7zrgQZ1FwP3tEnNQkfw\""),
        ["Last-Modified"] = ("When the data was loaded (an HTTP-date). `If-Modified-Since` at or after it gives a 304.", "string", "Sat, 10 May 2025 12:00:00 GMT"),
        ["Cache-Control"] = ("`public, max-age=60` on API responses (`Caching:MaxAgeSeconds`); `no-store` on the change feed, on a 503 and on health responses.", "string", "public, max-age=60"),
        ["Vary"] = ("`Accept, Accept-Encoding`: the representation depends on both.", "string", "Accept, Accept-Encoding"),
        ["Link"] = ("RFC 8288 links to the next and previous pages (`rel=\"next\"`, `rel=\"prev\"`), the same URLs as `links.next` and `links.prev`. " +
            "Absent when both are null, and on CSV and NDJSON, which do not page.", "string", "</v1/claims?limit=2&cursor=Mnw...>; rel=\"next\""),
        ["Content-Disposition"] = ("CSV only: `attachment` with the file name, the collection's (`claims.csv`) or the record's (`places-rafiqui-air-base.csv`).",
            "string", "attachment; filename=\"claims.csv\""),
        ["RateLimit-Limit"] = ("The client's quota of request units per window (`RateLimiting:PermitLimit`).", Integer, 600),
        ["RateLimit-Remaining"] = ("Units left in this window. An export costs 20, a search (`q`) 3, anything else 1.", Integer, 597),
        ["RateLimit-Reset"] = ("Seconds until the window ends.", Integer, 42),
        ["Retry-After"] = ("Seconds to wait before retrying.", Integer, 1),
        ["Allow"] = ("The methods the route answers: `GET, HEAD`.", "string", "GET, HEAD"),
        ["X-Request-Id"] = ("The client's own `X-Request-Id` when it matches `[A-Za-z0-9._:-]{1,128}`, else the request's W3C trace id (32 hex digits). " +
            "The request's log line has the same value.", "string", "4bf92f3577b34da6a3ce929d0e0e4736"),
    };

    private static readonly string[] RateLimit = ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"];

    /// <summary>The headers each status carries on an API operation (besides <c>Link</c> and <c>Content-Disposition</c>).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ByStatus = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["200"] = ["ETag", "Last-Modified", "Cache-Control", "Vary", .. RateLimit, "X-Request-Id"],
        ["304"] = ["ETag", "Last-Modified", "Cache-Control", "Vary", .. RateLimit, "X-Request-Id"],
        ["400"] = ["Vary", .. RateLimit, "X-Request-Id"],
        ["404"] = ["Vary", .. RateLimit, "X-Request-Id"],
        ["405"] = ["Allow", "Vary", .. RateLimit, "X-Request-Id"],
        ["406"] = ["Vary", .. RateLimit, "X-Request-Id"],
        ["429"] = ["Retry-After", .. RateLimit, "Vary", "X-Request-Id"],
        ["503"] = ["Retry-After", "Cache-Control", "X-Request-Id"],
    };

    // The change feed is never cached: no validators, and Cache-Control: no-store.
    private static readonly IReadOnlyDictionary<string, string[]> ChangesByStatus = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["200"] = ["Cache-Control", "Vary", .. RateLimit, "X-Request-Id"],
        ["410"] = ["Vary", .. RateLimit, "X-Request-Id"],
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var list = metadata.OfType<ListOperation>().FirstOrDefault();
        var csv = list?.Module.Descriptor.Formats.Contains("csv") == true || metadata.OfType<RecordOperation>().Any();
        foreach (var (status, response) in operation.Responses ?? [])
        {
            var changes = metadata.OfType<ChangesOperation>().Any();
            if (response is not OpenApiResponse concrete ||
                !((changes && ChangesByStatus.TryGetValue(status, out var names)) || ByStatus.TryGetValue(status, out names)))
            {
                continue;
            }

            IEnumerable<string> all = names;
            if (status == "200" && list is not null)
            {
                all = all.Append("Link");
            }

            if (status == "200" && csv)
            {
                all = all.Append("Content-Disposition");
            }

            Add(concrete, context.Document, all);
        }
    }

    /// <summary>Adds references to the named headers to a response, defining each in <c>components/headers</c> once.</summary>
    public static void Add(OpenApiResponse response, OpenApiDocument document, IEnumerable<string> names)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
        response.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (!document.Components.Headers.ContainsKey(name))
            {
                var (description, type, example) = Definitions[name];
                document.Components.Headers[name] = new OpenApiHeader
                {
                    Description = description,
                    Schema = new OpenApiSchema { Type = type == Integer ? JsonSchemaType.Integer : JsonSchemaType.String },
                    Example = example.DeepClone(),
                };
            }

            response.Headers[name] = new OpenApiHeaderReference(name, document);
        }
    }
}
