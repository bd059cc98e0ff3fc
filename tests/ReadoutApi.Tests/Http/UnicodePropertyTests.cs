using System.Net;
using System.Text.Json.Nodes;
using ReadoutApi.Collections;
using ReadoutApi.Querying;
using ReadoutApi.Seed;

namespace ReadoutApi.Tests.Http;

/// <summary>
/// What the validator accepts, every format can carry: random Unicode text (every plane, combining marks, quotes, angle
/// brackets, leading <c>=+-@</c>, bidi and zero-width characters) in the text fields of every collection comes back
/// exactly from JSON and NDJSON, lists and records, and from Atom feeds, each read with a standard parser; from CSV, as
/// exactly as the documented formula escaping allows (<see cref="CsvInjectionTests.Shown"/>: a cell starting with
/// <c>= + - @</c>, tab or CR gains a leading apostrophe, and no cell read back starts with one of those).
/// </summary>
public class UnicodePropertyTests
{
    private const int RecordsPerCollection = 60;
    private const int RecordsFetchedOneByOne = 4;

    [Theory]
    [InlineData(20250510)]
    [InlineData(7)]
    [InlineData(1414)]
    [InlineData(90001)]
    public async Task EveryFormatCarriesTheTextTheValidatorAccepts(int seed)
    {
        using var data = new UnicodeSeed(seed, RecordsPerCollection);
        var problems = SeedLoader.Load(data.Folder).Problems;
        Assert.True(problems.Count == 0, $"seed {seed}: the validator refused generated text: {string.Join("; ", problems.Take(3))}");

        await using var factory = new ApiFactory(new() { ["Seed:Path"] = data.Folder });
        using var client = factory.CreateClient();
        var random = new Random(seed);
        foreach (var (name, idKey) in UnicodeSeed.Collections)
        {
            var expected = data.Texts[name];
            var context = $"seed {seed}, {name}";

            var descriptor = CollectionRegistry.All.Single(m => m.Descriptor.Name == name).Descriptor;
            var sort = (random.Next(2) == 0 ? "-" : "") + descriptor.SortFields[random.Next(descriptor.SortFields.Count)];
            await SearchNeverFails(client, name, expected.Values.SelectMany(t => t).Take(5), context);
            var json = await JsonList(client, name, sort, context);
            CheckRecords(data, json.Select(r => Json(r, name, idKey)), expected, $"{context}, JSON");

            var ndjson = FormatReaders.Ndjson(await client.GetText($"/v1/{name}?format=ndjson", "application/x-ndjson", context));
            CheckRecords(data, ndjson.Select(r => Json(r, name, idKey)), expected, $"{context}, NDJSON");

            var csv = FormatReaders.Csv(await client.GetText($"/v1/{name}?format=csv&sort={sort}", "text/csv", context));
            CheckRecords(data, csv.Select(r => Csv(r, name, idKey)), expected, $"{context}, CSV");

            if (descriptor.Formats.Contains("atom"))
            {
                await CheckFeed(client, data, name, context);
            }

            if (name != "timeline")
            {
                var ids = expected.Keys.OrderBy(_ => random.Next()).Take(RecordsFetchedOneByOne).ToArray();
                await CheckOneByOne(client, data, name, idKey, ids, context);
            }
        }
    }

    private static async Task<List<JsonObject>> JsonList(HttpClient client, string name, string sort, string context)
    {
        var records = new List<JsonObject>();
        for (string? url = $"/v1/{name}?sort={sort}&limit={ListParameters.MaxLimit}"; url is not null;)
        {
            var page = JsonNode.Parse(await client.GetText(url, "application/json", context))!;
            records.AddRange(page["data"]!.AsArray().Select(r => r!.AsObject()));
            url = (string?)page["links"]!["next"];
        }

        return records;
    }

