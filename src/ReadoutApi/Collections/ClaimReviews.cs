using System.Globalization;
using System.Text.Json;
using ReadoutApi.Contracts;
using ReadoutApi.Http;
using ReadoutApi.Querying;
using ReadoutApi.Seed;

namespace ReadoutApi.Collections;

/// <summary>
/// A claim as schema.org JSON-LD: a <c>ClaimReview</c> whose <c>itemReviewed</c> is the <c>Claim</c>, with the claimant
/// as its author, its sources as appearances, and a <c>reviewRating</c> that states the verification status as it is.
/// Only statuses that are verdicts on the claim's truth get a number; "unverified" is never rendered as true or false.
/// Links are the API's relative URLs, resolved against the document's own address like any JSON-LD relative IRI.
/// See docs/api.md, "Claims as schema.org ClaimReview".
/// </summary>
public static class ClaimReviews
{
    // The textual rating of each status, and a number only for the verdicts, on Google's 1 (false) to 5 (true) scale.
    private static readonly Dictionary<string, (string Text, int? Value)> Ratings = new(StringComparer.Ordinal)
    {
        ["unverified"] = ("Unverified", null),
        ["disputed"] = ("Disputed", null),
        ["corroborated"] = ("Corroborated", null),
        ["confirmed"] = ("Confirmed", 5),
        ["refuted"] = ("Refuted", 1),
    };

    /// <summary>The textual rating (<c>alternateName</c>) and the numeric one, if any, of a verification status.</summary>
    public static (string Text, int? Value) RatingOf(string status) =>
        Ratings.TryGetValue(status, out var rating) ? rating : (status, null);

    /// <summary>Writes a claim's <c>ClaimReview</c> node; with <c>@context</c> when it is the whole document.</summary>
    public static void Write(Utf8JsonWriter w, ClaimDto c, ReferenceLookups refs, bool withContext)
    {
        var self = c.Links.Self;
        w.WriteStartObject();
        if (withContext)
        {
            w.WriteString("@context", JsonLdResult.SchemaOrg);
        }

        w.WriteString("@type", "ClaimReview");
        w.WriteString("@id", self + "#review");
        w.WriteString("url", self);
        w.WriteString("claimReviewed", c.Text);
        w.WritePropertyName("itemReviewed");
        WriteClaim(w, c, refs);
        if (Reviewer(c.Verification.Reviewer, refs) is { } reviewer)
        {
            w.WritePropertyName("author");
            WriteAgent(w, reviewer.Type, reviewer.Href, c.Verification.Reviewer);
        }

        if (c.Verification.ReviewedDate is { } reviewed)
        {
            w.WriteString("datePublished", Date(reviewed));
        }

        // The record's meta: its version, and when the service last saw it change.
        if (c.Meta is { } meta)
        {
            w.WriteString("version", meta.Version);
            w.WriteString("dateModified", meta.LastChanged.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
        }

        var (text, value) = RatingOf(c.Verification.Status);
        w.WriteStartObject("reviewRating");
        w.WriteString("@type", "Rating");
        w.WriteString("alternateName", text);
        if (value is { } number)
        {
            w.WriteNumber("ratingValue", number);
            w.WriteNumber("bestRating", 5);
            w.WriteNumber("worstRating", 1);
        }

        if (c.Verification.Note is { } note)
        {
            w.WriteString("ratingExplanation", note);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteClaim(Utf8JsonWriter w, ClaimDto c, ReferenceLookups refs)
    {
        w.WriteStartObject();
        w.WriteString("@type", "Claim");
        w.WriteString("@id", c.Links.Self + "#claim");
        w.WriteString("text", c.Text);
        w.WritePropertyName("author");
        WriteActor(w, c.Claimant, refs);
        if (c.OnBehalfOf is { } principal)
        {
            // CreativeWork.sourceOrganization: "the Organization on whose behalf the creator was working".
            w.WritePropertyName("sourceOrganization");
            WriteActor(w, principal, refs);
        }

        // The day the claim was made public (a statement, a broadcast, a post), not the day it was reported or reviewed.
        w.WriteString("datePublished", Date(c.Date));
        w.WriteStartArray("appearance");
        foreach (var source in c.Sources)
        {
            WriteSource(w, refs.Sources[source.Id], source.Href, refs);
        }

        w.WriteEndArray();
        if (c.Places.Count > 0)
        {
            w.WriteStartArray("contentLocation");
            foreach (var place in c.Places)
            {
                w.WriteStartObject();
                w.WriteString("@type", "Place");
                w.WriteString("@id", place.Href);
                w.WriteString("url", place.Href);
                w.WriteString("name", refs.Places[place.Id].Name);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteActor(Utf8JsonWriter w, ActorRef actor, ReferenceLookups refs) =>
        WriteAgent(w, actor.Kind switch
        {
            "person" => "Person",
            "organization" => "Organization",
            _ => "Country",
        }, actor.Href, refs.NameOf(new ActorRecord(actor.Kind, actor.Id)));

    // A source: its own web address where known, its publisher (linked when the data has it as an organization) and date.
    private static void WriteSource(Utf8JsonWriter w, SourceRecord source, string href, ReferenceLookups refs)
    {
        w.WriteStartObject();
        w.WriteString("@type", source.Kind switch
        {
            "news-article" => "NewsArticle",
            "social-media-post" => "SocialMediaPosting",
            _ => "CreativeWork",
        });
        w.WriteString("@id", href);
        if (source.Title is { } title)
        {
            w.WriteString("name", title);
        }

        if (source.Url is { } url)
        {
            w.WriteString("url", url);
        }

        w.WritePropertyName("publisher");
        var publisher = refs.Resolve(ValueKind.Organization, source.Publisher);
        WriteAgent(w, "Organization", publisher is null ? null : Paths.Record("organizations", publisher), source.Publisher);
        if (source.Date is { } date)
        {
            w.WriteString("datePublished", Date(date));
        }

        w.WriteEndObject();
    }

    // The reviewer is a name in the data: an organization or person of the data when it names one (then typed and
    // linked), else a name alone, untyped, since nothing says what it is. A blank reviewer is no author at all.
    private static (string? Type, string? Href)? Reviewer(string? name, ReferenceLookups refs)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        if (refs.Resolve(ValueKind.Organization, name) is { } organization)
        {
            return ("Organization", Paths.Record("organizations", organization));
        }

        return refs.Resolve(ValueKind.Person, name) is { } person ? ("Person", Paths.Record("people", person)) : (null, null);
    }

    private static void WriteAgent(Utf8JsonWriter w, string? type, string? href, string name)
    {
        w.WriteStartObject();
        if (type is not null)
        {
            w.WriteString("@type", type);
        }

        if (href is not null)
        {
            w.WriteString("@id", href);
            w.WriteString("url", href);
        }

        w.WriteString("name", name);
        w.WriteEndObject();
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
