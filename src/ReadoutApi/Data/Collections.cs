using ReadoutApi.Contracts;
using ReadoutApi.Querying;
using ReadoutApi.Seed;

namespace ReadoutApi.Data;

/// <summary>
/// Every collection: what clients may ask of it (the descriptors, which also feed the OpenAPI document)
/// and how its records are indexed (the definitions).
/// </summary>
public static class Collections
{
    private static readonly string[] AllFormats = ["json", "csv", "ndjson"];
    private static readonly string[] FeedFormats = ["json", "csv", "ndjson", "atom"];

    /// <summary>Readouts of calls.</summary>
    public static readonly CollectionDescriptor Readouts = new(
        "readouts", "readout", Dated: true,
        [
            new("participant", "A participant's person id or alias.", ValueKind.Person, "subrahmanyam-jaishankar"),
            new("country", "A participant's country (ISO 3166-1 alpha-2, any case).", ValueKind.Country, "IN"),
            new("topic", "A topic of the call.", ValueKind.Indexed, "de-escalation"),
            new("issuer", "The organization that issued the readout (id or alias).", ValueKind.Organization, "us-department-of-state"),
        ],
        ["date", "id", "title"], "-date", FeedFormats, "jaishankar");

    /// <summary>Claims about military events.</summary>
    public static readonly CollectionDescriptor Claims = new(
        "claims", "claim", Dated: true,
        [
            new("claimant", "Who made the claim: a person, organization or country (id, alias or code).", ValueKind.Actor, "ahmed-sharif-chaudhry"),
            new("country", "A country involved: alleged actor, target or the claimant's country.", ValueKind.Country, "IN"),
            new("place", "A place the claim names, by id or any of its names (aliases resolve).", ValueKind.Place, "rafiqui-air-base"),
            new("status", "The verification status.", ValueKind.Vocabulary, "unverified", Vocabulary.VerificationStatuses),
            new("eventKind", "The kind of event claimed.", ValueKind.Vocabulary, "interception", Vocabulary.EventKinds),
            new("allegedActor", "The country the claim says acted.", ValueKind.Country, "IN"),
        ],
        ["date", "id", "status", "eventKind"], "-date", FeedFormats, "intercepted");

    /// <summary>Public statements.</summary>
    public static readonly CollectionDescriptor Statements = new(
        "statements", "statement", Dated: true,
        [
            new("speaker", "Who spoke: a person, organization or country (id, alias or code).", ValueKind.Actor, "ishaq-dar"),
            new("country", "The speaker's country.", ValueKind.Country, "PK"),
        ],
        ["date", "id"], "-date", FeedFormats, "peace");

    /// <summary>People.</summary>
    public static readonly CollectionDescriptor People = new(
        "people", "person", Dated: false,
        [
            new("country", "The person's country.", ValueKind.Country, "PK"),
            new("organization", "An organization the person held a role in.", ValueKind.Organization, "pakistan-army"),
        ],
        ["name", "id"], "name", AllFormats, "munir");

    /// <summary>Organizations.</summary>
    public static readonly CollectionDescriptor Organizations = new(
        "organizations", "organization", Dated: false, [], ["name", "id"], "name", AllFormats, "pakistan");

    /// <summary>Countries.</summary>
    public static readonly CollectionDescriptor Countries = new(
        "countries", "country", Dated: false, [], ["name", "id"], "name", AllFormats, "pakistan");

    /// <summary>Places.</summary>
    public static readonly CollectionDescriptor Places = new(
        "places", "place", Dated: false,
        [
            new("country", "The place's country.", ValueKind.Country, "PK"),
            new("kind", "The kind of place.", ValueKind.Vocabulary, "air-base", Vocabulary.PlaceKinds),
        ],
        ["name", "id", "kind"], "name", AllFormats, "shorkot");

    /// <summary>Cited sources.</summary>
    public static readonly CollectionDescriptor Sources = new(
        "sources", "source", Dated: true, [], ["title", "publisher", "date", "id"], "title", AllFormats, "munir");

    /// <summary>Readouts, claims and statements merged.</summary>
    public static readonly CollectionDescriptor Timeline = new(
        "timeline", "timeline item", Dated: true,
        [
            new("type", "The kind of record.", ValueKind.Vocabulary, "claim", Vocabulary.TimelineTypes),
            new("person", "A person involved (participant, claimant or speaker).", ValueKind.Person, "ahmed-sharif-chaudhry"),
            new("country", "A country involved.", ValueKind.Country, "PK"),
            new("place", "A place named (aliases resolve).", ValueKind.Place, "rafiqui-air-base"),
        ],
        ["date", "id", "type"], "-date", FeedFormats, "intercepted");

