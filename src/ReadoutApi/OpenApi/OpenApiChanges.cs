using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using ReadoutApi.Changes;
using ReadoutApi.Collections;
using ReadoutApi.Contracts;
using ReadoutApi.Snapshots;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ReadoutApi.OpenApi;

/// <summary>Endpoint metadata of the change feed, for the OpenAPI document.</summary>
public sealed record ChangesOperation;

/// <summary>The change feed's description in the OpenAPI document.</summary>
public static class ChangesDocs
{
    /// <summary>The tag's description.</summary>
    public const string TagDescription = "What was created, updated and deleted, in order, with tokens to resume from: keep an exact copy in sync.";

    /// <summary>The operation's description.</summary>
    public const string Description =
        "What was created, updated or deleted since a position, in order, so an app keeps an exact copy: take `since=now`, list every " +
        "collection once, then ask for the events after the token you hold and store `meta.next`. Deleted records come as tombstones " +
        "(`action: deleted`). `include=records` embeds each record as served now. `feed=longpoll` waits up to `timeout` seconds for the " +
        "next event; `feed=eventsource` streams them as server-sent events whose `id` is the token, so `Last-Event-ID` resumes a dropped " +
        "stream, with a `heartbeat` event when idle. A token the journal can no longer answer (past retention, another deployment's, from " +
        "before a restore) is a 410: take `since=now`, list again, and follow from there. Never cached.";
}

/// <summary>
/// Documents <c>GET /v1/changes</c>: its parameters as <see cref="ChangesRequest"/> checks them, and examples made from
/// the data served (the first readouts as creation events) with a fixed journal id and time, so the document is the
/// same on every start.
/// </summary>
internal sealed class OpenApiChanges(SnapshotStore store) : IOperationFilter
{
    private const string TokenPattern = "^[A-Za-z0-9_-]{43}$";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<ChangesOperation>().Any())
        {
            return;
        }

        operation.Parameters ??= [];
        operation.Parameters.Clear();
        operation.Parameters.Add(OpenApiParameters.Query("since", "Where to start: a token (`meta.next`, or an event's `token`), or `now` for the current position only. Absent: the journal's beginning.",
            new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, Pattern = "^(now|[A-Za-z0-9_-]{43})$" }));
        operation.Parameters.Add(OpenApiParameters.Query("collection", "Only this collection's events.",
            new OpenApiSchema { Type = JsonSchemaType.String, Enum = OpenApiParameters.Strings(ChangesRequest.Followed) }));
        operation.Parameters.Add(OpenApiParameters.Query("limit", $"Events per page, 1 to {ChangesRequest.MaxLimit}; default {ChangesRequest.DefaultLimit}.",
            new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = ChangesRequest.MaxLimit.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        operation.Parameters.Add(OpenApiParameters.Query("include", "`records`: embed each record as served now.", new OpenApiSchema { Type = JsonSchemaType.String, Enum = OpenApiParameters.Strings(["records"]) }));
        operation.Parameters.Add(OpenApiParameters.Query("feed", "`normal` (default): a page at once; `longpoll`: wait for the next event up to `timeout`; `eventsource`: a stream of server-sent events.",
            new OpenApiSchema { Type = JsonSchemaType.String, Enum = OpenApiParameters.Strings(ChangesRequest.Feeds) }));
        operation.Parameters.Add(OpenApiParameters.Query("timeout", $"`feed=longpoll` only: seconds to wait, 1 to {ChangesRequest.MaxTimeoutSeconds}; default {ChangesRequest.DefaultTimeoutSeconds}.",
            new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = ChangesRequest.MaxTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = ChangesRequest.LastEventId,
            In = ParameterLocation.Header,
            Description = "The last event's `id`, which EventSource sends when it reconnects; wins over `since`.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = TokenPattern },
        });

        var page = Example(store.Current);
        if (operation.Responses?["200"] is OpenApiResponse ok && ok.Content is { } content)
        {
            content["application/json"].Example = JsonNode.Parse(JsonSerializer.Serialize(page, ReadoutJsonContext.Default.ChangesResponse));
            content["text/event-stream"].Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Server-sent events: `change` events (the JSON of one event, `id` its token) and `heartbeat` events." };
            content["text/event-stream"].Example = JsonValue.Create(string.Concat(page.Data.Select(e =>
                $"event: change\nid: {e.Token}\ndata: {JsonSerializer.Serialize(e, ReadoutJsonContext.Default.ChangeEvent)}\n\n")) + "event: heartbeat\ndata: \n\n");
        }
    }

    // The first records of the first collection, as the events that created them, in a journal with a fixed id.
    private static ChangesResponse Example(Snapshot snapshot)
    {
        var module = CollectionRegistry.All.First(m => m.ServesRecords);
        var records = snapshot[module].Records;
        var time = OpenApiExamples.ExampleLoadedAt;
        var events = Enumerable.Range(0, Math.Min(2, records.Count)).Select(p => new ChangeEvent(
            new ChangeToken(Guid.Empty, p + 1, p + 1).ToString(), p + 1, time, module.Descriptor.Name, records.IdAt(p), "created",
            records.Meta(p).Version, snapshot.Version, Paths.Record(module.Descriptor.Name, records.IdAt(p)), null)).ToList();
        var next = events.Count > 0 ? events[^1].Token : new ChangeToken(Guid.Empty, 0, 0).ToString();
        return new ChangesResponse(events, new ChangesMeta(null, next, true, snapshot.Version),
            new ChangesLinks($"{ChangesRequest.Path}?limit=2", $"{ChangesRequest.Path}?since={next}&limit=2"));
    }
}
