using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using ReadoutApi.Changes;
using ReadoutApi.Collections;
using ReadoutApi.Contracts;
using ReadoutApi.Http;
using ReadoutApi.OpenApi;

namespace ReadoutApi.Endpoints;

/// <summary><c>GET /v1/changes</c>: the change feed, polled, long-polled or streamed as server-sent events.</summary>
public static class ChangesEndpoints
{
    private static readonly string[] JsonOnly = ["json"];

    /// <summary>Maps the route.</summary>
    public static IEndpointRouteBuilder MapChanges(this IEndpointRouteBuilder app)
    {
        app.MapMethods(ChangesRequest.Path, CollectionEndpoints.ReadMethods, Get)
            .WithTags("Changes")
            .WithName("listChanges")
            .WithSummary("Follow what changed")
            .WithDescription(ChangesDocs.Description)
            .WithMetadata(new ChangesOperation())
            .Produces<ChangesResponse>(StatusCodes.Status200OK, "application/json", "text/event-stream")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status406NotAcceptable)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesPipelineResponses()
            // A long poll and a stream wait on purpose; they have their own bounds (timeout, slots).
            .DisableRequestTimeout();
        return app;
    }

    /// <summary>Events after <c>since</c> (or <c>Last-Event-ID</c>), as a page, a long poll or a stream.</summary>
    public static async Task<IResult> Get(HttpContext context, ChangeFeed feed, CancellationToken cancellationToken)
    {
        var request = ChangesRequest.Parse(context.Request, out var errors);
        if (request is null)
        {
            return CollectionEndpoints.InvalidParameters(errors);
        }

        if (request.Feed != "eventsource")
        {
            var negotiated = FormatNegotiation.Negotiate(context.Request, JsonOnly);
            if (negotiated is { Invalid: { } invalidFormat })
            {
                return invalidFormat;
            }

            if (negotiated is { NotAcceptable: { } notAcceptable })
            {
                return notAcceptable;
            }
        }

        var journal = feed.Journal;
        var since = request.Since switch
        {
            null => journal.Beginning,
            "now" => feed.Now,
            var token => ChangeToken.TryParse(token, out var parsed) ? parsed : throw new InvalidOperationException("ChangesRequest checked the token."),
        };
        if (!journal.CanAnswer(since))
        {
            return Gone();
        }

        var position = since;
        context.Response.Headers.CacheControl = "no-store";
        if (request.Feed == "eventsource")
        {
            return Slot(context, feed, out var refused) is { } slot
                ? TypedResults.ServerSentEvents(Stream(feed, position, request, slot, cancellationToken))
                : refused!;
        }

        if (request.Feed == "longpoll" && request.Since != "now")
        {
            if (Slot(context, feed, out var refused) is not { } slot)
            {
                return refused!;
            }

            using (slot)
            {
                return await LongPoll(feed, position, request, cancellationToken);
            }
        }

        return Page(feed, position, request, request.Since == "now" ? 0 : request.Limit);
    }

    private static IResult Page(ChangeFeed feed, ChangeToken position, ChangesRequest request, int limit)
    {
        var (events, next, more) = limit == 0 ? ([], position, false) : feed.Read(position, request.Collection, limit, request.IncludeRecords);
        var self = request.Link(request.Since is null ? null : position.ToString());
        return TypedResults.Ok(new ChangesResponse(
            events, new ChangesMeta(request.Since is null ? null : position.ToString(), next.ToString(), more, feed.DataVersion),
            new ChangesLinks(self, request.Link(next.ToString()))));
    }

    private static async Task<IResult> LongPoll(ChangeFeed feed, ChangeToken position, ChangesRequest request, CancellationToken cancellationToken)
    {
        var deadline = Task.Delay(TimeSpan.FromSeconds(request.TimeoutSeconds), cancellationToken);
        while (true)
        {
            var change = feed.NextChange;
            var (events, _, _) = feed.Read(position, request.Collection, 1, includeRecords: false);
            if (events.Count > 0 || await Task.WhenAny(change, deadline) == deadline)
            {
                return Page(feed, position, request, request.Limit);
            }
        }
    }

    private static async IAsyncEnumerable<SseItem<string>> Stream(
        ChangeFeed feed, ChangeToken position, ChangesRequest request, ChangeFeed.Slot slot, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using (slot)
        {
            var heartbeat = TimeSpan.FromSeconds(feed.Options.HeartbeatSeconds);
            while (!cancellationToken.IsCancellationRequested)
            {
                // Taken before reading, so a change between the read and the wait is not missed.
                var change = feed.NextChange;
                var (events, next, more) = feed.Read(position, request.Collection, ChangesRequest.DefaultLimit, request.IncludeRecords);
                foreach (var e in events)
                {
                    yield return new SseItem<string>(JsonSerializer.Serialize(e, ReadoutJsonContext.Default.ChangeEvent), "change") { EventId = e.Token };
                }

                position = next;
                if (more)
                {
                    continue;
                }

                var beat = Task.Delay(heartbeat, cancellationToken);
                if (await Task.WhenAny(change, beat) == beat && !cancellationToken.IsCancellationRequested)
                {
                    yield return new SseItem<string>(string.Empty, "heartbeat");
                }
            }
        }
    }

    private static ChangeFeed.Slot? Slot(HttpContext context, ChangeFeed feed, out IResult? refused)
    {
        var client = ClientRateLimiter.ClientOf(context.Connection.RemoteIpAddress);
        var slot = feed.TryOpen(client, out var clientFull);
        context.Response.Headers.RetryAfter = slot is null ? "5" : default;
        refused = slot is not null ? null : clientFull
            ? TypedResults.Problem(
                $"This client already holds {feed.Options.MaxStreamsPerClient} event streams or long polls open here: close one, or poll. Retry after 5 s.",
                statusCode: StatusCodes.Status429TooManyRequests, title: "Too Many Requests", type: "https://tools.ietf.org/html/rfc6585#section-4")
            : TypedResults.Problem(
                $"This replica holds {feed.Options.MaxStreams} event streams and long polls open, its limit. Retry after 5 s, or poll.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service Unavailable", type: "https://tools.ietf.org/html/rfc9110#section-15.6.4");
        return slot;
    }

    private static ProblemHttpResult Gone() => TypedResults.Problem(
        ChangesRequest.GoneDetail, statusCode: StatusCodes.Status410Gone, title: "Gone", type: "https://tools.ietf.org/html/rfc9110#section-15.5.11");
}
