using System.Text.Json.Serialization.Metadata;
using Mapster;
using ReadoutApi.Contracts;
using ReadoutApi.Http;
using ReadoutApi.Querying;
using ReadoutApi.Seed;

namespace ReadoutApi.Collections;

/// <summary>Claims about military events: <c>/v1/claims</c>.</summary>
public sealed class ClaimsModule : CollectionModule<ClaimRecord, ClaimDto>
{
    /// <inheritdoc />
    public override CollectionDescriptor Descriptor { get; } = new(
        "claims", "claim", Dated: true,
        [
            new("claimant", "Who made the claim or whom it was made for: the claimant, the actor `onBehalfOf`, or an organization either is part of " +
                "(`pakistan-armed-forces` finds ISPR's claims); a person, organization or country (id, alias or code).", ValueKind.Actor, "ahmed-sharif-chaudhry"),
            new("country", "A country involved: alleged actor, target or the claimant's country.", ValueKind.Country, "IN"),
            new("place", "A place the claim names, by id or any of its names (aliases resolve).", ValueKind.Place, "rafiqui-air-base"),
            new("status", "The verification status.", ValueKind.Vocabulary, "unverified", Vocabulary.VerificationStatuses),
            new("eventKind", "A kind of event claimed: matches a claim when it is any of the claim's `eventKinds`.", ValueKind.Vocabulary, "interception", Vocabulary.EventKinds),
            new("allegedActor", "The country the claim says acted.", ValueKind.Country, "IN"),
        ],
        ["date", "id", "status", "eventKind"], "-date", CollectionDescriptor.LinkedDataFormats, "intercepted");

    /// <inheritdoc />
    public override CollectionDocs Docs { get; } = new(
        "Claims",
        "List claims about military events",
        "Assertions about the May 2025 events (strikes, interceptions, damage, retaliation, accusations), newest first, each with " +
        "its claimant, channel, places and verification status. `place` resolves aliases: `rafiqui-air-base` finds the claims that say \"Shorkot Air Base\"." + CollectionDocs.Querying,
        "Get one claim",
        "A claim: text, verbatim quote where there is one, claimant and on whose behalf, channel, date, event kind (the primary one) and every kind it asserts, alleged actor " +
        "and target countries, places as named in the claim, verification {status, reviewer, note, reviewed date}, sources.",
        "2025-05-10-cruise-missiles-intercepted-at-rafiqui",
        TagDescription: "What governments and militaries claimed about the May 2025 strikes and interceptions, with claimant, channel and verification status.");

    /// <inheritdoc />
    protected override JsonTypeInfo<ClaimDto> Json => ReadoutJsonContext.Default.ClaimDto;

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string> CsvFieldsOfColumns { get; } =
        new Dictionary<string, string> { ["placeNamesAsReported"] = "places", ["placeRelations"] = "places", ["reviewedDate"] = "verification" };

    /// <inheritdoc />
    protected override CsvColumns<ClaimDto> Csv { get; } = new(
        ("id", c => c.Id),
        ("date", c => CsvCells.Date(c.Date)),
        ("text", c => c.Text),
        ("quote", c => c.Quote),
        ("claimantKind", c => c.Claimant.Kind),
        ("claimant", c => c.Claimant.Id),
        ("onBehalfOf", c => c.OnBehalfOf?.Id),
        ("channel", c => c.Channel),
        ("eventKind", c => c.EventKind),
        ("eventKinds", c => CsvCells.Join(c.EventKinds)),
        ("allegedActors", c => CsvCells.Join(c.AllegedActors.Select(a => a.Id))),
        ("targets", c => CsvCells.Join(c.Targets.Select(t => t.Id))),
        ("places", c => CsvCells.Join(c.Places.Select(p => p.Id))),
        ("placeNamesAsReported", c => CsvCells.Join(c.Places.Select(p => p.NameAsReported))),
        ("placeRelations", c => CsvCells.Join(c.Places.Select(p => p.Relation))),
        ("verificationStatus", c => c.Verification.Status),
        ("verificationReviewer", c => c.Verification.Reviewer),
        ("verificationNote", c => c.Verification.Note),
        ("reviewedDate", c => CsvCells.Date(c.Verification.ReviewedDate)),
        ("sources", c => CsvCells.Join(c.Sources.Select(s => s.Id))),
        ("notes", c => CsvCells.Join(c.Notes)),
        ("inferred", c => CsvCells.Join(c.Inferred)),
        ("provenance", c => CsvCells.Join(c.Provenance.Select(p => $"{p.Field}: {p.Source.Id}"))),
        ("href", c => c.Links.Self));

