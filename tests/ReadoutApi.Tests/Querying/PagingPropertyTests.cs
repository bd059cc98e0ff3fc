using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ReadoutApi.Corpus;
using ReadoutApi.Seed;

namespace ReadoutApi.Tests.Querying;

/// <summary>
/// Walking <c>links.next</c> over random queries returns every matching record exactly once and in order,
/// checked against a brute-force reference that filters and sorts the seed records directly.
/// </summary>
public class PagingPropertyTests(CorpusFixture corpus) : IClassFixture<CorpusFixture>
{
    private static readonly int[] PageSizes = [1, 2, 3, 7, 100];
    private static readonly string[] ReadoutWords = ["restraint", "ceasefire", "dialogue", "miscalc", "humanitarian"];
    private static readonly string[] ClaimWords = ["intercept", "drones", "retaliatory", "damage", "cruise"];

    private readonly HttpClient _client = corpus.Factory.CreateClient();

    [Fact]
    public async Task WalkingNextLinksReturnsEveryMatchExactlyOnceInOrder()
    {
        var random = new Random(12345);
        var multiPage = 0;
        for (var i = 0; i < 30; i++)
        {
            var (url, expected) = i % 2 == 0 ? RandomReadoutQuery(random) : RandomClaimQuery(random);
            var limit = PageSizes[i % PageSizes.Length];
            var walked = await Walk($"{url}&limit={limit}", expected.Length);
            Assert.True(expected.SequenceEqual(walked), $"{url}&limit={limit}: expected {expected.Length} [{string.Join(",", expected.Take(5))}...], walked {walked.Count} [{string.Join(",", walked.Take(5))}...]");
            multiPage += expected.Length > limit ? 1 : 0;
        }

        Assert.True(multiPage >= 10, $"only {multiPage} of the random queries spanned several pages");
    }

    [Fact]
    public async Task WalkingPrevLinksFromTheLastPageReturnsTheSamePagesBackwards()
    {
        var random = new Random(678);
        for (var i = 0; i < 6; i++)
        {
            var (url, expected) = RandomClaimQuery(random);
            var limit = PageSizes[(i + 1) % 4];
            var pages = new List<string[]>();
            var page = await _client.GetJson($"{url}&limit={limit}");
            pages.Add(page.Ids());
            while ((string?)page["links"]!["next"] is { } next)
            {
                page = await _client.GetJson(next);
                pages.Add(page.Ids());
            }

            for (var p = pages.Count - 2; p >= 0; p--)
            {
                page = await _client.GetJson((string)page["links"]!["prev"]!);
                Assert.Equal(pages[p], page.Ids());
            }

            Assert.Null((string?)page["links"]!["prev"]);
            Assert.Equal(expected, pages.SelectMany(x => x));
        }
    }

