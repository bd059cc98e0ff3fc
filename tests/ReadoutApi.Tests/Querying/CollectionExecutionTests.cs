using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using ReadoutApi.Collections;
using ReadoutApi.Contracts;
using ReadoutApi.Querying;
using ReadoutApi.Seed;
using ReadoutApi.Snapshots;

namespace ReadoutApi.Tests.Querying;

/// <summary>
/// A query run on the seed claims comes back as a finished page: the records' JSON in order, the total, the order,
/// facet counts and links. Every expectation is computed from the seed records directly, not from the indexes.
/// </summary>
public class CollectionExecutionTests
{
    private static readonly Lazy<Snapshot> Seed = new(() => Snapshot.Load(TestPaths.RepoSeed, MappingConfig.Create(), TimeProvider.System));
    private static readonly Lazy<SeedData> Data = new(() => SeedLoader.Load(TestPaths.RepoSeed).GetDataOrThrow());

    // Each case: the query, which seed claims match it, and its order.
    private static readonly Dictionary<string, (string Query, Func<ClaimRecord, bool> Where, string Sort)> Cases = new()
    {
        ["everything"] = ("", _ => true, "-date"),
        ["by id"] = ("sort=id", _ => true, "id"),
        ["by kind, descending"] = ("sort=-eventKind", _ => true, "-eventKind"),
        ["either kind"] = ("eventKind=interception&eventKind=strike&sort=date", c => c.EventKinds.Any(k => k is "interception" or "strike"), "date"),
        ["a place by its alias"] = ("place=Shorkot%20Air%20Base", c => c.Places.Any(p => p.PlaceId == "rafiqui-air-base"), "-date"),
        ["an alleged actor"] = ("allegedActor=in&sort=-id", c => c.AllegedActors.Contains("IN"), "-id"),
        ["a day"] = ("from=2025-05-10&to=2025-05-10&sort=eventKind", c => c.Date == new DateOnly(2025, 5, 10), "eventKind"),
        ["every filter at once"] = (
            "claimant=ahmed-sharif-chaudhry&eventKind=interception&place=rafiqui-air-base",
            c => c.Claimant.Id == "ahmed-sharif-chaudhry" && c.EventKinds.Contains("interception") && c.Places.Any(p => p.PlaceId == "rafiqui-air-base"),
            "-date"),
        ["nothing"] = ("status=confirmed", c => c.Verification.Status == "confirmed", "-date"),
    };

