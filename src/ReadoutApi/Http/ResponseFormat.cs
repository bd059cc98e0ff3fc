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

    /// <summary><c>application/ld+json</c>, compacted JSON-LD with the schema.org context: a record, or a page.</summary>
    JsonLd,
}

/// <summary>Chooses the representation from <c>format=</c> (which wins) or the <c>Accept</c> header (RFC 9110, 12.5.1).</summary>
public static class FormatNegotiation
{
    // Each format with its media type, and the media type parameters its Content-Type carries: a media range with
    // parameters matches only a representation that has them all (application/json;charset=utf-8 matches JSON).
    private static readonly Offer[] Known =
    [
        new("json", ResponseFormat.Json, "application/json", [], [("charset", "utf-8")]),
        new("csv", ResponseFormat.Csv, "text/csv", [], [("charset", "utf-8"), ("header", "present")]),
        new("ndjson", ResponseFormat.Ndjson, "application/x-ndjson", ["application/ndjson"], [("charset", "utf-8")]),
        new("atom", ResponseFormat.Atom, "application/atom+xml", [], [("charset", "utf-8"), ("type", "feed")]),
        new("jsonld", ResponseFormat.JsonLd, "application/ld+json", [], [("profile", JsonLdProfile)]),
    ];

    /// <summary>The JSON-LD profile of what the API sends: compacted documents (JSON-LD 1.1, 9.1).</summary>
    public const string JsonLdProfile = "http://www.w3.org/ns/json-ld#compacted";

    /// <summary>The format's media type.</summary>
    public static string MediaType(ResponseFormat format) => Known.First(k => k.Format == format).MediaType;

    /// <summary>The format's name, as <c>format=</c> gives it.</summary>
    public static string Name(ResponseFormat format) => Known.First(k => k.Format == format).Name;

    /// <summary>Negotiates among the formats a resource offers.</summary>
    /// <returns>The format, or the 400 or 406 to answer.</returns>
    public static Negotiated Negotiate(HttpRequest request, IReadOnlyList<string> offered)
    {
        var available = Known.Where(k => offered.Contains(k.Name)).ToArray();
        if (request.Query.TryGetValue(ParameterNames.Format, out var requested))
        {
            var match = requested.Count == 1 ? available.FirstOrDefault(k => k.Name.Equals(requested[0], StringComparison.OrdinalIgnoreCase)) : null;
            return match is not null
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

        // Each format takes the quality of the most specific range that matches it; q=0 rules it out even where a
        // wildcard would accept it. The highest quality wins; then the range the client listed first; then our order.
        Offer? best = null;
        (double Quality, int Position) bestRank = (0, int.MaxValue);
        foreach (var offer in available)
        {
            if (Rank(offer, ranges) is { Quality: > 0 } rank &&
                (rank.Quality > bestRank.Quality || (rank.Quality == bestRank.Quality && rank.Position < bestRank.Position)))
            {
                (best, bestRank) = (offer, rank);
            }
        }

        return best is not null
            ? new Negotiated(best.Format)
            : new Negotiated(NotAcceptable: new NotAcceptable(
                $"None of the media types in Accept ('{Shorten(accept.ToString())}') is available here. Available: {string.Join(", ", available.Select(k => k.MediaType))}; or use format={string.Join("|", available.Select(k => k.Name))}."));
    }

    // The quality the client gives a format (from its most specific matching range, the first of equals), and where
    // that range stands in Accept; null when no range matches.
    private static (double Quality, int Position)? Rank(Offer offer, IList<MediaTypeHeaderValue> ranges)
    {
        (double Quality, int Position)? rank = null;
        var bestSpecificity = -1;
        for (var i = 0; i < ranges.Count; i++)
        {
            if (Specificity(offer, ranges[i]) is { } specificity && specificity > bestSpecificity)
            {
                bestSpecificity = specificity;
                rank = (ranges[i].Quality ?? 1.0, i);
            }
        }

        return rank;
    }

    // How specific a matching range is (*/* < type/* < type/subtype, then by its parameters); null if it does not match.
    private static int? Specificity(Offer offer, MediaTypeHeaderValue range)
    {
        var (type, subtype) = (range.Type.Value ?? "", range.SubType.Value ?? "");
        var (offerType, offerSubtype) = (offer.MediaType[..offer.MediaType.IndexOf('/')], offer.MediaType[(offer.MediaType.IndexOf('/') + 1)..]);
        int level;
        if (type == "*" && subtype == "*")
        {
            level = 0;
        }
        else if (!type.Equals(offerType, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        else if (subtype == "*")
        {
            level = 1;
        }
        else if (subtype.Equals(offerSubtype, StringComparison.OrdinalIgnoreCase) ||
                 offer.Aliases.Any(a => a.Equals($"{type}/{subtype}", StringComparison.OrdinalIgnoreCase)))
        {
            level = 2;
        }
        else
        {
            return null;
        }

        // Parameters before q are the media type's; those after it are accept extensions, which do not restrict.
        var parameters = 0;
        foreach (var parameter in range.Parameters)
        {
            if (parameter.Name.Equals("q", StringComparison.OrdinalIgnoreCase))
            {
                break;
            }

            var value = HeaderUtilities.RemoveQuotes(parameter.Value).ToString();
            if (!offer.Parameters.Any(p => p.Name.Equals(parameter.Name.Value, StringComparison.OrdinalIgnoreCase) &&
                                           p.Value.Equals(value, StringComparison.OrdinalIgnoreCase)))
            {
                return null;
            }

            parameters++;
        }

        return (level * 100) + parameters;
    }

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;

    private sealed record Offer(string Name, ResponseFormat Format, string MediaType, string[] Aliases, (string Name, string Value)[] Parameters);
}

/// <summary>The outcome of negotiation: a format, or the error to answer.</summary>
/// <param name="Format">The chosen format.</param>
/// <param name="Invalid">A 400: the <c>format</c> parameter names no format offered here.</param>
/// <param name="NotAcceptable">A 406: nothing the client accepts is offered here.</param>
public readonly record struct Negotiated(ResponseFormat? Format = null, ValidationProblem? Invalid = null, NotAcceptable? NotAcceptable = null);
