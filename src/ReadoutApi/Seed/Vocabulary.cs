namespace ReadoutApi.Seed;

/// <summary>The closed sets of values the seed files and the query parameters share.</summary>
public static class Vocabulary
{
    /// <summary>Verification statuses, after schema.org ClaimReview.</summary>
    public static readonly IReadOnlyList<string> VerificationStatuses =
        ["unverified", "disputed", "corroborated", "confirmed", "refuted"];

    /// <summary>Kinds of event a claim is about.</summary>
    public static readonly IReadOnlyList<string> EventKinds =
        ["strike", "interception", "damage-assessment", "retaliation", "accusation"];

    /// <summary>Channels a claim or statement came through.</summary>
    public static readonly IReadOnlyList<string> Channels =
        ["statement", "state-television-broadcast", "social-media-post", "interview"];

    /// <summary>What an actor reference points at.</summary>
    public static readonly IReadOnlyList<string> ActorKinds = ["person", "organization", "country"];

    /// <summary>Kinds of place.</summary>
    public static readonly IReadOnlyList<string> PlaceKinds = ["air-base", "city"];

    /// <summary>Kinds of source.</summary>
    public static readonly IReadOnlyList<string> SourceKinds =
        ["news-article", "government-readout", "broadcast", "social-media-post", "reference-work"];

    /// <summary>How precisely a readout's date is known.</summary>
    public static readonly IReadOnlyList<string> DatePrecisions = ["day", "month", "year"];

    /// <summary>How a claim relates to a place it names: about the place itself, or somewhere near it.</summary>
    public static readonly IReadOnlyList<string> PlaceRelations = ["at", "near"];

    /// <summary>The fields of a claim that <c>inferred</c> and <c>provenance</c> may name (their names in the API).</summary>
    public static readonly IReadOnlyList<string> ClaimFields =
        ["text", "quote", "claimant", "onBehalfOf", "channel", "date", "eventKind", "eventKinds", "allegedActors", "targets", "places", "verification"];

    /// <summary>The fields of a place that <c>provenance</c> may name.</summary>
    public static readonly IReadOnlyList<string> PlaceFields = ["name", "aliases", "kind", "country", "locality", "icao", "coordinates"];

    /// <summary>The fields of a readout that <c>provenance</c> may name.</summary>
    public static readonly IReadOnlyList<string> ReadoutFields =
        ["title", "date", "datePrecision", "issuer", "participants", "topics", "points", "reportedWording"];

    /// <summary>The record types the timeline merges.</summary>
    public static readonly IReadOnlyList<string> TimelineTypes = ["readout", "claim", "statement"];
}
