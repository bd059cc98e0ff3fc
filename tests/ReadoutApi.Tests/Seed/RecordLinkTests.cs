using System.Text.Json.Nodes;

namespace ReadoutApi.Tests.Seed;

/// <summary>
/// Every filtered link of every person, organization, country and place returns what it says: the records that
/// involve it, worked out here from the seed files as written (not from the service's indexes), all of them.
/// </summary>
public class RecordLinkTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly Lazy<SeedFiles> Data = new(() => new SeedFiles(TestPaths.RepoSeed));
    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string, string> Links()
    {
        var data = new TheoryData<string, string>();
        var seed = Data.Value;
        foreach (var id in seed.Ids("people"))
        {
            foreach (var link in new[] { "readouts", "claims", "statements", "timeline" })
            {
                data.Add($"people/{id}", link);
            }
        }

        foreach (var id in seed.Ids("organizations"))
        {
            foreach (var link in new[] { "people", "readouts", "claims" })
            {
                data.Add($"organizations/{id}", link);
            }
        }

        foreach (var code in seed.Ids("countries"))
        {
            foreach (var link in new[] { "readouts", "claims", "statements", "people", "places" })
            {
                data.Add($"countries/{code}", link);
            }
        }

        foreach (var id in seed.Ids("places"))
        {
            foreach (var link in new[] { "claims", "timeline" })
            {
                data.Add($"places/{id}", link);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Links))]
    public async Task EachLinkOfARecordListsExactlyTheRecordsThatInvolveIt(string record, string link)
    {
        var href = (string)(await _client.GetJson($"/v1/{record}"))["links"]![link]!;
        var page = await _client.GetJson(href + "&limit=100");

        Assert.Null(page["links"]!["next"]);
        var expected = Data.Value.Expected(record, link).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, page.Ids().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheOrganizationLinksAreTestedOnAnOrganizationWithinAnother()
    {
        // The case that was wrong: ISPR's claims, and the armed forces' that include them.
        Assert.Equal(4, Data.Value.Expected("organizations/inter-services-public-relations", "claims").Count());
        Assert.Equal(6, Data.Value.Expected("organizations/pakistan-armed-forces", "claims").Count());
        Assert.Contains("ahmed-sharif-chaudhry", Data.Value.Expected("organizations/pakistan-armed-forces", "people"));
    }

    /// <summary>The seed files, read as plain JSON, and what each link should list, as docs/api.md defines it.</summary>
    private sealed class SeedFiles(string folder)
    {
        private readonly Dictionary<string, JsonArray> _files = new[]
            { "readouts", "claims", "statements", "people", "organizations", "countries", "places" }
            .ToDictionary(name => name, name => JsonNode.Parse(File.ReadAllText(Path.Combine(folder, $"{name}.json")))![name]!.AsArray());

        public IEnumerable<string> Ids(string collection) =>
            _files[collection].Select(r => (string)r![collection == "countries" ? "code" : "id"]!);

        public IEnumerable<string> Expected(string record, string link)
        {
            var (collection, id) = (record.Split('/')[0], record.Split('/')[1]);
            return (collection, link) switch
            {
                ("people", "readouts") => Where("readouts", r => Participants(r).Contains(id)),
                ("people", "claims") => Where("claims", c => Actors(c).Any(a => a.Id == id)),
                ("people", "statements") => Where("statements", s => Id(s["speaker"]) == id),
                ("people", "timeline") => Where("readouts", r => Participants(r).Contains(id))
                    .Concat(Where("claims", c => Actors(c).Any(a => a.Kind == "person" && a.Id == id)))
                    .Concat(Where("statements", s => (string)s["speaker"]!["kind"]! == "person" && Id(s["speaker"]) == id)),
                ("organizations", "people") => Where("people", p => p["roles"]!.AsArray()
                    .Any(r => r!["organizationId"] is JsonValue o && WithParents((string)o!).Contains(id))),
                ("organizations", "readouts") => Where("readouts", r => (string)r["issuerId"]! == id),
                ("organizations", "claims") => Where("claims", c => Actors(c)
                    .Any(a => a.Kind == "organization" ? WithParents(a.Id).Contains(id) : a.Id == id)),
                ("countries", "readouts") => Where("readouts", r => r["participants"]!.AsArray().Any(p => (string)p!["countryCode"]! == id)),
                ("countries", "claims") => Where("claims", c => CountriesOf(c).Contains(id)),
                ("countries", "statements") => Where("statements", s => CountryOf(s["speaker"]!) == id),
                ("countries", "people") => Where("people", p => (string)p["countryCode"]! == id),
                ("countries", "places") => Where("places", p => (string)p["countryCode"]! == id),
                ("places", "claims") or ("places", "timeline") => Where("claims", c => PlacesOf(c).Contains(id)),
                _ => throw new ArgumentException($"no expectation for {record} {link}"),
            };
        }

        private IEnumerable<string> Where(string collection, Func<JsonNode, bool> test) =>
            _files[collection].Where(r => test(r!)).Select(r => (string)r!["id"]!);

        private static string? Id(JsonNode? reference) => reference is null ? null : (string)reference["id"]!;

        private static IEnumerable<string> Participants(JsonNode readout) =>
            readout["participants"]!.AsArray().Select(p => (string)p!["personId"]!);

        private static IEnumerable<(string Kind, string Id)> Actors(JsonNode claim) =>
            new[] { claim["claimant"], claim["onBehalfOf"] }.OfType<JsonNode>().Select(a => ((string)a["kind"]!, (string)a["id"]!));

        private static IEnumerable<string> PlacesOf(JsonNode claim) => claim["places"]!.AsArray().Select(p => (string)p!["placeId"]!);

        // The organization and those it is part of.
        private List<string> WithParents(string organization)
        {
            var chain = new List<string>();
            for (string? at = organization; at is not null && !chain.Contains(at); at = Find("organizations", at)["parentId"] is JsonValue p ? (string)p! : null)
            {
                chain.Add(at);
            }

            return chain;
        }

        private JsonNode Find(string collection, string id) =>
            _files[collection].Single(r => (string)r![collection == "countries" ? "code" : "id"]! == id)!;

        private string? CountryOf(JsonNode actor) => (string)actor["kind"]! switch
        {
            "person" => (string)Find("people", (string)actor["id"]!)["countryCode"]!,
            "organization" => Find("organizations", (string)actor["id"]!)["countryCode"] is JsonValue c ? (string)c! : null,
            _ => (string)actor["id"]!,
        };

        // A claim's countries: alleged actors, targets, the claimant's country and its places' countries.
        private IEnumerable<string?> CountriesOf(JsonNode claim) =>
            claim["allegedActors"]!.AsArray().Select(c => (string?)c)
                .Concat(claim["targets"]!.AsArray().Select(c => (string?)c))
                .Append(CountryOf(claim["claimant"]!))
                .Concat(PlacesOf(claim).Select(p => (string?)Find("places", p)["countryCode"]));
    }
}
