using System.Net;
using System.Text.Json.Nodes;

namespace ReadoutApi.Tests.Endpoints;

/// <summary>
/// <c>fields</c> keeps what a client names (and the id), in JSON, NDJSON and CSV; <c>expand</c> replaces links by the
/// records they lead to, one level deep; anything unknown is a 400 naming it; ETags and cursors account for both.
/// </summary>
public class FieldsAndExpandTests(CorpusFixture corpus) : IClassFixture<CorpusFixture>
{
    private static readonly string[] Collections = ["readouts", "claims", "statements", "people", "organizations", "countries", "places", "sources", "timeline"];

    [Fact]
    public async Task FieldsKeepWhatIsNamedAndTheIdInEveryJsonFormat()
    {
        var client = corpus.Factory.CreateClient();
        var full = (await client.GetJson("/v1/readouts?limit=5"))["data"]!.AsArray();
        var page = (await client.GetJson("/v1/readouts?limit=5&fields=title,participants.person"))["data"]!.AsArray();
        var id = (string)full[0]!["id"]!;
        var record = await client.GetJson($"/v1/readouts/{id}?fields=title,participants.person");
        var ndjson = FormatReaders.Ndjson(await client.GetStringAsync("/v1/readouts?format=ndjson&fields=title,participants.person&limit=100"));

        Assert.Equal(5, page.Count);
        foreach (var (got, expected) in page.Zip(full).Append((record, full[0])).Append((ndjson[0], full[0])))
        {
            Assert.Equal(["id", "title", "participants"], got!.AsObject().Select(p => p.Key));
            Assert.Equal((string)expected!["title"]!, (string)got["title"]!);
            var participants = got["participants"]!.AsArray();
            Assert.Equal(expected["participants"]!.AsArray().Count, participants.Count);
            Assert.All(participants, p => Assert.Equal(["person"], p!.AsObject().Select(x => x.Key)));
            Assert.True(JsonNode.DeepEquals(expected["participants"]![0]!["person"], participants[0]!["person"]));
        }

        Assert.Equal(corpus.Data.Readouts.Count, ndjson.Count);
    }

    [Fact]
    public async Task CsvKeepsTheColumnsOfTheFieldsNamed()
    {
        var client = corpus.Factory.CreateClient();
        var rows = FormatReaders.Csv(await client.GetStringAsync("/v1/claims?format=csv&fields=date,verification"));
        var all = FormatReaders.Csv(await client.GetStringAsync("/v1/claims?format=csv"));

        Assert.Equal(["id", "date", "verificationStatus", "verificationReviewer", "verificationNote", "reviewedDate"], rows[0].Keys);
        Assert.Equal(all.Count, rows.Count);
        Assert.All(rows.Zip(all), pair => Assert.All(pair.First, cell => Assert.Equal(pair.Second[cell.Key], cell.Value)));
    }

    [Fact]
    public void EveryCsvColumnBelongsToAFieldOfItsRecords()
    {
        foreach (var module in ReadoutApi.Collections.CollectionRegistry.All)
        {
            Assert.All(module.CsvHeaders, header => Assert.True(
                module.Shape.Children.ContainsKey(module.CsvFieldOf(header)), $"{module}: the column {header} belongs to no field"));
        }
    }

    [Fact]
    public async Task ExpandReplacesEachLinkByItsRecord()
    {
        var client = corpus.Factory.CreateClient();
        foreach (var claim in (await client.GetJson("/v1/claims?limit=20&expand=claimant,places,sources"))["data"]!.AsArray())
        {
            var links = new[] { claim!["claimant"] }.Concat(claim["places"]!.AsArray()).Concat(claim["sources"]!.AsArray());
            foreach (var link in links)
            {
                var href = (string)link!["href"]!;
                var linked = await client.GetJson(href);
                Assert.All(linked.AsObject(), p => Assert.True(JsonNode.DeepEquals(p.Value, link[p.Key]), $"{href}: {p.Key} differs"));
            }
        }

        await EveryLinkOfEveryRecordExpands(client);
    }