    [Theory]
    [InlineData("readouts", "-date")]
    [InlineData("claims", "-date")]
    [InlineData("statements", "-date")]
    public async Task TheDefaultPageIsTheSameAsTheQueryItStandsForAndWalksTheWholeCollection(string collection, string sort)
    {
        // The parameterless first page is rendered once per snapshot; it must be what the query would give.
        using var first = await _client.GetAsync($"/v1/{collection}");
        using var again = await _client.GetAsync($"/v1/{collection}");
        var body = await first.Content.ReadAsByteArrayAsync();
        Assert.Equal(body, await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
        Assert.Equal(body.Length, first.Content.Headers.ContentLength);

        var page = JsonNode.Parse(body)!;
        var explicitPage = await _client.GetJson($"/v1/{collection}?limit=20&sort={sort}");
        Assert.Equal(explicitPage.Ids(), page.Ids());
        Assert.Equal(explicitPage["meta"]!.ToJsonString(), page["meta"]!.ToJsonString());
        Assert.Equal($"/v1/{collection}", (string)page["links"]!["self"]!);
        var next = (string)page["links"]!["next"]!;
        Assert.Equal($"<{next}>; rel=\"next\"", first.Headers.GetValues("Link").Single());

        var total = (int)page["meta"]!["total"]!;
        Assert.True(total > 20, $"{collection} has one page only");
        var walked = page.Ids().Concat(await Walk(next, total)).ToList();
        Assert.Equal(total, walked.Distinct().Count());
        Assert.Equal(total, walked.Count);
    }

    [Theory]
    [InlineData("intercept")]
    [InlineData("ceasefire")]
    [InlineData("cruise intercepted")]
    [InlineData("pakistan")]
    public async Task TimelineSearchFindsWhatTheThreeCollectionsFind(string q)
    {
        // The timeline's search index is built from the three collections' indexes, not from the texts again.
        var expected = new List<string>();
        foreach (var (collection, type) in new[] { ("readouts", "readout"), ("claims", "claim"), ("statements", "statement") })
        {
            var all = await Walk($"/v1/{collection}?q={Uri.EscapeDataString(q)}&limit=100", await Total($"/v1/{collection}?q={Uri.EscapeDataString(q)}"));
            expected.AddRange(all.Select(id => $"{type}:{id}"));
        }

        var url = $"/v1/timeline?q={Uri.EscapeDataString(q)}&limit=100";
        var timeline = new List<string>();
        string? next = url;
        while (next is not null)
        {
            var page = await _client.GetJson(next);
            timeline.AddRange(page["data"]!.AsArray().Select(i => $"{(string)i!["type"]!}:{(string)i["id"]!}"));
            next = (string?)page["links"]!["next"];
        }

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(StringComparer.Ordinal), timeline.Order(StringComparer.Ordinal));
    }

    private async Task<int> Total(string url) => (int)(await _client.GetJson(url))["meta"]!["total"]!;

    private async Task<List<string>> Walk(string url, int expectedTotal)
    {
        var ids = new List<string>();
        string? next = url;
        while (next is not null)
        {
            var page = await _client.GetJson(next);
            Assert.Equal(expectedTotal, (int)page["meta"]!["total"]!);
            ids.AddRange(page.Ids());
            next = (string?)page["links"]!["next"];
            Assert.True(ids.Count <= expectedTotal + 100, "the walk does not end");
        }

        return ids;
    }

    private (string Url, string[] Expected) RandomReadoutQuery(Random random)
    {
        var data = corpus.Data;
        var parameters = new List<KeyValuePair<string, string?>>();
        IEnumerable<ReadoutRecord> matches = data.Readouts;

        if (random.Next(3) == 0)
        {
            var people = Enumerable.Range(0, 1 + random.Next(2)).Select(_ => data.People[random.Next(data.People.Count)].Id).ToArray();
            parameters.AddRange(people.Select(p => KeyValuePair.Create("participant", (string?)p)));
            matches = matches.Where(r => r.Participants.Any(p => people.Contains(p.PersonId)));
        }

        if (random.Next(3) == 0)
        {
            var country = data.Countries[random.Next(data.Countries.Count)].Code;
            parameters.Add(KeyValuePair.Create("country", (string?)country.ToLowerInvariant()));
            matches = matches.Where(r => r.Participants.Any(p => p.CountryCode == country));
        }

        if (random.Next(3) == 0)
        {
            var word = ReadoutWords[random.Next(ReadoutWords.Length)];
            parameters.Add(KeyValuePair.Create("q", (string?)word));
            matches = matches.Where(r => Words(r.Title, string.Join(' ', r.Topics), string.Join(' ', r.Points.Select(p => p.Text + " " + p.Quote)), r.ReportedWording?.Quote)
                .Any(w => w.StartsWith(word, StringComparison.Ordinal)));
        }

        matches = DateRange(random, parameters, matches, r => r.Date);
        var sort = new[] { "date", "-date", "id", "-id", "title", "-title" }[random.Next(6)];
        parameters.Add(KeyValuePair.Create("sort", (string?)sort));
        var ordered = Sort(matches, r => r.Id, sort switch
        {
            "date" or "-date" => r => r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "title" or "-title" => r => r.Title,
            _ => r => r.Id,
        }, sort.StartsWith('-'));
        return ("/v1/readouts" + QueryString.Create(parameters), ordered);
    }

