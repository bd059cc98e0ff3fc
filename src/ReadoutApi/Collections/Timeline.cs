using System.Text.Json.Serialization.Metadata;
using Mapster;
using ReadoutApi.Contracts;
using ReadoutApi.Http;
using ReadoutApi.Querying;
using ReadoutApi.Seed;

namespace ReadoutApi.Collections;

/// <summary>A readout, claim or statement as one entry of the merged timeline.</summary>
/// <param name="Type">readout, claim or statement.</param>
/// <param name="Id">The record's id in its own collection.</param>
/// <param name="Date">The record's date.</param>
/// <param name="Summary">One line saying what it is.</param>
/// <param name="People">People it involves.</param>
/// <param name="Countries">Countries it involves.</param>
/// <param name="Places">Places it names.</param>
public sealed record TimelineEntry(
    string Type,
    string Id,
    DateOnly Date,
    string Summary,
    IReadOnlyList<string> People,
    IReadOnlyList<string> Countries,
    IReadOnlyList<string> Places)
{
    /// <summary>Unique across the three merged collections (kept: indexing reads it for every entry).</summary>
    public string Key { get; } = $"{Type}:{Id}";

    /// <summary>The collection the record belongs to (its path segment).</summary>
    public string Collection => Type switch
    {
        "claim" => "claims",
        "readout" => "readouts",
        "statement" => "statements",
        _ => throw new InvalidOperationException($"Not a timeline type: {Type}"),
    };
}

/// <summary>Readouts, claims and statements merged: <c>/v1/timeline</c>.</summary>
public sealed class TimelineModule : CollectionModule<TimelineEntry, TimelineItemDto>
{
    /// <inheritdoc />
    public override CollectionDescriptor Descriptor { get; } = new(
        "timeline", "timeline item", Dated: true,
        [
            new("type", "The kind of record.", ValueKind.Vocabulary, "claim", Vocabulary.TimelineTypes),
            new("person", "A person involved (participant, claimant or speaker).", ValueKind.Person, "ahmed-sharif-chaudhry"),
            new("country", "A country involved.", ValueKind.Country, "PK"),
            new("place", "A place named (aliases resolve).", ValueKind.Place, "rafiqui-air-base"),
        ],
        ["date", "id", "type"], "-date", CollectionDescriptor.FeedFormats, "intercepted");

    /// <inheritdoc />
    public override CollectionDocs Docs { get; } = new(
        "Timeline",
        "List the timeline",
        "Readouts, claims and statements merged, newest first; each item has its type, id, date, a one-line summary and its link." + CollectionDocs.Querying,
        TagDescription: "Readouts, claims and statements merged into one dated list.");

    /// <summary>
    /// The timeline is ordered by key: its claims, then its readouts, then its statements, each in id order as in their
    /// own collections. So its search index is theirs laid end to end, and no text is tokenized twice.
    /// </summary>
    public override IReadOnlyList<CollectionModule> BuiltFrom => [CollectionRegistry.Claims, CollectionRegistry.Readouts, CollectionRegistry.Statements];

    /// <inheritdoc />
    protected override JsonTypeInfo<TimelineItemDto> Json => ReadoutJsonContext.Default.TimelineItemDto;

    /// <inheritdoc />
    protected override CsvColumns<TimelineItemDto> Csv { get; } = new(
        ("type", t => t.Type),
        ("id", t => t.Id),
        ("date", t => CsvCells.Date(t.Date)),
        ("summary", t => t.Summary),
        ("href", t => t.Links.Self));

    /// <inheritdoc />
    public override void ConfigureMapping(TypeAdapterConfig config) =>
        config.NewConfig<TimelineEntry, TimelineItemDto>()
            .Map(d => d.Links, s => new SelfLinks(Paths.Record(s.Collection, s.Id)));

    /// <summary>Each claim, readout and statement in brief (in key order when each file is in id order).</summary>
    protected override IEnumerable<TimelineEntry> Records(SeedData data, BuildContext context)
    {
        var refs = context.References;
        foreach (var c in data.Claims)
        {
            yield return new TimelineEntry(
                "claim", c.Id, c.Date, c.Text,
                (c.Claimant.Kind, c.OnBehalfOf?.Kind) switch
                {
                    ("person", "person") => [c.Claimant.Id, c.OnBehalfOf.Id],
                    ("person", _) => [c.Claimant.Id],
                    (_, "person") => [c.OnBehalfOf!.Id],
                    _ => [],
                },
                ClaimsModule.Countries(c, refs),
                c.Places.Select(p => p.PlaceId).ToArray());
        }

        foreach (var r in data.Readouts)
        {
            yield return new TimelineEntry(
                "readout", r.Id, r.Date, r.Title,
                r.Participants.Select(p => p.PersonId).ToArray(),
                r.Participants.Select(p => p.CountryCode).Distinct().ToArray(),
                []);
        }

        foreach (var s in data.Statements)
        {
            yield return new TimelineEntry(
                "statement", s.Id, s.Date, $"{refs.NameOf(s.Speaker)}: \u201c{s.Quote}\u201d",
                s.Speaker.Kind == "person" ? [s.Speaker.Id] : [],
                refs.CountryOf(s.Speaker) is { } code ? [code] : [],
                []);
        }
    }

    /// <inheritdoc />
    protected override CollectionDefinition<TimelineEntry> Define(BuildContext context) => new()
    {
        Descriptor = Descriptor,
        Id = e => e.Key,
        Date = e => e.Date,
        FilterKeys = new Dictionary<string, Func<TimelineEntry, IEnumerable<string>>>
        {
            ["type"] = e => [e.Type],
            ["person"] = e => e.People,
            ["country"] = e => e.Countries,
            ["place"] = e => e.Places,
        },
        SortKeys = new Dictionary<string, Func<TimelineEntry, string?>> { ["type"] = e => e.Type },
        Search = ordered => MergedSearch(ordered, context),
    };

    /// <inheritdoc />
    protected override AtomEntry Atom(TimelineItemDto t, ReferenceLookups references) =>
        new(t.Summary, $"{t.Type}: {t.Summary}", t.Date, "ReadoutApi", t.Links.Self);

    private SearchIndex MergedSearch(IReadOnlyList<TimelineEntry> ordered, BuildContext context)
    {
        var offset = 0;
        var parts = new List<(SearchIndex Index, int Offset)>();
        foreach (var module in BuiltFrom)
        {
            var part = context.Built(module);
            var type = part.Descriptor.ItemType;
            for (var i = 0; i < part.Count; i++)
            {
                if (offset + i >= ordered.Count || ordered[offset + i].Type != type || ordered[offset + i].Id != part.Records.IdAt(i))
                {
                    throw new InvalidOperationException("The timeline is not its claims, readouts and statements in id order.");
                }
            }

            parts.Add((part.Index.Search, offset));
            offset += part.Count;
        }

        return offset == ordered.Count
            ? SearchIndex.Concat(parts)
            : throw new InvalidOperationException("The timeline is not its claims, readouts and statements in id order.");
    }
}