    [Theory]
    [InlineData("/v1/readouts?fields=titel", "fields", "'titel' is not a field")]
    [InlineData("/v1/readouts?fields=participants.persn", "fields", "'participants.persn' is not a field")]
    [InlineData("/v1/readouts?fields=issuer.id", "fields", "goes inside the link 'issuer'")]
    [InlineData("/v1/readouts?fields=", "fields", "must not have an empty item")]
    [InlineData("/v1/readouts?expand=title", "expand", "'title' is not a link. Links that expand: issuer, participants.person")]
    [InlineData("/v1/claims?format=csv&expand=claimant", "expand", "is not offered with csv")]
    [InlineData("/v1/claims?format=atom&fields=text", "fields", "is not offered with atom")]
    [InlineData("/v1/readouts/2025-05-10-rubio-dar?fields=x", "fields", "'x' is not a field")]
    [InlineData("/v1/readouts/2025-05-10-rubio-dar?expand=issuer&expand=sources", "expand", "must be given once")]
    [InlineData("/v1/readouts/2025-05-10-rubio-dar?fieldz=title", "fieldz", "takes only: fields, expand, format")]
    public async Task UnknownFieldsAndLinksAre400sNamingThem(string url, string parameter, string message)
    {
        await using var factory = new ApiFactory();
        var problem = await factory.CreateClient().GetProblem(url, 400);
        var errors = problem["errors"]![parameter]!.AsArray().Select(e => (string)e!);
        Assert.Contains(errors, e => e.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EtagsAndCursorsAccountForFieldsAndExpand()
    {
        var client = corpus.Factory.CreateClient();
        var tags = new List<string>();
        foreach (var query in new[] { "limit=5", "limit=5&fields=title", "limit=5&fields=date", "limit=5&expand=issuer" })
        {
            using var response = await client.GetAsync($"/v1/readouts?{query}");
            tags.Add(response.Headers.ETag!.Tag);
        }

        Assert.Equal(tags.Count, tags.Distinct().Count());

        // A walk keeps its fields on every page and reaches every record once; its cursor does not fit other fields.
        var ids = new List<string>();
        string? next = "/v1/readouts?limit=50&fields=date";
        string? cursor = null;
        while (next is not null)
        {
            var page = await client.GetJson(next);
            Assert.All(page["data"]!.AsArray(), r => Assert.Equal(["id", "date"], r!.AsObject().Select(p => p.Key)));
            ids.AddRange(page.Ids());
            next = (string?)page["links"]!["next"];
            cursor ??= next is null ? null : System.Web.HttpUtility.ParseQueryString(next.Split('?')[1])["cursor"];
        }

        Assert.Equal(corpus.Data.Readouts.Count, ids.Distinct().Count());
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var refused = await client.GetProblem($"/v1/readouts?limit=50&fields=title&cursor={Uri.EscapeDataString(cursor!)}", 400);
        Assert.NotNull(refused["errors"]!["cursor"]);
    }

    // Every link path of every collection, expanded on every record: each link that leads to a record becomes it.
    private static async Task EveryLinkOfEveryRecordExpands(HttpClient client)
    {
        foreach (var name in Collections)
        {
            var module = ReadoutApi.Collections.CollectionRegistry.All.Single(m => m.Descriptor.Name == name);
            var paths = module.Shape.LinkPaths().ToArray();
            if (paths.Length == 0)
            {
                continue;
            }

            var body = await client.GetStringAsync($"/v1/{name}?format=ndjson&expand={string.Join(',', paths)}");
            foreach (var record in FormatReaders.Ndjson(body))
            {
                foreach (var path in paths)
                {
                    foreach (var link in Reach(record, path.Split('.')))
                    {
                        Assert.True(link["links"] is not null || link["type"] is not null, $"{name} {record["id"]}: {path} was not expanded: {link.ToJsonString()}");
                    }
                }
            }
        }
    }

    private static IEnumerable<JsonObject> Reach(JsonNode? node, string[] path) => node switch
    {
        JsonArray array => array.SelectMany(item => Reach(item, path)),
        JsonObject obj when path.Length == 0 => [obj],
        JsonObject obj => Reach(obj[path[0]], path[1..]),
        _ => [],
    };
}
