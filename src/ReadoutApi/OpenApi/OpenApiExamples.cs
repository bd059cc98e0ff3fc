using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;
using ReadoutApi.Changes;
using ReadoutApi.Collections;
using ReadoutApi.Contracts;
using ReadoutApi.Http;
using ReadoutApi.Querying;
using ReadoutApi.Snapshots;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ReadoutApi.OpenApi;

/// <summary>
/// Response examples drawn from the seed data being served and from the code that answers: each format's rendering of
/// the collection's example record, the index, and the problems the operation really answers with (its own 400 and 406
/// texts, made by the parser and the negotiation). Non-JSON bodies are documented as strings.
/// </summary>
internal sealed partial class OpenApiExamples(SnapshotStore store, CursorCodec cursors, IServiceProvider services) : IOperationFilter
{
    /// <summary>The load time the examples show (the real one changes with every start).</summary>
    public static readonly DateTimeOffset ExampleLoadedAt = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const string TraceId = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00";
    private const string Problem = "application/problem+json";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var path = "/" + context.ApiDescription.RelativePath?.Split('?')[0].TrimEnd('/');
        var concrete = path.Replace("{id}", "no-such-id", StringComparison.Ordinal);
        var snapshot = store.Current;
        IReadOnlyList<string> formats = ["json"];
        var query = "";
        if (metadata.OfType<ListOperation>().FirstOrDefault() is { } list)
        {
            var collection = snapshot[list.Module];
            formats = list.Module.Descriptor.Formats;
            // The real first page of one record, and the first records of the real exports.
            var page = Execute(snapshot, collection, "limit=1");
            Set(operation, "200", "application/json", JsonNode.Parse(new JsonPageResult(page).Render()));
            var first = collection.Positions(QueryParser.Parse(path, "", collection, out _)!).Take(2).ToArray();
            SetText(operation, "200", "text/csv", Encoding.UTF8.GetString(list.Module.CsvHeader) + string.Concat(first.Select(p => Text(collection.Records.Csv(p)))));
            SetText(operation, "200", "application/x-ndjson", string.Concat(first.Select(p => Text(collection.Records.Json(p)) + "\n")));
            SetText(operation, "200", "application/atom+xml", formats.Contains("atom") ? Atom(list.Module, snapshot, collection) : null);
            query = "?limit=500&participnt=x";
            Set(operation, "400", Problem, Validation(ListErrors(collection, path, query), concrete + query));
        }
        else if (metadata.OfType<RecordOperation>().FirstOrDefault() is { } record)
        {
            var collection = snapshot[record.Module];
            var descriptor = record.Module.Descriptor;
            formats = descriptor.RecordFormats;
            if (Position(collection, record.Module.Docs.ExampleId) is { } p)
            {
                Set(operation, "200", "application/json", JsonNode.Parse(collection.Records.Json(p).Span));
                SetText(operation, "200", "text/csv", Csv(record.Module, collection, p));
                SetText(operation, "200", "application/x-ndjson", Text(collection.Records.Json(p)) + "\n");
            }

            Set(operation, "404", Problem, Status(404, "Not Found", $"No {descriptor.ItemType} has the id 'no-such-id'. List them at {descriptor.Path}.", concrete));
            query = "?limit=2";
            Set(operation, "400", Problem, Validation(UnknownParameters.Errors($"A single {descriptor.ItemType}", QueryHelpers.ParseQuery(query).Keys, UnknownParameters.OfRecord), concrete + query));
        }
        else if (metadata.OfType<ChangesOperation>().Any())
        {
            query = "?limit=0&feed=poll";
            var request = new DefaultHttpContext { Request = { QueryString = new QueryString(query) } }.Request;
            ChangesRequest.Parse(request, out var errors);
            Set(operation, "400", Problem, Validation(errors, concrete + query));
            Set(operation, "410", Problem, Status(410, "Gone", ChangesRequest.GoneDetail, concrete + "?since=" + new ChangeToken(Guid.Empty, 7, 7)));
        }
        else
        {
            Set(operation, "200", "application/json", Index(snapshot));
            query = "?limit=2";
            Set(operation, "400", Problem, Validation(UnknownParameters.Errors("The index", QueryHelpers.ParseQuery(query).Keys, UnknownParameters.OfIndex), concrete + query));
        }

