using System.Text.Json.Nodes;

namespace ReadoutApi.Tests.Seed;

/// <summary>The data itself, as served: faithful to the article and FACTS.md, every link resolving.</summary>
public class SeedDataTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("2025-05-10-rubio-jaishankar", "2025-05-10", "subrahmanyam-jaishankar", "Minister of External Affairs", "IN")]
    [InlineData("2025-05-10-rubio-dar", "2025-05-10", "ishaq-dar", "Deputy Prime Minister and Minister of Foreign Affairs", "PK")]
    [InlineData("2025-05-09-rubio-munir", "2025-05-09", "asim-munir", "General, Chief of Army Staff", "PK")]
    public async Task EachReadoutRecordsRubiosCallWithItsCounterpart(string id, string date, string counterpart, string role, string country)
    {
        var readout = await _client.GetJson($"/v1/readouts/{id}");

        Assert.Equal(date, (string)readout["date"]!);
        Assert.Equal("us-department-of-state", (string)readout["issuer"]!["id"]!);
        var participants = readout["participants"]!.AsArray();
        Assert.Equal(2, participants.Count);
        Assert.Contains(participants, p => (string)p!["person"]!["id"]! == "marco-rubio" && (string)p["role"]! == "Secretary of State");
        Assert.Contains(participants, p => (string)p!["person"]!["id"]! == counterpart && (string)p["role"]! == role && (string)p["country"]!["id"]! == country);
        Assert.NotNull(readout["reportedWording"]);
    }

    [Fact]
    public async Task MunirReadoutNotesTheDateDisagreement()
    {
        var readout = await _client.GetJson("/v1/readouts/2025-05-09-rubio-munir");
        Assert.Contains(readout["notes"]!.AsArray(), n => ((string)n!).Contains("9 May", StringComparison.Ordinal) && ((string)n!).Contains("10 May", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MediationOfferStandsInTheDarAndMunirReadoutsOnly()
    {
        foreach (var (id, offered) in new[] { ("2025-05-10-rubio-dar", true), ("2025-05-09-rubio-munir", true), ("2025-05-10-rubio-jaishankar", false) })
        {
            var readout = await _client.GetJson($"/v1/readouts/{id}");
            var quotes = readout.AllStrings("quote");
            Assert.Equal(offered, quotes.Any(q => q.Contains("in order to avoid future conflicts", StringComparison.Ordinal)));
        }
    }

    [Theory]
    [InlineData("2025-05-10-pakistan-retaliatory-strikes", "organization", "pakistan-armed-forces", "retaliation")]
    [InlineData("2025-05-10-india-targeted-pakistani-air-bases", "organization", "pakistan-armed-forces", "strike")]
    [InlineData("2025-05-10-india-fired-missiles-at-installations", "country", "PK", "strike")]
    [InlineData("2025-05-10-most-missiles-intercepted", "person", "ahmed-sharif-chaudhry", "interception")]
    [InlineData("2025-05-10-no-damage-from-missiles", "person", "ahmed-sharif-chaudhry", "damage-assessment")]
    [InlineData("2025-05-10-india-hit-three-air-bases-all-intercepted", "person", "ahmed-sharif-chaudhry", "interception")]
    [InlineData("2025-05-10-cruise-missiles-intercepted-at-rafiqui", "person", "ahmed-sharif-chaudhry", "interception")]
    [InlineData("2025-05-10-india-accuses-pakistan-of-escalation", "country", "IN", "accusation")]
    [InlineData("2025-05-10-pakistan-accuses-india-of-escalation", "country", "PK", "accusation")]
    public async Task EveryClaimOfTheArticleHasItsClaimantAndIsUnverified(string id, string kind, string claimant, string eventKind)
    {
        var claim = await _client.GetJson($"/v1/claims/{id}");

        Assert.Equal(kind, (string)claim["claimant"]!["kind"]!);
        Assert.Equal(claimant, (string)claim["claimant"]!["id"]!);
        Assert.Equal(eventKind, (string)claim["eventKind"]!);
        Assert.Equal("unverified", (string)claim["verification"]!["status"]!);
        Assert.Equal("The Finance 360", (string)claim["verification"]!["reviewer"]!);
        Assert.Equal("The Finance 360 cannot independently verify the claims.", (string)claim["verification"]!["note"]!);
    }

    [Fact]
    public async Task ChaudhrysBroadcastClaimNamesTheThreeBasesAsHeSaidThem()
    {
        var claim = await _client.GetJson("/v1/claims/2025-05-10-india-hit-three-air-bases-all-intercepted");

        Assert.Equal("state-television-broadcast", (string)claim["channel"]!);
        var places = claim["places"]!.AsArray().ToDictionary(p => (string)p!["id"]!, p => (string)p!["nameAsReported"]!);
        Assert.Equal("Nur Khan Air Base", places["nur-khan-air-base"]);
        Assert.Equal("Shorkot Air Base", places["rafiqui-air-base"]);
        Assert.Equal("Murid Air Base", places["murid-air-base"]);
    }

    [Theory]
    [InlineData("2025-05-10-india-hit-three-air-bases-all-intercepted", "interception", "strike")]
    [InlineData("2025-05-10-cruise-missiles-intercepted-at-rafiqui", "interception", "strike")]
    [InlineData("2025-05-10-no-damage-from-missiles", "damage-assessment")]
    public async Task AClaimOfSeveralEventsHasEveryKindThePrimaryFirst(string id, params string[] kinds)
    {
        var claim = await _client.GetJson($"/v1/claims/{id}");

        Assert.Equal(kinds[0], (string)claim["eventKind"]!);
        Assert.Equal(kinds, claim["eventKinds"]!.AsArray().Select(k => (string)k!));
        foreach (var kind in kinds)
        {
            Assert.Contains(id, (await _client.GetJson($"/v1/claims?eventKind={kind}&limit=100")).Ids());
        }
    }

    [Fact]
    public async Task MuridsLocalityCitesTheSourceThatGivesItNotTheArticle()
    {
        var murid = await _client.GetJson("/v1/places/murid-air-base");
        Assert.Equal("Chakwal District, Punjab", (string)murid["locality"]!);
        var locality = Assert.Single(murid["provenance"]!.AsArray(), p => (string)p!["field"]! == "locality")!;
        var source = await _client.GetJson((string)locality["source"]!["href"]!);
        Assert.NotEqual("the-finance-360-rubio-mediation", (string)source["id"]!);
        Assert.Contains(source["notes"]!.AsArray(), n => ((string)n!).Contains("Chakwal District, Punjab", StringComparison.Ordinal));
        Assert.DoesNotContain("Chakwal", File.ReadAllText(TestPaths.Fixture("article.txt")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryProvenanceNamesAFieldWithAValueAndASourceOfTheRecord()
    {
        var count = 0;
        foreach (var collection in new[] { "readouts", "claims", "places" })
        {
            foreach (var record in (await _client.GetJson($"/v1/{collection}?limit=100"))["data"]!.AsArray())
            {
                var sources = record!["sources"]!.AsArray().Select(s => (string)s!["id"]!).ToHashSet();
                foreach (var entry in record["provenance"]!.AsArray())
                {
                    var field = (string)entry!["field"]!;
                    Assert.True(record[field] is not null && record[field] is not JsonArray { Count: 0 }, $"{record["id"]}: {field} has no value");
                    Assert.Contains((string)entry["source"]!["id"]!, sources);
                    count++;
                }
            }
        }

        Assert.True(count >= 15, $"only {count} provenance entries");
    }

    [Fact]
    public async Task TheInstallationNearIslamabadIsNearTheCityNotTheCity()
    {
        var claim = await _client.GetJson("/v1/claims/2025-05-10-india-fired-missiles-at-installations");
        var place = Assert.Single(claim["places"]!.AsArray())!;
        Assert.Equal("islamabad", (string)place["id"]!);
        Assert.Equal("Islamabad", (string)place["nameAsReported"]!);
        Assert.Equal("near", (string)place["relation"]!);
        var elsewhere = (await _client.GetJson("/v1/claims?limit=100"))["data"]!.AsArray()
            .SelectMany(c => c!["places"]!.AsArray()).Where(p => (string)p!["id"]! != "islamabad");
        Assert.All(elsewhere, p => Assert.Equal("at", (string)p!["relation"]!));
    }

    [Theory]
    [InlineData("2025-05-10-pakistan-retaliatory-strikes", "targets")]
    [InlineData("2025-05-10-most-missiles-intercepted", "allegedActors", "targets")]
    [InlineData("2025-05-10-no-damage-from-missiles", "allegedActors", "targets")]
    [InlineData("2025-05-10-cruise-missiles-intercepted-at-rafiqui", "allegedActors")]
    [InlineData("2025-05-10-india-hit-three-air-bases-all-intercepted")]
    public async Task ValuesTheArticleDoesNotStateAreMarkedInferred(string id, params string[] fields)
    {
        var claim = await _client.GetJson($"/v1/claims/{id}");
        Assert.Equal(fields, claim["inferred"]!.AsArray().Select(f => (string)f!));
    }

    [Fact]
    public async Task TheJaishankarPointParaphrasesItsOwnQuote()
    {
        var point = (await _client.GetJson("/v1/readouts/2025-05-10-rubio-jaishankar"))["points"]![0]!;
        Assert.Contains("identify methods to de-escalate", (string)point["text"]!, StringComparison.Ordinal);
        Assert.Contains("to avoid miscalculation", (string)point["text"]!, StringComparison.Ordinal);
        Assert.DoesNotContain("find ways", (string)point["text"]!, StringComparison.Ordinal);
        Assert.Null(point["wordingOf"]);
    }

    [Fact]
    public async Task TheDarReadoutsFirstQuoteIsMarkedAsTheJaishankarWording()
    {
        var dar = await _client.GetJson("/v1/readouts/2025-05-10-rubio-dar");
        var first = dar["points"]![0]!;
        Assert.Equal("2025-05-10-rubio-jaishankar", (string)first["wordingOf"]!["id"]!);
        var jaishankar = await _client.GetJson((string)first["wordingOf"]!["href"]!);
        Assert.Contains((string)first["quote"]!, (string)jaishankar["reportedWording"]!["quote"]!, StringComparison.Ordinal);
        Assert.Null(dar["points"]![1]!["wordingOf"]);
    }

    [Theory]
    [InlineData("business-standard-rubio-munir-call")]
    [InlineData("menafn-rubio-munir-call")]
    public async Task TheOutletsThatReportedTheMunirCallOn10MayAreDated10May(string id) =>
        Assert.Equal("2025-05-10", (string)(await _client.GetJson($"/v1/sources/{id}"))["date"]!);

    [Fact]
    public async Task TheArticlesFramingIsFoundBySearch()
    {
        const string framing = "a new round of military action between the two nuclear-armed neighbors";
        Assert.Contains(framing, File.ReadAllText(TestPaths.Fixture("article.txt")), StringComparison.Ordinal);
        var statements = await _client.GetJson("/v1/statements?q=nuclear-armed%20neighbors");
        Assert.Equal(["2025-05-10-dar-iota-of-sanity", "2025-05-10-dar-peace-without-hegemony"], statements.Ids().Order());
        Assert.Contains("the-finance-360-rubio-mediation", (await _client.GetJson("/v1/sources?q=nuclear-armed")).Ids());
    }

    [Fact]
    public async Task ShorkotAndRafiquiAreOnePlaceWithBothNamesAsAliases()
    {
        var place = await _client.GetJson("/v1/places/rafiqui-air-base");
        var aliases = place["aliases"]!.AsArray().Select(a => (string)a!).ToArray();
        Assert.Contains("Shorkot Air Base", aliases);
        Assert.Contains("Rafiqui Air Force Base in Shorkot", aliases);
        Assert.Null(place["coordinates"]);

        var claims = await _client.GetJson((string)place["links"]!["claims"]!);
        Assert.Equal(
            ["2025-05-10-cruise-missiles-intercepted-at-rafiqui", "2025-05-10-india-hit-three-air-bases-all-intercepted"],
            claims.Ids().Order());
    }

    [Fact]
    public async Task PlacesKeepOnlyConfirmedCoordinates()
    {
        var nurKhan = await _client.GetJson("/v1/places/nur-khan-air-base");
        Assert.Equal(33.616, (double)nurKhan["coordinates"]!["latitude"]!, 3);
        Assert.Equal(73.099, (double)nurKhan["coordinates"]!["longitude"]!, 3);
        Assert.Null((await _client.GetJson("/v1/places/murid-air-base"))["coordinates"]);
    }

    [Fact]
    public async Task StatementsQuoteDarAndPakistansPostOnX()
    {
        var page = await _client.GetJson("/v1/statements");
        var bySpeaker = page["data"]!.AsArray().GroupBy(s => (string)s!["speaker"]!["id"]!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(2, bySpeaker["ishaq-dar"]);
        Assert.Equal(1, bySpeaker["PK"]);
    }

    [Fact]
    public async Task EveryQuoteIsVerbatimFromTheArticleOrFacts()
    {
        var corpus = Normalize(File.ReadAllText(TestPaths.Fixture("article.txt")) + "\n" + File.ReadAllText(TestPaths.Fixture("FACTS.md")));
        var quotes = new List<string>();
        foreach (var collection in new[] { "readouts", "claims", "statements" })
        {
            quotes.AddRange((await _client.GetJson($"/v1/{collection}?limit=100"))["data"].AllStrings("quote"));
        }

        Assert.True(quotes.Count >= 13, $"only {quotes.Count} quotes");
        foreach (var quote in quotes)
        {
            Assert.True(corpus.Contains(Normalize(quote), StringComparison.Ordinal), $"not verbatim: {quote}");
        }
    }

    [Fact]
    public async Task EverySourceFactsNamesIsCitedWithItsUrl()
    {
        var urls = (await _client.GetJson("/v1/sources?limit=100"))["data"]!.AsArray().Select(s => (string?)s!["url"]).ToHashSet();
        string[] expected =
        [
            "https://www.thefinance360.com/u-s-secretary-of-state-marco-rubio-has-offered-american-mediation-in-the-growing-conflict-between-india-and-pakistan-according-to-readouts-from-the-state-department",
            "https://www.business-standard.com/external-affairs-defence-security/news/us-pakistan-rubio-army-chief-munir-deescalation-talks-india-tensions-125051000378_1.html",
            "https://www.hindustantimes.com/india-news/s-jaishankars-response-to-marco-rubio-as-he-urges-india-pakistan-to-deescalate-101746860819102.html",
            "https://www.lokmattimes.com/international/us-secretary-of-state-dials-india-pakistan-counterparts-on-escalating-tensions/",
            "https://www.urdupoint.com/en/pakistan/rubio-speaks-with-dar-calls-for-de-escalatio-1976980.html",
            "https://www.pakistantoday.com.pk/2025/05/20/coas-general-asim-munir-elevated-to-rank-of-field-marshal/",
            "https://newsguru.pk/pakistan/islamabad/indias-airstrike-attempt-on-nur-khan-airbase-thwarted-by-pakistani-forces",
            "https://military-history.fandom.com/wiki/PAF_Base_Nur_Khan",
        ];
        Assert.Superset(expected.ToHashSet(), urls!);
        var facts = File.ReadAllText(TestPaths.Fixture("FACTS.md"));
        Assert.All(urls.Where(u => u is not null), u => Assert.Contains(u!, facts, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryReferenceInEveryRecordResolves()
    {
        var hrefs = new HashSet<string>();
        foreach (var collection in new[] { "readouts", "claims", "statements", "people", "organizations", "countries", "places", "sources", "timeline" })
        {
            var page = await _client.GetJson($"/v1/{collection}?limit=100");
            hrefs.UnionWith(page["data"].AllStrings("href"));
            foreach (var item in page["data"]!.AsArray())
            {
                hrefs.UnionWith(item!["links"]!.AsObject().Select(l => (string)l.Value!));
            }
        }

        Assert.True(hrefs.Count > 60, $"only {hrefs.Count} links");
        foreach (var href in hrefs)
        {
            var resource = await _client.GetJson(href);
            Assert.NotNull(resource);
        }
    }

    private static string Normalize(string text) => text
        .Replace('\u2019', '\'').Replace('\u2018', '\'').Replace('\u201c', '"').Replace('\u201d', '"');
}