    /// <inheritdoc />
    public override void ConfigureMapping(TypeAdapterConfig config)
    {
        config.NewConfig<PlaceMentionRecord, PlaceMentionDto>()
            .Map(d => d.Id, s => s.PlaceId)
            .Map(d => d.Href, s => Paths.Record("places", s.PlaceId));
        config.NewConfig<ClaimRecord, ClaimDto>()
            .Map(d => d.Type, _ => "claim")
            .Map(d => d.AllegedActors, s => RecordRefs.Countries(s.AllegedActors))
            .Map(d => d.Targets, s => RecordRefs.Countries(s.Targets))
            .Map(d => d.Sources, s => RecordRefs.Sources(s.SourceIds))
            .Map(d => d.Links, s => new SelfLinks(Paths.Record("claims", s.Id)));
    }

    /// <inheritdoc />
    protected override IEnumerable<ClaimRecord> Records(SeedData data, BuildContext context) => data.Claims;

    /// <inheritdoc />
    protected override CollectionDefinition<ClaimRecord> Define(BuildContext context)
    {
        var refs = context.References;
        return new()
        {
            Descriptor = Descriptor,
            Id = c => c.Id,
            Date = c => c.Date,
            FilterKeys = new Dictionary<string, Func<ClaimRecord, IEnumerable<string>>>
            {
                ["claimant"] = c => Claimants(c, refs),
                ["country"] = c => Countries(c, refs),
                ["place"] = c => c.Places.Select(p => p.PlaceId),
                ["status"] = c => [c.Verification.Status],
                ["eventKind"] = c => c.EventKinds,
                ["allegedActor"] = c => c.AllegedActors,
            },
            SortKeys = new Dictionary<string, Func<ClaimRecord, string?>>
            {
                ["status"] = c => c.Verification.Status,
                ["eventKind"] = c => c.EventKind,
            },
            SearchText = Text,
            SearchTokens = c => Links(c, refs),
        };
    }

    /// <inheritdoc />
    protected override AtomEntry Atom(ClaimDto c, ReferenceLookups references) => new(
        c.Text,
        $"{(c.Quote is null ? c.Text : $"\u201c{c.Quote}\u201d")} Verification: {c.Verification.Status} ({c.Verification.Reviewer}).",
        c.Date, references.NameOf(new ActorRecord(c.Claimant.Kind, c.Claimant.Id)), c.Links.Self);

    /// <inheritdoc />
    protected override void LinkedData(System.Text.Json.Utf8JsonWriter writer, ClaimDto record, ReferenceLookups references, bool withContext) =>
        ClaimReviews.Write(writer, record, references, withContext);

    /// <summary>
    /// The values of the <c>claimant</c> filter: the claimant, the actor it speaks for, and every organization either is
    /// part of. A claim of ISPR's director general for ISPR is a claim of him, of ISPR and of the armed forces.
    /// </summary>
    internal static IEnumerable<string> Claimants(ClaimRecord c, ReferenceLookups refs) =>
        c.OnBehalfOf is { } principal ? refs.SpeaksFor(c.Claimant).Concat(refs.SpeaksFor(principal)) : refs.SpeaksFor(c.Claimant);

    /// <summary>The countries a claim involves: alleged actors, targets, the claimant's country and its places' countries.</summary>
    internal static string[] Countries(ClaimRecord c, ReferenceLookups refs)
    {
        var countries = new List<string>(c.AllegedActors.Count + c.Targets.Count + 1 + c.Places.Count);
        void Add(string? code)
        {
            if (code is not null && !countries.Contains(code))
            {
                countries.Add(code);
            }
        }

        foreach (var code in c.AllegedActors)
        {
            Add(code);
        }

        foreach (var code in c.Targets)
        {
            Add(code);
        }

        Add(refs.CountryOf(c.Claimant));
        foreach (var place in c.Places)
        {
            Add(refs.Places[place.PlaceId].CountryCode);
        }

        return [.. countries];
    }

    private static IEnumerable<string?> Text(ClaimRecord c)
    {
        yield return c.Text;
        yield return c.Quote;
        yield return c.Channel;
        for (var i = 0; i < c.EventKinds.Count; i++)
        {
            yield return c.EventKinds[i];
        }

        yield return c.Verification.Status;
        for (var i = 0; i < c.Notes.Count; i++)
        {
            yield return c.Notes[i];
        }

        for (var i = 0; i < c.Places.Count; i++)
        {
            yield return c.Places[i].NameAsReported;
        }
    }

    private static IEnumerable<string> Links(ClaimRecord c, ReferenceLookups refs)
    {
        foreach (var token in refs.TokensOf(c.Claimant).Concat(c.OnBehalfOf is { } principal ? refs.TokensOf(principal) : []))
        {
            yield return token;
        }

        for (var i = 0; i < c.Places.Count; i++)
        {
            foreach (var token in refs.PlaceTokens(c.Places[i].PlaceId))
            {
                yield return token;
            }
        }

        foreach (var code in c.AllegedActors.Concat(c.Targets))
        {
            foreach (var token in refs.CountryNameTokens(code))
            {
                yield return token;
            }
        }
    }
}