    /// <summary>All descriptors, in the order the index lists them.</summary>
    public static readonly IReadOnlyList<CollectionDescriptor> All =
        [Readouts, Claims, Statements, People, Organizations, Countries, Places, Sources, Timeline];

    internal static CollectionDefinition<ReadoutRecord> ReadoutDefinition(ReferenceLookups refs) => new()
    {
        Descriptor = Readouts,
        Id = r => r.Id,
        Date = r => r.Date,
        FilterKeys = new Dictionary<string, Func<ReadoutRecord, IEnumerable<string>>>
        {
            ["participant"] = r => r.Participants.Select(p => p.PersonId),
            ["country"] = r => r.Participants.Select(p => p.CountryCode),
            ["topic"] = r => r.Topics,
            ["issuer"] = r => [r.IssuerId],
        },
        SortKeys = new Dictionary<string, Func<ReadoutRecord, string?>> { ["title"] = r => r.Title },
        SearchText = ReadoutText,
        SearchTokens = r => ReadoutLinks(r, refs),
    };

    internal static CollectionDefinition<ClaimRecord> ClaimDefinition(ReferenceLookups refs) => new()
    {
        Descriptor = Claims,
        Id = c => c.Id,
        Date = c => c.Date,
        FilterKeys = new Dictionary<string, Func<ClaimRecord, IEnumerable<string>>>
        {
            ["claimant"] = c => [c.Claimant.Id],
            ["country"] = c => ClaimCountries(c, refs),
            ["place"] = c => c.Places.Select(p => p.PlaceId),
            ["status"] = c => [c.Verification.Status],
            ["eventKind"] = c => [c.EventKind],
            ["allegedActor"] = c => c.AllegedActors,
        },
        SortKeys = new Dictionary<string, Func<ClaimRecord, string?>>
        {
            ["status"] = c => c.Verification.Status,
            ["eventKind"] = c => c.EventKind,
        },
        SearchText = ClaimText,
        SearchTokens = c => ClaimLinks(c, refs),
    };

    internal static CollectionDefinition<StatementRecord> StatementDefinition(ReferenceLookups refs) => new()
    {
        Descriptor = Statements,
        Id = s => s.Id,
        Date = s => s.Date,
        FilterKeys = new Dictionary<string, Func<StatementRecord, IEnumerable<string>>>
        {
            ["speaker"] = s => [s.Speaker.Id],
            ["country"] = s => refs.CountryOf(s.Speaker) is { } code ? [code] : [],
        },
        SearchText = StatementText,
        SearchTokens = s => refs.TokensOf(s.Speaker),
    };

    internal static CollectionDefinition<PersonRecord> PersonDefinition(ReferenceLookups refs) => new()
    {
        Descriptor = People,
        Id = p => p.Id,
        FilterKeys = new Dictionary<string, Func<PersonRecord, IEnumerable<string>>>
        {
            ["country"] = p => [p.CountryCode],
            ["organization"] = p => p.Roles.Where(r => r.OrganizationId is not null).Select(r => r.OrganizationId!),
        },
        SortKeys = new Dictionary<string, Func<PersonRecord, string?>> { ["name"] = p => p.Name },
        SearchText = p => [p.Name, .. p.Aliases, .. p.Roles.Select(r => r.Title),
            .. p.Roles.Where(r => r.OrganizationId is not null).SelectMany(r => refs.NamesOf(new ActorRecord("organization", r.OrganizationId!))),
            refs.Countries[p.CountryCode].Name],
    };

    internal static CollectionDefinition<OrganizationRecord> OrganizationDefinition(ReferenceLookups refs) => new()
    {
        Descriptor = Organizations,
        Id = o => o.Id,
        SortKeys = new Dictionary<string, Func<OrganizationRecord, string?>> { ["name"] = o => o.Name },
        SearchText = o => [o.Name, .. o.Aliases, o.Kind, o.CountryCode is { } code ? refs.Countries[code].Name : null],
    };

    internal static CollectionDefinition<CountryRecord> CountryDefinition() => new()
    {
        Descriptor = Countries,
        Id = c => c.Code,
        SortKeys = new Dictionary<string, Func<CountryRecord, string?>> { ["name"] = c => c.Name },
        SearchText = c => [c.Name, c.Code],
    };