    private (string Url, string[] Expected) RandomClaimQuery(Random random)
    {
        var data = corpus.Data;
        var parameters = new List<KeyValuePair<string, string?>>();
        IEnumerable<ClaimRecord> matches = data.Claims;

        if (random.Next(3) == 0)
        {
            var kinds = Enumerable.Range(0, 1 + random.Next(2)).Select(_ => Vocabulary.EventKinds[random.Next(Vocabulary.EventKinds.Count)]).ToArray();
            parameters.AddRange(kinds.Select(k => KeyValuePair.Create("eventKind", (string?)k)));
            matches = matches.Where(c => c.EventKinds.Any(kinds.Contains));
        }

        if (random.Next(3) == 0)
        {
            var place = data.Places[random.Next(data.Places.Count)].Id;
            parameters.Add(KeyValuePair.Create("place", (string?)place));
            matches = matches.Where(c => c.Places.Any(p => p.PlaceId == place));
        }

        if (random.Next(4) == 0)
        {
            var status = Vocabulary.VerificationStatuses[random.Next(Vocabulary.VerificationStatuses.Count)];
            parameters.Add(KeyValuePair.Create("status", (string?)status));
            matches = matches.Where(c => c.Verification.Status == status);
        }

        if (random.Next(4) == 0)
        {
            var actor = data.Countries[random.Next(data.Countries.Count)].Code;
            parameters.Add(KeyValuePair.Create("allegedActor", (string?)actor));
            matches = matches.Where(c => c.AllegedActors.Contains(actor));
        }

        if (random.Next(3) == 0)
        {
            var word = ClaimWords[random.Next(ClaimWords.Length)];
            parameters.Add(KeyValuePair.Create("q", (string?)word.ToUpperInvariant()));
            matches = matches.Where(c => Words([c.Text, c.Quote, c.Channel, .. c.EventKinds, c.Verification.Status]).Any(w => w.StartsWith(word, StringComparison.Ordinal)));
        }

        matches = DateRange(random, parameters, matches, c => c.Date);
        var sort = new[] { "date", "-date", "id", "-id", "status", "-eventKind" }[random.Next(6)];
        parameters.Add(KeyValuePair.Create("sort", (string?)sort));
        var ordered = Sort(matches, c => c.Id, sort.TrimStart('-') switch
        {
            "date" => c => c.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "status" => c => c.Verification.Status,
            "eventKind" => c => c.EventKind,
            _ => c => c.Id,
        }, sort.StartsWith('-'));
        return ("/v1/claims" + QueryString.Create(parameters), ordered);
    }

    private static IEnumerable<T> DateRange<T>(Random random, List<KeyValuePair<string, string?>> parameters, IEnumerable<T> matches, Func<T, DateOnly> date)
    {
        if (random.Next(3) != 0)
        {
            return matches;
        }

        var from = new DateOnly(2020, 1, 1).AddDays(random.Next(0, 5 * 365));
        var to = from.AddDays(random.Next(0, 500));
        parameters.Add(KeyValuePair.Create("from", (string?)from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        parameters.Add(KeyValuePair.Create("to", (string?)to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        return matches.Where(m => date(m) >= from && date(m) <= to);
    }

    // The documented order: by the key, ties by id; descending reverses both.
    private static string[] Sort<T>(IEnumerable<T> records, Func<T, string> id, Func<T, string> key, bool descending)
    {
        var ascending = records.OrderBy(key, StringComparer.OrdinalIgnoreCase).ThenBy(id, StringComparer.Ordinal).Select(id).ToArray();
        return descending ? ascending.Reverse().ToArray() : ascending;
    }

    private static IEnumerable<string> Words(params string?[] texts) =>
        texts.SelectMany(t => (t ?? "").ToLowerInvariant().Split((char[])[' ', '.', ',', '-', '\'', '"'], StringSplitOptions.RemoveEmptyEntries));
}
