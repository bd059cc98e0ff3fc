using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using ReadoutApi.Querying;

namespace ReadoutApi.Http;

/// <summary>A representation the API can render.</summary>
public enum ResponseFormat
{
    /// <summary><c>application/json</c>, the default.</summary>
    Json,

    /// <summary><c>text/csv</c> (RFC 4180), the whole filtered result.</summary>
    Csv,

    /// <summary><c>application/x-ndjson</c>, the whole filtered result, streamed.</summary>
    Ndjson,

    /// <summary><c>application/atom+xml</c>, a page as an Atom 1.0 feed.</summary>
    Atom,
}

/// <summary>Chooses the representation from <c>format=</c> (which wins) or the <c>Accept</c> header.</summary>
public static class FormatNegotiation
{
    private static readonly (string Name, ResponseFormat Format, string MediaType)[] Known =
    [
        ("json", ResponseFormat.Json, "application/json"),
        ("csv", ResponseFormat.Csv, "text/csv"),
        ("ndjson", ResponseFormat.Ndjson, "application/x-ndjson"),
        ("atom", ResponseFormat.Atom, "application/atom+xml"),
    ];

    /// <summary>The format's media type.</summary>
    public static string MediaType(ResponseFormat format) => Known.First(k => k.Format == format).MediaType;

    /// <summary>Negotiates among the formats a resource offers.</summary>
    /// <returns>The format, or the 400 or 406 to answer.</returns>
    public static Negotiated Negotiate(HttpRequest request, IReadOnlyList<string> offered)
    {
        if (request.Query.TryGetValue(ParameterNames.Format, out var requested))
        {
            var available = Available(offered);
            var match = requested.Count == 1 ? available.FirstOrDefault(k => k.Name.Equals(requested[0], StringComparison.OrdinalIgnoreCase)) : default;
            return match.Name is not null
                ? new Negotiated(match.Format)
                : new Negotiated(Invalid: TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { [ParameterNames.Format] = [$"must be given once, one of {string.Join(", ", available.Select(k => k.Name))}."] },
                    detail: "The format parameter is not valid here.",
                    title: "Invalid query parameters"));
        }

        var accept = request.Headers.Accept;
        if (accept.Count == 0 || (accept.Count == 1 && accept[0] is "*/*" or "application/json" && offered.Contains("json")) ||
            !MediaTypeHeaderValue.TryParseList(accept, out var ranges) || ranges.Count == 0)
        {
            // No Accept (or one too mangled to read) means anything will do.
            return new Negotiated(ResponseFormat.Json);
        }

        var acceptable = Available(offered);
        foreach (var range in ranges.OrderByDescending(r => r.Quality ?? 1.0))
        {
            if (range.Quality == 0)
            {
                continue;
            }

            foreach (var (_, format, mediaType) in acceptable)
            {
                if (new MediaTypeHeaderValue(mediaType).IsSubsetOf(range) ||
                    (format == ResponseFormat.Ndjson && range.MediaType.Equals("application/ndjson", StringComparison.OrdinalIgnoreCase)))
                {
                    return new Negotiated(format);
                }
            }
        }

        return new Negotiated(NotAcceptable: new NotAcceptable(
            $"None of the media types in Accept ('{Shorten(accept.ToString())}') is available here. Available: {string.Join(", ", acceptable.Select(k => k.MediaType))}; or use format={string.Join("|", acceptable.Select(k => k.Name))}."));
    }

    private static (string Name, ResponseFormat Format, string MediaType)[] Available(IReadOnlyList<string> offered) =>
        Known.Where(k => offered.Contains(k.Name)).ToArray();

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;
}

/// <summary>The outcome of negotiation: a format, or the error to answer.</summary>
/// <param name="Format">The chosen format.</param>
/// <param name="Invalid">A 400: the <c>format</c> parameter names no format offered here.</param>
/// <param name="NotAcceptable">A 406: nothing the client accepts is offered here.</param>
public readonly record struct Negotiated(ResponseFormat? Format = null, ValidationProblem? Invalid = null, NotAcceptable? NotAcceptable = null);
