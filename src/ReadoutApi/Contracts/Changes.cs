using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReadoutApi.Contracts;

/// <summary>What the service maintains about a record, never the seed files: its version and when it was seen.</summary>
/// <param name="Version">A hash of the record's content (everything but <c>meta</c>): it changes when, and only when, the record does.</param>
/// <param name="FirstSeen">When the service first saw the record (UTC, whole seconds).</param>
/// <param name="LastChanged">When the service last saw the record change (UTC, whole seconds); the record's <c>Last-Modified</c>.</param>
public sealed record RecordMeta(string Version, DateTimeOffset FirstSeen, DateTimeOffset LastChanged);

/// <summary>A record of any collection: it carries the <c>meta</c> the service maintains.</summary>
public abstract record VersionedRecord
{
    /// <summary>The record's version and history, maintained by the service (absent only while the content is hashed).</summary>
    [JsonPropertyOrder(1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("The record's version and history, maintained by the service: the version drives the record's ETag, lastChanged its Last-Modified.")]
    public RecordMeta? Meta { get; init; }
}

/// <summary>One change of one record, in the journal's order.</summary>
/// <param name="Token">Where this event is in the journal: pass it as <c>since</c> (or <c>Last-Event-ID</c>) to get the events after it.</param>
/// <param name="Seq">The event's sequence number in the journal (increasing; gaps where other collections' events or pruned ones were).</param>
/// <param name="Time">When the service saw the change (UTC).</param>
/// <param name="Collection">The record's collection (<c>claims</c>).</param>
/// <param name="Id">The record's id.</param>
/// <param name="Action">created, updated or deleted (a tombstone: the record is gone).</param>
/// <param name="Version">The record's version after the change; for a deletion, the last version it had.</param>
/// <param name="DataVersion">The data version the change arrived with.</param>
/// <param name="Href">The record's URL (a 404 once it is deleted).</param>
/// <param name="Record">With <c>include=records</c>: the record as served now (it may be newer than this event); absent when not asked for, or when the record no longer exists.</param>
public sealed record ChangeEvent(
    string Token,
    long Seq,
    DateTimeOffset Time,
    string Collection,
    string Id,
    string Action,
    string Version,
    string DataVersion,
    string Href,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Record);

/// <summary>Facts about a page of changes.</summary>
/// <param name="Since">The token the page starts after (null: the journal's beginning).</param>
/// <param name="Next">The token to continue from: store it, and ask again with <c>since</c> set to it.</param>
/// <param name="More">Whether more events follow at once (the page was cut at <c>limit</c>).</param>
/// <param name="DataVersion">The data version the events reach: the one served when this page was read.</param>
public sealed record ChangesMeta(string? Since, string Next, bool More, string DataVersion);

/// <summary>Links of a page of changes.</summary>
/// <param name="Self">This page's URL.</param>
/// <param name="Next">The URL of the events after this page.</param>
public sealed record ChangesLinks(string Self, string Next);

/// <summary>A page of the change feed.</summary>
/// <param name="Data">The events, oldest first.</param>
/// <param name="Meta">Where the page starts and where to continue.</param>
/// <param name="Links">This page and the next.</param>
public sealed record ChangesResponse(IReadOnlyList<ChangeEvent> Data, ChangesMeta Meta, ChangesLinks Links);