    // Searching for the generated text itself (or for one of its words, which matches more records) is answered, with
    // results or a 400 for a query it cannot take, never a 5xx; a page of one has a next link (and Link header) that works.
    private static async Task SearchNeverFails(HttpClient client, string name, IEnumerable<PlacedText> texts, string context)
    {
        foreach (var q in texts.SelectMany(t => new[] { t.Value, t.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "x" }))
        {
            var url = $"/v1/{name}?q={Uri.EscapeDataString(q)}&limit=1";
            using var search = await client.GetAsync(url);
            Assert.True(search.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{context}: q={FormatReaders.Show(q)} -> {(int)search.StatusCode}");
            if (search.StatusCode == HttpStatusCode.OK && (string?)JsonNode.Parse(await search.Content.ReadAsStringAsync())!["links"]!["next"] is { } next)
            {
                Assert.Contains(search.Headers, h => h.Key == "Link");
                await client.GetText(next, "application/json", $"{context}, q={FormatReaders.Show(q)}, next page");
            }
        }
    }

    private static async Task CheckOneByOne(HttpClient client, UnicodeSeed data, string name, string idKey, string[] ids, string context)
    {
        foreach (var id in ids)
        {
            var url = $"/v1/{name}/{Uri.EscapeDataString(id)}";
            var expected = new Dictionary<string, List<PlacedText>> { [id] = data.Texts[name][id] };
            var json = JsonNode.Parse(await client.GetText(url, "application/json", context))!.AsObject();
            CheckRecords(data, [Json(json, name, idKey)], expected, $"{context}, JSON record {id}");
            var ndjson = FormatReaders.Ndjson(await client.GetText(url + "?format=ndjson", "application/x-ndjson", context));
            CheckRecords(data, ndjson.Select(r => Json(r, name, idKey)), expected, $"{context}, NDJSON record {id}");
            var csv = FormatReaders.Csv(await client.GetText(url + "?format=csv", "text/csv", context));
            CheckRecords(data, csv.Select(r => Csv(r, name, idKey)), expected, $"{context}, CSV record {id}");
        }
    }

    // Every expected record is there once, and each of its texts the format shows reads back as it was written.
    private static void CheckRecords(UnicodeSeed data, IEnumerable<RecordRead> records, Dictionary<string, List<PlacedText>> expected, string context)
    {
        var seen = new HashSet<string>();
        foreach (var record in records)
        {
            Assert.True(seen.Add(record.Key), $"{context}: {record.Key} is there twice");
            Assert.True(expected.TryGetValue(record.Key, out var texts), $"{context}: {record.Key} was not generated (seed {data.Seed})");
            foreach (var text in texts.Where(record.Shows))
            {
                var whole = record.Whole(text);
                Same(whole ? record.Shown(text.Value) : null, whole ? [] : [text.Value], record.Read(text), $"{context}: {record.Key} {string.Join('.', text.JsonPath)}");
            }
        }

        Assert.True(seen.Count == expected.Count, $"{context}: {seen.Count} records, {expected.Count} generated");
    }

    private static async Task CheckFeed(HttpClient client, UnicodeSeed data, string name, string context)
    {
        var expected = data.Atom[name];
        var seen = new HashSet<string>();
        for (string? url = $"/v1/{name}?format=atom&limit={ListParameters.MaxLimit}"; url is not null;)
        {
            var body = await client.GetText(url, "application/atom+xml", context);
            var (entries, next) = FormatReaders.AtomWithXml(body);
            var syndicated = FormatReaders.AtomWithSyndication(body);
            Assert.Equal(entries.Count, syndicated.Count);
            foreach (var (entry, parser) in entries.Select(e => (e, "XmlReader")).Concat(syndicated.Select(e => (e, "SyndicationFeed"))))
            {
                var where = $"{context}, Atom ({parser}): {entry.Href}";
                Assert.True(expected.TryGetValue(entry.Href, out var want), $"{where} was not generated");
                Same(want.Title, want.TitleParts, entry.Title, $"{where} title");
                Same(want.Title, want.TitleParts, entry.LinkTitle, $"{where} link title");
                Same(want.Summary, want.SummaryParts, entry.Summary, $"{where} summary");
                Same(want.Author, [], entry.Author, $"{where} author");
            }

            Assert.All(entries, e => Assert.True(seen.Add(e.Href), $"{context}: {e.Href} is in the feed twice"));
            url = next is null ? null : new Uri(next).PathAndQuery;
        }

        Assert.True(seen.Count == expected.Count, $"{context}: the feed has {seen.Count} entries, {expected.Count} generated");
    }

    private static void Same(string? whole, string[] parts, string? actual, string where)
    {
        if (whole is not null && actual != whole)
        {
            Assert.Fail($"{where}: expected {FormatReaders.Show(whole)}, got {FormatReaders.Show(actual)}");
        }

        foreach (var part in parts.Where(p => actual is null || !actual.Contains(p, StringComparison.Ordinal)))
        {
            Assert.Fail($"{where}: expected a text holding {FormatReaders.Show(part)}, got {FormatReaders.Show(actual)}");
        }
    }

    // A record as a format shows it: its key, which of the generated texts it shows, and how to read one.
    // Shown is how a whole text is expected to read back: as it is, or with the CSV escaping of its cell.
    private sealed record RecordRead(
        string Key, Func<PlacedText, bool> Shows, Func<PlacedText, bool> Whole, Func<PlacedText, string?> Read, Func<string, string> Shown);

    private static RecordRead Json(JsonObject record, string name, string idKey) => new(
        name == "timeline" ? $"{(string)record["type"]!}:{(string)record["id"]!}" : (string)record[idKey]!,
        _ => true,
        text => text.Whole,
        text => (string?)text.JsonPath.Aggregate((JsonNode?)record, (node, key) => int.TryParse(key, out var i) ? node?[i] : node?[key]),
        text => text);

    // Every cell of the row, generated or not, is checked: none may start with what a spreadsheet runs as a formula.
    private static RecordRead Csv(Dictionary<string, string> row, string name, string idKey)
    {
        foreach (var (column, cell) in row)
        {
            Assert.False(cell.Length > 0 && "=+-@\t\r".Contains(cell[0]), $"CSV {column}: {FormatReaders.Show(cell)} starts a formula");
        }

        return new(
            name == "timeline" ? $"{row["type"]}:{row["id"]}" : row[idKey],
            text => text.CsvColumn is not null,
            text => text.Whole && text.WholeCell,
            text => row[text.CsvColumn!],
            CsvInjectionTests.Shown);
    }
}
