using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using ReadoutApi.Collections;

namespace ReadoutApi.Changes;

/// <summary>A request to the change feed, checked: each parameter given at most once and valid, none unknown.</summary>
/// <param name="Since">The token to start after, <c>now</c>, or null for the journal's beginning.</param>
/// <param name="SinceName">Where <paramref name="Since"/> came from: <c>since</c>, or the <c>Last-Event-ID</c> header (which wins).</param>
/// <param name="Collection">Only this collection's events; null for all.</param>
/// <param name="Limit">At most this many events a page.</param>
/// <param name="IncludeRecords">Whether each event embeds the record as served now.</param>
/// <param name="Feed">normal, longpoll or eventsource.</param>
/// <param name="TimeoutSeconds">How long a long poll waits for an event.</param>
public sealed record ChangesRequest(
    string? Since, string SinceName, string? Collection, int Limit, bool IncludeRecords, string Feed, int TimeoutSeconds)
{
    /// <summary>The route.</summary>
    public const string Path = Contracts.Paths.Base + "/changes";

    /// <summary>The most events a page holds.</summary>
    public const int MaxLimit = 1_000;

    /// <summary>The page size without <c>limit</c>.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The longest a long poll waits, in seconds.</summary>
    public const int MaxTimeoutSeconds = 60;

    /// <summary>What a long poll waits without <c>timeout</c>, in seconds.</summary>
    public const int DefaultTimeoutSeconds = 30;

    /// <summary>The parameters the route takes.</summary>
    public static readonly IReadOnlyList<string> Parameters = ["since", "collection", "limit", "include", "feed", "timeout"];

    /// <summary>The collections whose records the feed follows: those served one by one (not the timeline, a view of them).</summary>
    public static readonly IReadOnlyList<string> Followed = [.. CollectionRegistry.All.Where(m => m.ServesRecords).Select(m => m.Descriptor.Name)];

    /// <summary>The values of <c>feed</c>.</summary>
    public static readonly IReadOnlyList<string> Feeds = ["normal", "longpoll", "eventsource"];

    /// <summary>What a 410 says: the token cannot be answered, and how to start again.</summary>
    public const string GoneDetail =
        "This token is one the journal can no longer answer: older than its retention, from another deployment, or from before a restore. " +
        "Take a new position with " + Path + "?since=now, list every collection again, then follow the feed from that position.";

    /// <summary>The header EventSource sends when it reconnects.</summary>
    public const string LastEventId = "Last-Event-ID";

    /// <summary>Reads and checks a request; null with an error per bad parameter.</summary>
    public static ChangesRequest? Parse(HttpRequest request, out Dictionary<string, string[]> errors)
    {
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var query = request.Query;
        foreach (var name in query.Keys.Where(k => !Parameters.Contains(k)))
        {
            problems[name] = [$"unknown parameter. {Path} takes: {string.Join(", ", Parameters)}."];
        }

        string? Once(string name)
        {
            var values = query[name];
            if (values.Count > 1)
            {
                problems[name] = ["must be given once."];
            }
            else if (values.Count == 1 && string.IsNullOrWhiteSpace(values[0]))
            {
                problems[name] = ["must not be empty."];
            }

            return values.Count == 1 ? values[0] : null;
        }

        var (since, sinceName) = (Once("since"), "since");
        if (request.Headers[LastEventId] is [{ Length: > 0 } lastEventId])
        {
            (since, sinceName) = (lastEventId, LastEventId);
        }

        if (since is not null and not "now" && !ChangeToken.TryParse(since, out _))
        {
            problems[sinceName] = ["is not a token of this feed: pass meta.next (or an event's token) as it was given, or 'now'."];
        }

        var collection = Once("collection");
        if (collection is not null && !Followed.Contains(collection))
        {
            problems["collection"] = [$"'{collection}' is not a collection the feed follows; use one of {string.Join(", ", Followed)}."];
        }

        var limit = Number(Once("limit"), "limit", DefaultLimit, MaxLimit, problems);
        var include = Once("include");
        if (include is not null and not "records")
        {
            problems["include"] = [$"'{include}' cannot be included; the only value is 'records'."];
        }

        var feed = Once("feed") ?? "normal";
        if (!Feeds.Contains(feed))
        {
            problems["feed"] = [$"'{feed}' is not a feed; use one of {string.Join(", ", Feeds)}."];
        }

        var timeoutText = Once("timeout");
        var timeout = Number(timeoutText, "timeout", DefaultTimeoutSeconds, MaxTimeoutSeconds, problems);
        if (timeoutText is not null && feed != "longpoll")
        {
            problems["timeout"] = ["applies to feed=longpoll only."];
        }

        errors = problems;
        return problems.Count > 0 ? null : new ChangesRequest(since, sinceName, collection, limit, include is not null, feed, timeout);
    }

    /// <summary>The URL of the same request (without feed or timeout) from another position.</summary>
    public string Link(string? since)
    {
        var parameters = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (since is not null)
        {
            parameters["since"] = since;
        }

        if (Collection is not null)
        {
            parameters["collection"] = Collection;
        }

        if (Limit != DefaultLimit)
        {
            parameters["limit"] = Limit.ToString(CultureInfo.InvariantCulture);
        }

        if (IncludeRecords)
        {
            parameters["include"] = "records";
        }

        return QueryHelpers.AddQueryString(Path, parameters);
    }

    private static int Number(string? text, string name, int fallback, int max, Dictionary<string, string[]> problems)
    {
        if (text is null || problems.ContainsKey(name))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max)
        {
            return value;
        }

        problems[name] = [$"must be a whole number from 1 to {max}; got '{text}'."];
        return fallback;
    }
}