        Set(operation, "405", Problem, Status(405, "Method Not Allowed", "This resource is read-only: use GET or HEAD.", concrete));
        Set(operation, "406", Problem, Status(406, "Not Acceptable", NotAcceptableDetail(formats), concrete));
        Set(operation, "429", Problem, Status(429, "Too Many Requests", "This client has used its 600 requests of this window. Retry after 42 s.", concrete));
        Set(operation, "503", Problem, Status(503, "Service Unavailable",
            "The request took longer than 10 s and was stopped. Narrow it (filters, fewer words in q) or retry later.", concrete));
        if (operation.Responses?.TryGetValue("304", out var notModified) == true && notModified is OpenApiResponse response)
        {
            response.Description = "Not Modified: the ETag in If-None-Match (or the date in If-Modified-Since) is current. No body.";
        }
    }

    // The collection's example record (one whose optional objects are present, so the example shows their shape), else the first.
    private static int? Position(Collection collection, string? id) =>
        id is not null && collection.Records.TryFind(id, out var found) ? found : collection.Count > 0 ? 0 : null;

    private ListPage Execute(Snapshot snapshot, Collection collection, string query) =>
        collection.Execute(QueryParser.Parse(collection.Descriptor.Path, query, collection, out _)!, new PageContext(snapshot.Version, cursors));

    private static string Text(ReadOnlyMemory<byte> utf8) => Encoding.UTF8.GetString(utf8.Span);

    private static string Csv(CollectionModule module, Collection collection, int position) =>
        Encoding.UTF8.GetString(module.CsvHeader) + Text(collection.Records.Csv(position));

    // The real first page of one entry as a feed, as the Atom writer renders it for a client of http://localhost:5080.
    private string Atom(CollectionModule module, Snapshot snapshot, Collection collection)
    {
        var page = Execute(snapshot, collection, "format=atom&limit=1");
        var entries = page.Records.Select(json => module.AtomEntry(json, snapshot.References)).ToArray();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost:5080");
        using var body = new MemoryStream();
        context.Response.Body = body;
        var path = module.Descriptor.Path;
        new AtomResult($"ReadoutApi: {module.Title}", ExampleLoadedAt, entries, page.Links.Self, page.Links.Next, page.Links.Prev, path)
            .ExecuteAsync(context).GetAwaiter().GetResult();
        return Encoding.UTF8.GetString(body.ToArray());
    }

    private static JsonObject Index(Snapshot snapshot) => new()
    {
        ["name"] = "ReadoutApi",
        ["dataVersion"] = snapshot.Version,
        ["loadedAt"] = ExampleLoadedAt.ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture),
        ["collections"] = new JsonArray([.. snapshot.Counts().Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name, ["count"] = c.Count, ["href"] = $"{Paths.Base}/{c.Name}",
        })]),
        ["links"] = new JsonObject { ["self"] = Paths.Base, ["openApi"] = OpenApiDocumentCache.JsonPath, ["docs"] = "/swagger" },
    };

    // What the negotiation answers to Accept: image/png among these formats.
    private static string NotAcceptableDetail(IReadOnlyList<string> formats)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Accept = "image/png";
        return FormatNegotiation.Negotiate(context.Request, formats).NotAcceptable!.Detail;
    }

    private static Dictionary<string, string[]> ListErrors(Collection collection, string path, string query)
    {
        QueryParser.Parse(path, query, collection, out var errors);
        return errors;
    }

    private static JsonObject Status(int status, string title, string detail, string instance) => new()
    {
        ["type"] = status switch
        {
            429 => "https://tools.ietf.org/html/rfc6585#section-4",
            503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
            _ => $"https://tools.ietf.org/html/rfc9110#section-15.5.{status - 399}",
        },
        ["title"] = title,
        ["status"] = status,
        ["detail"] = detail,
        ["instance"] = instance.Split('?')[0],
        ["traceId"] = TraceId,
    };

    private static JsonObject Validation(Dictionary<string, string[]> errors, string instance)
    {
        var problem = Status(400, "Invalid query parameters",
            $"{errors.Count} query parameter(s) are not valid: {string.Join(", ", errors.Keys)}. See 'errors' for each.", instance);
        problem["errors"] = new JsonObject(errors.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)new JsonArray([.. e.Value.Select(m => (JsonNode)m)]))));
        return problem;
    }

    private static void Set(OpenApiOperation operation, string status, string mediaType, JsonNode? example)
    {
        if (example is not null && Media(operation, status, mediaType) is { } media)
        {
            media.Example = JsonNode.Parse(AtExampleTime(example.ToJsonString()));
        }
    }

    // A record's meta says when this process first saw it; the document shows the example time instead, so it is the
    // same on every start (the versions, hashes of the content, are the same anyway).
    public static string AtExampleTime(string text) => MetaTime().Replace(text, ExampleTime);

    private static readonly string ExampleTime = ExampleLoadedAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

    [System.Text.RegularExpressions.GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}((\+|\\u002B)00:00|Z)")]
    private static partial System.Text.RegularExpressions.Regex MetaTime();

    // A text body: its schema is a string (not the JSON shape Swashbuckle gives every media type of a response).
    private static void SetText(OpenApiOperation operation, string status, string mediaType, string? example)
    {
        if (Media(operation, status, mediaType) is { } media)
        {
            media.Schema = new OpenApiSchema { Type = JsonSchemaType.String };
            if (example is not null)
            {
                media.Example = JsonValue.Create(AtExampleTime(example));
            }
        }
    }

    private static OpenApiMediaType? Media(OpenApiOperation operation, string status, string mediaType) =>
        operation.Responses?.TryGetValue(status, out var response) == true && response.Content?.TryGetValue(mediaType, out var content) == true
            ? content as OpenApiMediaType
            : null;
}
