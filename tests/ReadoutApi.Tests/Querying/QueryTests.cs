using System.Text.Json.Nodes;

namespace ReadoutApi.Tests.Querying;

/// <summary>Filters, search, sort, facets and strict parameters, on the real seed data.</summary>
public class QueryTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<string[]> Ids(string url) => (await _client.GetJson(url)).Ids();

    [Fact]
    public async Task ParticipantFilterFindsTheDarReadout() =>
        Assert.Equal(["2025-05-10-rubio-dar"], await Ids("/v1/readouts?participant=ishaq-dar"));

    [Fact]
    public async Task FilterValuesMayBeAliases() =>
        Assert.Equal(["2025-05-09-rubio-munir"], await Ids("/v1/readouts?participant=Gen.%20Asim%20Munir"));

    [Fact]
    public async Task RepeatedFilterMeansEither() =>
        Assert.Equal(
            ["2025-05-09-rubio-munir", "2025-05-10-rubio-jaishankar"],
            (await Ids("/v1/readouts?participant=asim-munir&participant=subrahmanyam-jaishankar")).Order());

    [Fact]
    public async Task DifferentFiltersCombineAsAnd()
    {
        Assert.Equal(["2025-05-10-rubio-dar"], await Ids("/v1/readouts?country=PK&topic=direct-communication"));
        Assert.Empty(await Ids("/v1/readouts?country=in&topic=mediation"));
    }

    [Fact]
    public async Task CountryCodesAreCaseInsensitive() =>
        Assert.Equal(await Ids("/v1/readouts?country=PK"), await Ids("/v1/readouts?country=pk"));

    [Theory]
    [InlineData("rafiqui-air-base")]
    [InlineData("shorkot-air-base")]
    [InlineData("Rafiqui Air Force Base in Shorkot")]
    public async Task PlaceFilterResolvesAliasesToBothShorkotAndRafiquiClaims(string place) =>
        Assert.Equal(
            ["2025-05-10-cruise-missiles-intercepted-at-rafiqui", "2025-05-10-india-hit-three-air-bases-all-intercepted"],
            (await Ids($"/v1/claims?place={Uri.EscapeDataString(place)}")).Order());

    [Fact]
    public async Task ClaimFiltersSelectByClaimantStatusKindAndActor()
    {
        Assert.Equal(4, (await Ids("/v1/claims?claimant=ahmed-sharif-chaudhry")).Length);
        // ISPR's director general speaks for ISPR, which is part of the armed forces: his four claims are theirs too.
        Assert.Equal(4, (await Ids("/v1/claims?claimant=ISPR")).Length);
        Assert.Equal(6, (await Ids("/v1/claims?claimant=pakistan-armed-forces")).Length);
        Assert.Equal(6, (await Ids("/v1/claims?claimant=ISPR&claimant=pakistan-armed-forces")).Length);
        Assert.Equal(9, (await Ids("/v1/claims?status=unverified")).Length);
        Assert.Empty(await Ids("/v1/claims?status=confirmed"));
        Assert.Equal(3, (await Ids("/v1/claims?eventKind=interception")).Length);
        Assert.Equal(["2025-05-10-india-accuses-pakistan-of-escalation", "2025-05-10-pakistan-retaliatory-strikes"], (await Ids("/v1/claims?allegedActor=PK")).Order());
        // A claim of a strike and an interception ("India hit ... all were intercepted") is found by either kind.
        Assert.Equal(
            ["2025-05-10-cruise-missiles-intercepted-at-rafiqui", "2025-05-10-india-fired-missiles-at-installations", "2025-05-10-india-hit-three-air-bases-all-intercepted", "2025-05-10-india-targeted-pakistani-air-bases"],
            (await Ids("/v1/claims?allegedActor=IN&eventKind=strike")).Order());
    }

    [Fact]
    public async Task StatementAndPeopleAndPlaceFiltersWork()
    {
        Assert.Equal(2, (await Ids("/v1/statements?speaker=ishaq-dar")).Length);
        Assert.Equal(["2025-05-10-pakistan-x-post-prepare-for-response"], await Ids("/v1/statements?speaker=pk"));
        Assert.Equal(3, (await Ids("/v1/statements?country=PK")).Length);
        Assert.Equal(["ahmed-sharif-chaudhry", "asim-munir", "ishaq-dar"], (await Ids("/v1/people?country=PK")).Order());
        Assert.Equal(["asim-munir"], await Ids("/v1/people?organization=pakistan-army"));
        Assert.Equal(["murid-air-base", "nur-khan-air-base", "rafiqui-air-base"], (await Ids("/v1/places?kind=air-base")).Order());
        Assert.Equal(5, (await Ids("/v1/places?country=PK")).Length);
    }

    [Fact]
    public async Task SearchForInterceptedFindsEveryInterceptionClaim() =>
        Assert.Equal(
            ["2025-05-10-cruise-missiles-intercepted-at-rafiqui", "2025-05-10-india-hit-three-air-bases-all-intercepted", "2025-05-10-most-missiles-intercepted"],
            (await Ids("/v1/claims?q=intercepted")).Order());

    [Fact]
    public async Task SearchIsCaseAndAccentInsensitiveAndMatchesWordPrefixes()
    {
        var expected = await Ids("/v1/claims?q=intercepted");
        Assert.Equal(expected, await Ids("/v1/claims?q=INTERCEPTÉD"));
        Assert.Equal(expected, await Ids("/v1/claims?q=intercept"));
    }

    [Fact]
    public async Task SearchRequiresEveryWord()
    {
        Assert.Equal(["2025-05-10-cruise-missiles-intercepted-at-rafiqui"], await Ids("/v1/claims?q=cruise%20intercepted"));
        Assert.Empty(await Ids("/v1/claims?q=cruise%20jets"));
    }

    [Fact]
    public async Task SearchCoversTheNamesAndAliasesOfLinkedRecords()
    {
        // "Shorkot" is the alias; the Rafiqui claim never says "Shorkot Air Base" but links the place that has it.
        Assert.Equal(2, (await Ids("/v1/claims?q=shorkot%20air%20base")).Length);
        Assert.Equal(["2025-05-10-rubio-dar"], await Ids("/v1/readouts?q=ishaq"));
        Assert.Contains("2025-05-10-dar-iota-of-sanity", await Ids("/v1/timeline?q=sanity"));
        Assert.Equal(["inter-services-public-relations"], await Ids("/v1/organizations?q=ispr"));
    }

    [Fact]
    public async Task DateRangeIsInclusive()
    {
        Assert.Equal(["2025-05-09-rubio-munir"], await Ids("/v1/readouts?to=2025-05-09"));
        Assert.Equal(2, (await Ids("/v1/readouts?from=2025-05-10&to=2025-05-10")).Length);
        Assert.Equal(3, (await Ids("/v1/readouts?from=2025-05-09&to=2025-05-10")).Length);
        Assert.Empty(await Ids("/v1/claims?from=2025-05-11"));
    }

    [Fact]
    public async Task ReadoutsDefaultToNewestFirstWithTiesById()
    {
        var page = await _client.GetJson("/v1/readouts");
        Assert.Equal("-date", (string)page["meta"]!["sort"]!);
        Assert.Equal(["2025-05-10-rubio-jaishankar", "2025-05-10-rubio-dar", "2025-05-09-rubio-munir"], page.Ids());
        Assert.Equal(["2025-05-09-rubio-munir", "2025-05-10-rubio-dar", "2025-05-10-rubio-jaishankar"], await Ids("/v1/readouts?sort=date"));
    }

    [Theory]
    [InlineData("people", "name")]
    [InlineData("places", "name")]
    [InlineData("organizations", "name")]
    [InlineData("countries", "name")]
    public async Task OtherCollectionsSortByNameBothWays(string collection, string field)
    {
        var ascending = (await _client.GetJson($"/v1/{collection}?limit=100"))["data"]!.AsArray().Select(r => (string)r![field]!).ToArray();
        Assert.Equal(ascending.Order(StringComparer.OrdinalIgnoreCase), ascending);
        var descending = (await _client.GetJson($"/v1/{collection}?limit=100&sort=-{field}"))["data"]!.AsArray().Select(r => (string)r![field]!);
        Assert.Equal(ascending.Reverse(), descending);
    }

    [Fact]
    public async Task TimelineIsNewestFirstAndFiltersByTypePersonCountryAndPlace()
    {
        var dates = (await _client.GetJson("/v1/timeline?limit=100"))["data"]!.AsArray().Select(i => (string)i!["date"]!).ToArray();
        Assert.Equal(dates.OrderDescending(StringComparer.Ordinal), dates);
        Assert.Equal(3, (await Ids("/v1/timeline?type=readout")).Length);
        Assert.Equal(3 + 3, (await Ids("/v1/timeline?type=readout&type=statement")).Length);
        Assert.Equal(["2025-05-10-dar-iota-of-sanity", "2025-05-10-dar-peace-without-hegemony", "2025-05-10-rubio-dar"], (await Ids("/v1/timeline?person=ishaq-dar")).Order());
        Assert.Equal(2, (await Ids("/v1/timeline?place=rafiqui-air-base")).Length);
        Assert.Contains("2025-05-10-rubio-jaishankar", await Ids("/v1/timeline?country=IN"));
    }

    [Fact]
    public async Task FacetsCountOverTheWholeFilteredResult()
    {
        var page = await _client.GetJson("/v1/claims?claimant=ahmed-sharif-chaudhry&limit=1&facets=eventKind,place");
        Assert.Single(page.Ids());
        var eventKinds = page["meta"]!["facets"]!["eventKind"]!.AsArray().ToDictionary(f => (string)f!["value"]!, f => (int)f!["count"]!);
        Assert.Equal(new Dictionary<string, int> { ["interception"] = 3, ["strike"] = 2, ["damage-assessment"] = 1 }, eventKinds);
        var places = page["meta"]!["facets"]!["place"]!.AsArray().ToDictionary(f => (string)f!["value"]!, f => (int)f!["count"]!);
        Assert.Equal(2, places["rafiqui-air-base"]);
        Assert.Equal(1, places["murid-air-base"]);
    }

    [Fact]
    public async Task PagesLinkForwardAndBackInBodyAndLinkHeader()
    {
        using var response = await _client.GetAsync("/v1/claims?limit=4");
        var first = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var next = (string)first["links"]!["next"]!;
        Assert.Null(first["links"]!["prev"]);
        Assert.Equal($"<{next}>; rel=\"next\"", string.Join(",", response.Headers.GetValues("Link")));

        var second = await _client.GetJson(next);
        Assert.Equal(4, second.Ids().Length);
        Assert.Empty(first.Ids().Intersect(second.Ids()));
        var back = await _client.GetJson((string)second["links"]!["prev"]!);
        Assert.Equal(first.Ids(), back.Ids());
    }

    public static TheoryData<string, string> BadRequests => new()
    {
        { "/v1/readouts?participnt=ishaq-dar", "participnt" },
        { "/v1/readouts?limit=0", "limit" },
        { "/v1/readouts?limit=101", "limit" },
        { "/v1/readouts?limit=-5", "limit" },
        { "/v1/readouts?limit=abc", "limit" },
        { "/v1/readouts?limit=2.5", "limit" },
        { "/v1/readouts?limit=99999999999999999999", "limit" },
        { "/v1/readouts?limit=1&limit=2", "limit" },
        { "/v1/readouts?sort=name", "sort" },
        { "/v1/readouts?sort=--date", "sort" },
        { "/v1/readouts?from=2025-5-1", "from" },
        { "/v1/readouts?to=2025-02-30", "to" },
        { "/v1/readouts?from=2025-05-11&to=2025-05-10", "from" },
        { "/v1/readouts?q=", "q" },
        { "/v1/readouts?q=%20-%20", "q" },
        { "/v1/readouts?participant=ishaq-darr", "participant" },
        { "/v1/readouts?participant=", "participant" },
        { "/v1/readouts?country=XX", "country" },
        { "/v1/readouts?topic=weather", "topic" },
        { "/v1/claims?status=true", "status" },
        { "/v1/claims?eventKind=invasion", "eventKind" },
        { "/v1/claims?place=karachi", "place" },
        { "/v1/claims?facets=color", "facets" },
        { "/v1/people?from=2025-01-01", "from" },
        { "/v1/countries?facets=name", "facets" },
        { "/v1/readouts?cursor=abc", "cursor" },
        { "/v1/readouts?cursor=", "cursor" },
        { "/v1/readouts/2025-05-10-rubio-dar?limit=1", "limit" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadParametersAreProblemDetailsNamingTheParameter(string url, string parameter)
    {
        var problem = await _client.GetProblem(url, 400);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(parameter), problem.ToJsonString());
        Assert.NotEmpty(problem["errors"]![parameter]!.AsArray());
    }

    [Fact]
    public async Task SearchOfNineWordsIsAProblemNamingQAndTheLimit()
    {
        var problem = await _client.GetProblem("/v1/claims?q=a%20b%20c%20d%20e%20f%20g%20h%20i", 400);
        Assert.Equal(["q"], problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal("must contain at most 8 distinct words; got 9.", (string?)problem["errors"]!["q"]![0]);
        await _client.GetJson("/v1/claims?q=a%20b%20c%20d%20e%20f%20g%20h");
    }

    [Fact]
    public async Task EveryBadParameterIsNamedAtOnce()
    {
        var problem = await _client.GetProblem("/v1/claims?limit=0&sort=nope&place=nowhere&stauts=unverified&from=yesterday", 400);
        Assert.Equal(["from", "limit", "place", "sort", "stauts"], problem["errors"]!.AsObject().Select(e => e.Key).Order());
    }

    [Fact]
    public async Task CursorFromAnotherQueryOrTamperedIsRefused()
    {
        var next = (string)(await _client.GetJson("/v1/claims?limit=2"))["links"]!["next"]!;
        var cursor = Uri.UnescapeDataString(next[(next.IndexOf("cursor=", StringComparison.Ordinal) + 7)..]);

        var foreign = await _client.GetProblem($"/v1/claims?limit=2&eventKind=interception&cursor={Uri.EscapeDataString(cursor)}", 400);
        Assert.Contains("does not belong to this query", (string)foreign["errors"]!["cursor"]![0]!, StringComparison.Ordinal);
        await _client.GetProblem($"/v1/readouts?cursor={Uri.EscapeDataString(cursor)}", 400);
        var tampered = cursor[..^2] + (cursor[^2] == 'A' ? "B" : "A") + cursor[^1];
        await _client.GetProblem($"/v1/claims?limit=2&cursor={Uri.EscapeDataString(tampered)}", 400);
        await _client.GetProblem($"/v1/claims?limit=2&cursor={Uri.EscapeDataString(cursor[..^4])}", 400);
        Assert.Equal(2, (await _client.GetJson(next)).Ids().Length);
    }

    [Fact]
    public async Task ChangingTheLimitMidWalkKeepsThePosition()
    {
        var all = await Ids("/v1/claims?limit=100");
        var next = (string)(await _client.GetJson("/v1/claims?limit=3"))["links"]!["next"]!;
        var rest = await _client.GetJson(next.Replace("limit=3", "limit=100", StringComparison.Ordinal));
        Assert.Equal(all[3..], rest.Ids());
    }
}