    internal static CollectionDefinition<PlaceRecord> PlaceDefinition(ReferenceLookups refs) => new()
    {
        Descriptor = Places,
        Id = p => p.Id,
        FilterKeys = new Dictionary<string, Func<PlaceRecord, IEnumerable<string>>>
        {
            ["country"] = p => [p.CountryCode],
            ["kind"] = p => [p.Kind],
        },
        SortKeys = new Dictionary<string, Func<PlaceRecord, string?>>
        {
            ["name"] = p => p.Name,
            ["kind"] = p => p.Kind,
        },
        SearchText = p => [p.Name, .. p.Aliases, p.Locality, p.Icao, .. p.Notes, refs.Countries[p.CountryCode].Name],
    };

    internal static CollectionDefinition<SourceRecord> SourceDefinition() => new()
    {
        Descriptor = Sources,
        Id = s => s.Id,
        Date = s => s.Date,
        SortKeys = new Dictionary<string, Func<SourceRecord, string?>>
        {
            ["title"] = s => s.Title,
            ["publisher"] = s => s.Publisher,
        },
        SearchText = s => [s.Title, s.Publisher, s.Url, .. s.Notes],
    };

    /// <summary>
    /// The timeline is ordered by key: its claims, then its readouts, then its statements, each in id order as in their
    /// own collections. So its search index is theirs laid end to end, once they are built, and no text is tokenized twice.
    /// </summary>
    internal static CollectionDefinition<TimelineEntry> TimelineDefinition<TClaim, TReadout, TStatement>(
        Task<Collection<ClaimRecord, TClaim>> claimsIndexed, Task<Collection<ReadoutRecord, TReadout>> readoutsIndexed,
        Task<Collection<StatementRecord, TStatement>> statementsIndexed) => new()
        {
            Descriptor = Timeline,
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
            Search = ordered =>
            {
                var (claims, readouts, statements) = (
                    claimsIndexed.GetAwaiter().GetResult(), readoutsIndexed.GetAwaiter().GetResult(), statementsIndexed.GetAwaiter().GetResult());
                (SearchIndex Index, int Offset)[] parts = [(claims.Search, 0), (readouts.Search, claims.Count), (statements.Search, claims.Count + readouts.Count)];
                (string Type, IReadOnlyList<string> Ids, int Offset)[] expected =
                    [("claim", claims.Ids, 0), ("readout", readouts.Ids, claims.Count), ("statement", statements.Ids, claims.Count + readouts.Count)];
                if (ordered.Count != claims.Count + readouts.Count + statements.Count ||
                    expected.Any(x => x.Ids.Where((id, i) => ordered[x.Offset + i].Type != x.Type || ordered[x.Offset + i].Id != id).Any()))
                {
                    throw new InvalidOperationException("The timeline is not its claims, readouts and statements in id order.");
                }

                return SearchIndex.Concat(parts);
            },
        };

    /// <summary>The timeline entries of a data set: each claim, readout and statement in brief (in key order when each file is in id order).</summary>
    internal static IEnumerable<TimelineEntry> TimelineEntries(SeedData data, ReferenceLookups refs)
    {
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
                ClaimCountries(c, refs),
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

    private static string[] ClaimCountries(ClaimRecord c, ReferenceLookups refs)
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

    // The texts and linked tokens of the large collections are yielded one by one: building arrays of them would allocate
    // several objects per record, at 100,000 records on the start-up path.
    private static IEnumerable<string?> ReadoutText(ReadoutRecord r)
    {
        yield return r.Title;
        foreach (var text in r.Topics.Concat(r.Notes))
        {
            yield return text;
        }

        for (var i = 0; i < r.Points.Count; i++)
        {
            yield return r.Points[i].Text;
            yield return r.Points[i].Quote;
        }

        yield return r.ReportedWording?.Quote;
        for (var i = 0; i < r.Participants.Count; i++)
        {
            yield return r.Participants[i].Role;
        }
    }

    private static IEnumerable<string> ReadoutLinks(ReadoutRecord r, ReferenceLookups refs)
    {
        foreach (var token in refs.TokensOf(new ActorRecord("organization", r.IssuerId)))
        {
            yield return token;
        }

        for (var i = 0; i < r.Participants.Count; i++)
        {
            foreach (var token in refs.TokensOf(new ActorRecord("person", r.Participants[i].PersonId)).Concat(refs.CountryNameTokens(r.Participants[i].CountryCode)))
            {
                yield return token;
            }
        }
    }

    private static IEnumerable<string?> ClaimText(ClaimRecord c)
    {
        yield return c.Text;
        yield return c.Quote;
        yield return c.Channel;
        yield return c.EventKind;
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

    private static IEnumerable<string> ClaimLinks(ClaimRecord c, ReferenceLookups refs)
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

    private static IEnumerable<string?> StatementText(StatementRecord s) => [s.Quote, s.Channel, .. s.Notes];
}