    public static TheoryData<string, int> CasesAndLimits()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in Cases.Keys)
        {
            foreach (var limit in new[] { 1, 2, 4, 100 })
            {
                data.Add(name, limit);
            }
        }

        return data;
    }

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    private static Collection Claims => Seed.Value[CollectionRegistry.Claims];

    [Theory]
    [MemberData(nameof(CasesAndLimits))]
    public void WalkingNextLinksReturnsEveryMatchExactlyOnceInOrder(string name, int limit)
    {
        var (query, where, sort) = Cases[name];
        var expected = Expected(where, sort);
        var pages = Walk("/v1/claims" + With(query, $"limit={limit}"));

        Assert.Equal(expected, pages.SelectMany(p => p.Ids));
        Assert.Equal(Math.Max(1, (expected.Length + limit - 1) / limit), pages.Count);
        Assert.All(pages, p => Assert.Equal(expected.Length, p.Page.Meta.Total));
        Assert.All(pages, p => Assert.Equal(limit, p.Page.Meta.Limit));
        Assert.All(pages, p => Assert.Equal(sort, p.Page.Meta.Sort));
        Assert.All(pages[..^1], p => Assert.Equal(limit, p.Ids.Length));
        Assert.Null(pages[0].Page.Links.Prev);
        Assert.Null(pages[^1].Page.Links.Next);
        Assert.All(pages, p => Assert.Equal(p.Page.Links.Next is null, p.Page.Next is null));
        Assert.All(Claims.Records.Ids, id => Assert.Equal(expected.Contains(id) ? 1 : 0, pages.Sum(p => p.Ids.Count(x => x == id))));
    }

    [Theory]
    [MemberData(nameof(CasesAndLimits))]
    public void PrevFromEachPageReturnsThePageBeforeIt(string name, int limit)
    {
        var pages = Walk("/v1/claims" + With(Cases[name].Query, $"limit={limit}"));
        for (var i = 1; i < pages.Count; i++)
        {
            Assert.NotNull(pages[i].Page.Links.Prev);
            var back = Execute(pages[i].Page.Links.Prev!);
            Assert.Equal(pages[i - 1].Ids, back.Ids);
            Assert.Equal(pages[i - 1].Page.Next, back.Page.Next);
            Assert.Equal(i > 1, back.Page.Links.Prev is not null);
        }
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void PositionsHoldEveryMatchInOrderWhateverTheLimit(string name)
    {
        var (query, where, sort) = Cases[name];
        var parsed = Parse(With(query, "limit=1"));
        var ids = Claims.Positions(parsed).Select(p => Read(Claims.Records.Json(p)).Id).ToArray();
        Assert.Equal(Expected(where, sort), ids);
    }

    [Fact]
    public void PageRecordsAreTheRecordsJsonInOrder()
    {
        var page = Claims.Execute(Parse("?sort=id&limit=3"));
        var records = page.Records.Select(Read).ToArray();
        Assert.Equal(Expected(_ => true, "id")[..3], records.Select(r => r.Id));
        Assert.All(records, r => Assert.Equal("claim", r.Type));
        Assert.All(records, r => Assert.Equal(Data.Value.Claims.Single(c => c.Id == r.Id).Text, r.Text));
    }

    [Theory]
    [InlineData("?sort=id&limit=1&place=Shorkot+Air+Base")]
    [InlineData("?eventKind=INTERCEPTION&limit=1&eventKind=strike&facets=place")]
    [InlineData("?limit=3")]
    [InlineData("?sort=-id&limit=4&to=2025-12-31")]
    public void SelfIsThePathAndQueryAsAskedAndNextKeepsEveryParameterButTheCursor(string query)
    {
        var page = Claims.Execute(Parse(query));
        Assert.Equal("/v1/claims" + query, page.Links.Self);

        Assert.NotNull(page.Links.Next);
        var (path, nextQuery) = Split(page.Links.Next);
        Assert.Equal("/v1/claims", path);
        var asked = QueryHelpers.ParseQuery(query);
        var kept = QueryHelpers.ParseQuery(nextQuery);
        Assert.Equal(asked.Keys.Append("cursor").Order(), kept.Keys.Order());
        Assert.All(asked, p => Assert.Equal(p.Value.ToArray(), kept[p.Key].ToArray()));

        // The page a link leads to reports that link, cursor and all, as its own address.
        Assert.Equal(page.Links.Next, Execute(page.Links.Next).Page.Links.Self);
    }

    [Theory]
    [InlineData("")]
    [InlineData("eventKind=interception&eventKind=strike")]
    [InlineData("place=rafiqui-air-base")]
    [InlineData("allegedActor=IN&limit=1")]
    [InlineData("status=confirmed")]
    public void FacetCountsAreCountsOverTheWholeFilteredResultMostFrequentFirst(string filters)
    {
        var ids = Enumerate(filters).ToHashSet();
        var matching = Data.Value.Claims.Where(c => ids.Contains(c.Id)).ToArray();
        var page = Claims.Execute(Parse(With(filters, "facets=eventKind,place,status,allegedActor,claimant,country")));

        var facets = page.Meta.Facets!;
        Assert.Equal(["allegedActor", "claimant", "country", "eventKind", "place", "status"], facets.Keys.Order(StringComparer.Ordinal));
        AssertCounts(matching.Select(c => c.EventKinds), facets["eventKind"]);
        AssertCounts(matching.Select(c => c.Places.Select(p => p.PlaceId)), facets["place"]);
        AssertCounts(matching.Select(c => new[] { c.Verification.Status }), facets["status"]);
        AssertCounts(matching.Select(c => c.AllegedActors), facets["allegedActor"]);
        AssertCounts(matching.Select(SpeakingFor), facets["claimant"]);
        AssertCounts(matching.Select(CountriesInvolved), facets["country"]);
    }

    [Fact]
    public void FacetsAreAbsentUnlessAskedFor() => Assert.Null(Claims.Execute(Parse("?eventKind=strike")).Meta.Facets);

    [Fact]
    public void QueryWithNoMatchesIsAnEmptyPageWithoutLinks()
    {
        var page = Claims.Execute(Parse("?eventKind=accusation&place=rafiqui-air-base"));
        Assert.Empty(page.Records);
        Assert.Equal(0, page.Meta.Total);
        Assert.Null(page.Links.Next);
        Assert.Null(page.Links.Prev);
    }

    // Each value once per record that has it; most frequent first, ties by value.
    private static void AssertCounts(IEnumerable<IEnumerable<string>> valuesPerRecord, IReadOnlyList<FacetCount> actual)
    {
        var expected = valuesPerRecord.SelectMany(v => v.Distinct()).CountBy(v => v)
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new FacetCount(c.Key, c.Value));
        Assert.Equal(expected, actual);
    }

    // As documented: the claimant, the actor on whose behalf, and every organization either is part of.
    private static IEnumerable<string> SpeakingFor(ClaimRecord c)
    {
        foreach (var actor in new[] { c.Claimant, c.OnBehalfOf }.OfType<ActorRecord>())
        {
            yield return actor.Id;
            for (var parent = actor.Kind == "organization" ? Data.Value.Organizations.Single(o => o.Id == actor.Id).ParentId : null;
                parent is not null;
                parent = Data.Value.Organizations.Single(o => o.Id == parent).ParentId)
            {
                yield return parent;
            }
        }
    }

    // As documented: the alleged actors, the targets and the claimant's country.
    private static IEnumerable<string> CountriesInvolved(ClaimRecord c)
    {
        var claimantCountry = c.Claimant.Kind switch
        {
            "person" => Data.Value.People.Single(p => p.Id == c.Claimant.Id).CountryCode,
            "organization" => Data.Value.Organizations.Single(o => o.Id == c.Claimant.Id).CountryCode,
            _ => c.Claimant.Id,
        };
        return c.AllegedActors.Concat(c.Targets).Append(claimantCountry).OfType<string>();
    }

    // The documented order: by the field, ties by id; descending reverses both.
    private static string[] Expected(Func<ClaimRecord, bool> where, string sort)
    {
        Func<ClaimRecord, string> key = sort.TrimStart('-') switch
        {
            "date" => c => c.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "eventKind" => c => c.EventKind,
            "status" => c => c.Verification.Status,
            _ => c => c.Id,
        };
        var ascending = Data.Value.Claims.Where(where)
            .OrderBy(key, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.Id, StringComparer.Ordinal)
            .Select(c => c.Id).ToArray();
        return sort.StartsWith('-') ? [.. ascending.Reverse()] : ascending;
    }

    private static List<(ListPage Page, string[] Ids)> Walk(string pathAndQuery)
    {
        var pages = new List<(ListPage Page, string[] Ids)> { Execute(pathAndQuery) };
        while (pages[^1].Page.Links.Next is { } next)
        {
            Assert.True(pages.Count <= Claims.Count, "the walk does not end");
            pages.Add(Execute(next));
        }

        return pages;
    }

    private static (ListPage Page, string[] Ids) Execute(string pathAndQuery)
    {
        var (path, query) = Split(pathAndQuery);
        Assert.Equal("/v1/claims", path);
        var page = Claims.Execute(Parse(query));
        return (page, page.Records.Select(r => Read(r).Id).ToArray());
    }

    private static IEnumerable<string> Enumerate(string query) => Claims.Positions(Parse(With(query, ""))).Select(p => Read(Claims.Records.Json(p)).Id);

    private static ListQuery Parse(string query)
    {
        var parsed = QueryParser.Parse("/v1/claims", query, Claims, out var errors);
        Assert.True(parsed is not null, $"{query}: {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
        return parsed;
    }

    private static (string Path, string Query) Split(string link)
    {
        var at = link.IndexOf('?', StringComparison.Ordinal);
        return at < 0 ? (link, "") : (link[..at], link[at..]);
    }

    private static string With(string query, string more) =>
        (query, more) switch
        {
            ("", "") => "",
            ("", _) => "?" + more,
            (_, "") => "?" + query,
            _ => $"?{query}&{more}",
        };

    private static (string Id, string Type, string Text) Read(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return (root.GetProperty("id").GetString()!, root.GetProperty("type").GetString()!, root.GetProperty("text").GetString()!);
    }
}
