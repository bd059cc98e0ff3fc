using ReadoutApi.Data;
using ReadoutApi.Http.Formats;

namespace ReadoutApi.Endpoints;

/// <summary>Every resource of the API, with what its documentation says.</summary>
public static class ResourceEndpoints
{
    private const string Querying =
        " Filters may repeat (OR) and combine (AND); `q` matches every word, case- and accent-insensitively, " +
        "over the record's text and the names and aliases of what it links to. Walk pages with `links.next` " +
        "(also in the `Link` header); every matching record comes exactly once.";

    /// <summary>Maps the collections and their records.</summary>
    public static IEndpointRouteBuilder MapResourceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapCollection(Collections.Readouts, s => s.Readouts, Representations.Readouts, new(
            "Readouts",
            "List readouts of calls",
            "The U.S. State Department's readouts of Secretary Rubio's calls with Indian and Pakistani officials in May 2025, newest first: " +
            "participants with the roles they held, points with verbatim quotes and their sources, and the wording news outlets reported." + Querying,
            "Get one readout",
            "A readout: date and its precision, issuer, participants, topics, points (each with the verbatim quote and its source), " +
            "the reported wording where known, sources, and notes where sources disagree.",
            "2025-05-10-rubio-jaishankar"));

        app.MapCollection(Collections.Claims, s => s.Claims, Representations.Claims, new(
            "Claims",
            "List claims about military events",
            "Assertions about the May 2025 events (strikes, interceptions, damage, retaliation, accusations), newest first, each with " +
            "its claimant, channel, places and verification status. `place` resolves aliases: `rafiqui-air-base` finds the claims that say \"Shorkot Air Base\"." + Querying,
            "Get one claim",
            "A claim: text, verbatim quote where there is one, claimant and on whose behalf, channel, date, event kind, alleged actor " +
            "and target countries, places as named in the claim, verification {status, reviewer, note, reviewed date}, sources.",
            "2025-05-10-cruise-missiles-intercepted-at-rafiqui"));

        app.MapCollection(Collections.Statements, s => s.Statements, Representations.Statements, new(
            "Statements",
            "List public statements",
            "Public remarks that are neither readouts nor event claims, newest first: speaker, channel, date and the verbatim quote." + Querying,
            "Get one statement",
            "A statement: speaker, channel, date, verbatim quote and sources.",
            "2025-05-10-dar-iota-of-sanity"));

        app.MapCollection(Collections.People, s => s.People, Representations.People, new(
            "People",
            "List people",
            "The people the readouts, claims and statements involve, by name, with their roles." + Querying,
            "Get one person",
            "A person: name, aliases, country and roles (title, organization, dates where known); `links` lead to the readouts, claims, statements and timeline that mention them.",
            "asim-munir"));

        app.MapCollection(Collections.Organizations, s => s.Organizations, Representations.Organizations, new(
            "Organizations",
            "List organizations",
            "Government bodies, military organizations and publishers, by name." + Querying,
            "Get one organization",
            "An organization: name, aliases, kind and country; `links` lead to its people, readouts and claims.",
            "inter-services-public-relations"));

        app.MapCollection(Collections.Countries, s => s.Countries, Representations.Countries, new(
            "Countries",
            "List countries",
            "The countries involved, by name. Codes are ISO 3166-1 alpha-2." + Querying,
            "Get one country",
            "A country by its ISO 3166-1 alpha-2 code (any case); `links` lead to everything that involves it.",
            "PK"));

        app.MapCollection(Collections.Places, s => s.Places, Representations.Places, new(
            "Places",
            "List places",
            "Air bases and cities the claims name, by name, with aliases (Shorkot Air Base is PAF Base Rafiqui)." + Querying,
            "Get one place",
            "A place: name, aliases, kind, country, locality, ICAO code and coordinates where confirmed (null otherwise); `links.claims` lists the claims naming it.",
            "nur-khan-air-base"));

        app.MapCollection(Collections.Sources, s => s.Sources, Representations.Sources, new(
            "Sources",
            "List sources",
            "The seed article and every secondary source the data cites, by title." + Querying,
            "Get one source",
            "A source: title, publisher, URL and date where known, kind, and notes on what it confirms.",
            "the-finance-360-rubio-mediation"));

        app.MapCollection(Collections.Timeline, s => s.Timeline, Representations.Timeline, new(
            "Timeline",
            "List the timeline",
            "Readouts, claims and statements merged, newest first; each item has its type, id, date, a one-line summary and its link." + Querying));

        return app;
    }
}
