using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace ReadoutApi.Tests.Endpoints;

/// <summary>
/// Claims as schema.org ClaimReview in JSON-LD: each document is expanded by a real JSON-LD processor (jsonld.js) and the
/// checks read the expanded schema.org IRIs, so they hold for any client that resolves https://schema.org.
/// </summary>
public class ClaimReviewJsonLdTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string S = JsonLdProcessor.Schema;
    private const string Rafiqui = "/v1/claims/2025-05-10-cruise-missiles-intercepted-at-rafiqui";
    private const string Finance360Url =
        "https://www.thefinance360.com/u-s-secretary-of-state-marco-rubio-has-offered-american-mediation-in-the-growing-conflict-between-india-and-pakistan-according-to-readouts-from-the-state-department";

    private readonly HttpClient _client = factory.CreateClient();

    [SkippableFact]
    public async Task ARecordIsAClaimReviewOfTheClaimWithItsClaimantSourceAndReviewer()
    {
        JsonLdProcessor.SkipUnlessAvailable();
        var (review, response) = await ExpandOne(Rafiqui + "?format=jsonld");
        Assert.Equal("application/ld+json", response.Content.Headers.ContentType!.MediaType);
        var origin = "http://localhost";

        Assert.Equal([S + "ClaimReview"], review.Types());
        Assert.Equal(origin + Rafiqui + "#review", review.Id());
        Assert.Equal(origin + Rafiqui, review.Schema("url").Id());
        Assert.Equal("Pakistan's air defense systems successfully intercepted cruise missiles fired at Rafiqui Air Force Base in Shorkot.", review.Value("claimReviewed"));

        var claim = review.Schema("itemReviewed");
        Assert.Equal([S + "Claim"], claim.Types());
        Assert.Equal(review.Value("claimReviewed"), claim.Value("text"));
        var date = claim.Schema("datePublished");
        Assert.Equal("2025-05-10", (string?)date["@value"]);
        Assert.Equal(S + "Date", (string?)date["@type"]);

        var author = claim.Schema("author");
        Assert.Equal([S + "Person"], author.Types());
        Assert.Equal("Ahmed Sharif Chaudhry", author.Value("name"));
        Assert.Equal(origin + "/v1/people/ahmed-sharif-chaudhry", author.Schema("url").Id());
        var principal = claim.Schema("sourceOrganization");
        Assert.Equal([S + "Organization"], principal.Types());
        Assert.Equal("Inter-Services Public Relations", principal.Value("name"));
        Assert.Equal(origin + "/v1/organizations/inter-services-public-relations", principal.Schema("url").Id());

        // Every source the claim cites appears (the article, and NewsGuru for the speaker's role); the article first.
        var appearances = claim.All(S + "appearance").Select(a => a!.AsObject()).ToArray();
        Assert.Equal(2, appearances.Length);
        Assert.Equal("https://newsguru.pk/pakistan/islamabad/indias-airstrike-attempt-on-nur-khan-airbase-thwarted-by-pakistani-forces", appearances[1].Schema("url").Id());
        var appearance = appearances[0];
        Assert.Equal([S + "NewsArticle"], appearance.Types());
        Assert.Equal(Finance360Url, appearance.Schema("url").Id());
        Assert.Equal("Marco Rubio Offers U.S. Mediation As India-Pakistan Tensions Escalate", appearance.Value("name"));
        Assert.Equal("The Finance 360", appearance.Schema("publisher").Value("name"));
        Assert.Empty(appearance.All(S + "datePublished")); // the article's date is not confirmed
        Assert.Equal("PAF Base Rafiqui", claim.Schema("contentLocation").Value("name"));

        // The reviewer the data names, and what it said: that it could not verify the claim. No verdict, no number.
        var reviewer = review.Schema("author");
        Assert.Equal([S + "Organization"], reviewer.Types());
        Assert.Equal("The Finance 360", reviewer.Value("name"));
        Assert.Equal(origin + "/v1/organizations/the-finance-360", reviewer.Schema("url").Id());
        Assert.Empty(review.All(S + "datePublished")); // no review date in the data
        var rating = review.Schema("reviewRating");
        Assert.Equal([S + "Rating"], rating.Types());
        Assert.Equal("Unverified", rating.Value("alternateName"));
        Assert.Equal("The Finance 360 cannot independently verify the claims.", rating.Value("ratingExplanation"));
        Assert.Empty(rating.All(S + "ratingValue"));
        Assert.Empty(rating.All(S + "bestRating"));
        Assert.Empty(rating.All(S + "worstRating"));
    }

    [SkippableFact]
    public async Task EveryTermIsASchemaOrgTermOfTheContextAndEveryClaimantKindHasItsType()
    {
        JsonLdProcessor.SkipUnlessAvailable();
        var known = JsonLdProcessor.ContextIris();
        known.UnionWith([JsonLdProcessor.Hydra + "next", JsonLdProcessor.Hydra + "previous", JsonLdProcessor.Hydra + "PartialCollectionView"]);
        var body = await _client.GetStringAsync("/v1/claims?limit=100&format=jsonld");
        var expanded = await JsonLdProcessor.Expand(body, new Uri("http://localhost/v1/claims?limit=100&format=jsonld"));

        Assert.Empty(expanded.Iris().Where(iri => !known.Contains(iri)).Distinct());
        var claimants = Reviews(expanded[0]!.AsObject())
            .ToDictionary(r => r.Id()!, r => r.Schema("itemReviewed").Schema("author"));
        Assert.Equal(9, claimants.Count);
        Assert.Equal([S + "Country"], claimants["http://localhost/v1/claims/2025-05-10-india-accuses-pakistan-of-escalation#review"].Types());
        Assert.Equal("India", claimants["http://localhost/v1/claims/2025-05-10-india-accuses-pakistan-of-escalation#review"].Value("name"));
        Assert.Equal("http://localhost/v1/countries/IN", claimants["http://localhost/v1/claims/2025-05-10-india-accuses-pakistan-of-escalation#review"].Schema("url").Id());
        Assert.Equal([S + "Organization"], claimants["http://localhost/v1/claims/2025-05-10-pakistan-retaliatory-strikes#review"].Types());
    }

    [SkippableFact]
    public async Task APageIsAnItemListOfClaimReviewsInTheJsonOrderWithItsPagingLinks()
    {
        JsonLdProcessor.SkipUnlessAvailable();
        var seen = new List<string>();
        string? url = "/v1/claims?limit=4";
        var accept = new MediaTypeWithQualityHeaderValue("application/ld+json");
        for (var pages = 0; url is not null; pages++)
        {
            Assert.True(pages < 5, "the walk does not end");
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.Add(accept);
            using var response = await _client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = (await JsonLdProcessor.Expand(await response.Content.ReadAsStringAsync(), new Uri(_client.BaseAddress!, url)))[0]!.AsObject();

            Assert.Contains(S + "ItemList", page.Types());
            var items = page.All(S + "itemListElement").Select(i => i!.AsObject()).OrderBy(i => (int)i.Schema("position")["@value"]!).ToList();
            Assert.Equal(items.Count, (int)page.Schema("numberOfItems")["@value"]!);
            Assert.Equal(Enumerable.Range(1, items.Count), items.Select(i => (int)i.Schema("position")["@value"]!));
            seen.AddRange(items.Select(i => i.Schema("item").Schema("itemReviewed").Id()!));

            // The links are the page's own, as the Link header gives them; a page chosen by Accept links to JSON-LD pages.
            var next = page.All(JsonLdProcessor.Hydra + "next") is [JsonObject link] ? link.Id() : null;
            var header = response.Headers.TryGetValues("Link", out var values) ? string.Join(", ", values) : "";
            if (next is not null)
            {
                Assert.Contains("format=jsonld", next, StringComparison.Ordinal);
                Assert.Contains($"<{new Uri(next).PathAndQuery}>; rel=\"next\"", header, StringComparison.Ordinal);
            }

            if (pages > 0)
            {
                Assert.Single(page.All(JsonLdProcessor.Hydra + "previous"));
            }

            url = next is null ? null : new Uri(next).PathAndQuery;
        }

        var json = (await _client.GetJson("/v1/claims?limit=100")).Ids().Select(id => $"http://localhost/v1/claims/{id}#claim");
        Assert.Equal(json, seen);
    }

    [Fact]
    public async Task JsonLdHasItsOwnETagAndA304AndIsOfferedOnClaimsOnly()
    {
        using var ld = await Get(Rafiqui, "application/ld+json");
        using var json = await Get(Rafiqui, "application/json");
        using var byFormat = await _client.GetAsync(Rafiqui + "?format=jsonld");
        Assert.Equal("application/ld+json", ld.Content.Headers.ContentType!.MediaType);
        Assert.Contains(ld.Content.Headers.ContentType.Parameters, p => p.Name == "profile" && p.Value == "\"http://www.w3.org/ns/json-ld#compacted\"");
        Assert.Equal(await ld.Content.ReadAsStringAsync(), await byFormat.Content.ReadAsStringAsync());
        Assert.NotEqual(ld.Headers.ETag, json.Headers.ETag);

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, Rafiqui);
        revalidate.Headers.Accept.ParseAdd("application/ld+json");
        revalidate.Headers.IfNoneMatch.Add(ld.Headers.ETag!);
        using var notModified = await _client.SendAsync(revalidate);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        using var jsonTag = new HttpRequestMessage(HttpMethod.Get, Rafiqui);
        jsonTag.Headers.Accept.ParseAdd("application/ld+json");
        jsonTag.Headers.IfNoneMatch.Add(json.Headers.ETag!);
        using var changed = await _client.SendAsync(jsonTag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        await _client.GetProblem("/v1/readouts?format=jsonld", 400);
        using var readout = await Get("/v1/readouts/2025-05-10-rubio-dar", "application/ld+json");
        Assert.Equal(HttpStatusCode.NotAcceptable, readout.StatusCode);
        using var expandedProfile = await Get("/v1/claims", "application/ld+json; profile=\"http://www.w3.org/ns/json-ld#expanded\"");
        Assert.Equal(HttpStatusCode.NotAcceptable, expandedProfile.StatusCode);
        using var compactedProfile = await Get("/v1/claims", "application/ld+json; profile=\"http://www.w3.org/ns/json-ld#compacted\"");
        Assert.Equal("application/ld+json", compactedProfile.Content.Headers.ContentType!.MediaType);
    }

    [SkippableFact]
    public async Task OnlyVerdictsGetANumberAndAReviewerTheDataDoesNotKnowIsANameWithoutAType()
    {
        JsonLdProcessor.SkipUnlessAvailable();
        using var seed = new SeedCopy();
        seed.Edit("claims.json", text => Review(Review(Review(text,
            "2025-05-10-no-damage-from-missiles", "confirmed", "The Finance 360", "2025-05-12"),
            "2025-05-10-most-missiles-intercepted", "refuted", "A Reviewer Not In The Data", "2025-05-13"),
            "2025-05-10-india-hit-three-air-bases-all-intercepted", "disputed", "The Finance 360", "2025-05-14"));
        await using var app = new ApiFactory(new() { ["Seed:Path"] = seed.Folder });
        var client = app.CreateClient();

        async Task<JsonObject> ReviewOf(string id)
        {
            var url = $"/v1/claims/{id}?format=jsonld";
            return (await JsonLdProcessor.Expand(await client.GetStringAsync(url), new Uri(client.BaseAddress!, url)))[0]!.AsObject();
        }

        var confirmed = await ReviewOf("2025-05-10-no-damage-from-missiles");
        var rating = confirmed.Schema("reviewRating");
        Assert.Equal("Confirmed", rating.Value("alternateName"));
        Assert.Equal(["5", "5", "1"], new[] { "ratingValue", "bestRating", "worstRating" }.Select(rating.Value));
        Assert.Equal("2025-05-12", (string?)confirmed.Schema("datePublished")["@value"]);

        var refuted = await ReviewOf("2025-05-10-most-missiles-intercepted");
        Assert.Equal("Refuted", refuted.Schema("reviewRating").Value("alternateName"));
        Assert.Equal("1", refuted.Schema("reviewRating").Value("ratingValue"));
        var stranger = refuted.Schema("author");
        Assert.Equal("A Reviewer Not In The Data", stranger.Value("name"));
        Assert.Empty(stranger.Types());
        Assert.Empty(stranger.All(S + "url"));

        var disputed = (await ReviewOf("2025-05-10-india-hit-three-air-bases-all-intercepted")).Schema("reviewRating");
        Assert.Equal("Disputed", disputed.Value("alternateName"));
        Assert.Empty(disputed.All(S + "ratingValue"));
    }

    private static IEnumerable<JsonObject> Reviews(JsonObject page) =>
        page.All(S + "itemListElement").Select(i => i!.AsObject().Schema("item"));

    // Gives one claim of the seed another verification (the seed's claims all share one verification block).
    private static string Review(string claims, string id, string status, string reviewer, string date)
    {
        var file = JsonNode.Parse(claims)!;
        var claim = file["claims"]!.AsArray().Single(c => (string)c!["id"]! == id)!;
        claim["verification"] = new JsonObject { ["status"] = status, ["reviewer"] = reviewer, ["note"] = null, ["reviewedDate"] = date };
        return file.ToJsonString();
    }

    private async Task<HttpResponseMessage> Get(string url, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        return await _client.SendAsync(request);
    }

    private async Task<(JsonObject Review, HttpResponseMessage Response)> ExpandOne(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expanded = await JsonLdProcessor.Expand(await response.Content.ReadAsStringAsync(), new Uri(_client.BaseAddress!, url));
        return (Assert.Single(expanded)!.AsObject(), response);
    }
}
