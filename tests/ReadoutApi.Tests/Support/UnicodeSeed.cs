using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ReadoutApi.Contracts;
using ReadoutApi.Corpus;

namespace ReadoutApi.Tests.Support;

/// <summary>A generated text in a record: where the JSON has it, the CSV column that shows it, and whether the value
/// is the whole text (or, where the API composes a text from several, a part of it), in JSON and in its CSV cell.</summary>
public sealed record PlacedText(string[] JsonPath, string? CsvColumn, string Value, bool Whole = true, bool WholeCell = true);

/// <summary>What an Atom entry must show: its title (whole, or the parts it is made of), its summary, its author.</summary>
public sealed record AtomExpectation(string? Title, string[] TitleParts, string? Summary, string[] SummaryParts, string Author);

/// <summary>
/// A generated seed folder whose text fields hold <see cref="UnicodeText"/>, and what each format must show of them.
/// Texts are keyed by collection, then by the record's id (a timeline item by <c>type:id</c>); Atom entries by feed,
/// then by the record they link to.
/// </summary>
public sealed partial class UnicodeSeed : IDisposable
{
    /// <summary>Each collection and the property that identifies its records.</summary>
    public static readonly (string Name, string IdKey)[] Collections =
    [
        ("readouts", "id"), ("claims", "id"), ("statements", "id"), ("people", "id"), ("organizations", "id"),
        ("countries", "code"), ("places", "id"), ("sources", "id"), ("timeline", "id"),
    ];

    private readonly Random _random;
    private readonly Dictionary<string, JsonNode> _files = [];

    public UnicodeSeed(int seed, int records)
    {
        Seed = seed;
        _random = new Random(seed);
        try
        {
            Write(seed, records);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public int Seed { get; }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "readoutapi-unicode-" + Guid.NewGuid().ToString("N"));

    public Dictionary<string, Dictionary<string, List<PlacedText>>> Texts { get; } = [];

    public Dictionary<string, Dictionary<string, AtomExpectation>> Atom { get; } = [];

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    private void Write(int seed, int records)
    {
        CorpusGenerator.Write(Folder, new CorpusSize(records, records, records, People: 30, Places: 20), seed);
        foreach (var (name, _) in Collections.Where(c => c.Name != "timeline"))
        {
            _files[name] = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, name + ".json")))!;
            Texts[name] = [];
        }

        PlaceTexts();
        ExpectTimelineAndFeeds();

        // Even seeds write text as the serializer escapes it (\uXXXX); odd ones as raw UTF-8, astral characters too.
        var options = new JsonSerializerOptions { Encoder = seed % 2 == 0 ? JavaScriptEncoder.Default : JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        foreach (var (name, node) in _files)
        {
            var json = node.ToJsonString(options);
            File.WriteAllText(Path.Combine(Folder, name + ".json"), seed % 2 == 0 ? json : SurrogatePairEscape().Replace(json, Unescape));
        }
    }

    private JsonArray Records(string collection) => _files[collection][collection]!.AsArray();

    private void PlaceTexts()
    {
        foreach (var r in Records("readouts").Select(n => n!.AsObject()))
        {
            Place("readouts", r, "title", "title");
            Place("readouts", r, null, "points", "0", "text");
            Place("readouts", r, "quotes", "points", "0", "quote");
            for (var i = 0; i < r["participants"]!.AsArray().Count; i++)
            {
                Place("readouts", r, "roles", "participants", $"{i}", "role").MarkPartOfCell();
            }

            if (r["reportedWording"] is not null)
            {
                Place("readouts", r, "reportedWording", "reportedWording", "quote");
            }

            PlaceNote("readouts", r);
        }

        foreach (var c in Records("claims").Select(n => n!.AsObject()))
        {
            Place("claims", c, "text", "text");
            if (c["quote"] is not null)
            {
                Place("claims", c, "quote", "quote");
            }

            Place("claims", c, "verificationReviewer", "verification", "reviewer");
            Place("claims", c, "verificationNote", "verification", "note");
            for (var i = 0; i < c["places"]!.AsArray().Count; i++)
            {
                Place("claims", c, "placeNamesAsReported", "places", $"{i}", "nameAsReported").MarkPartOfCell();
            }

            PlaceNote("claims", c);
        }

        foreach (var s in Records("statements").Select(n => n!.AsObject()))
        {
            Place("statements", s, "quote", "quote");
            PlaceNote("statements", s);
        }

        foreach (var p in Records("people").Select(n => n!.AsObject()))
        {
            Place("people", p, "name", "name");
            Place("people", p, "roles", "roles", "0", "title").MarkPartOfCell();
        }

        foreach (var name in new[] { "organizations", "countries", "places" })
        {
            foreach (var record in Records(name).Select(n => n!.AsObject()))
            {
                Place(name, record, "name", "name");
            }
        }

        foreach (var s in Records("sources").Select(n => n!.AsObject()))
        {
            Place("sources", s, "title", "title");
            Place("sources", s, "publisher", "publisher");
            PlaceNote("sources", s);
        }
    }

    private void ExpectTimelineAndFeeds()
    {
        string Text(JsonNode record, params string[] path) =>
            (string)path.Aggregate(record, (node, key) => int.TryParse(key, out var i) ? node[i]! : node[key]!)!;
        var names = new Dictionary<string, string>();
        foreach (var (collection, key) in new[] { ("people", "person"), ("organizations", "organization"), ("countries", "country") })
        {
            foreach (var record in Records(collection))
            {
                names[$"{key}/{(string)record![collection == "countries" ? "code" : "id"]!}"] = Text(record, "name");
            }
        }

        string Actor(JsonNode actor) => names[$"{(string)actor["kind"]!}/{(string)actor["id"]!}"];
        var timeline = Texts["timeline"] = [];
        var feeds = new[] { "readouts", "claims", "statements", "timeline" }.ToDictionary(f => f, f => Atom[f] = []);
        foreach (var r in Records("readouts").Select(n => n!))
        {
            var (id, title) = ((string)r["id"]!, Text(r, "title"));
            timeline[$"readout:{id}"] = [new(["summary"], "summary", title)];
            feeds["readouts"][Paths.Record("readouts", id)] = new(title, [], null, [Text(r, "points", "0", "text")], names[$"organization/{(string)r["issuerId"]!}"]);
            feeds["timeline"][Paths.Record("readouts", id)] = new(title, [], null, [title], "ReadoutApi");
        }

        foreach (var c in Records("claims").Select(n => n!))
        {
            var (id, text) = ((string)c["id"]!, Text(c, "text"));
            timeline[$"claim:{id}"] = [new(["summary"], "summary", text)];
            feeds["claims"][Paths.Record("claims", id)] =
                new(text, [], null, [(string?)c["quote"] ?? text, Text(c, "verification", "reviewer")], Actor(c["claimant"]!));
            feeds["timeline"][Paths.Record("claims", id)] = new(text, [], null, [text], "ReadoutApi");
        }

        foreach (var s in Records("statements").Select(n => n!))
        {
            var (id, quote, speaker) = ((string)s["id"]!, Text(s, "quote"), Actor(s["speaker"]!));
            timeline[$"statement:{id}"] = [new(["summary"], "summary", speaker, Whole: false), new(["summary"], "summary", quote, Whole: false)];
            feeds["statements"][Paths.Record("statements", id)] = new(null, [speaker, quote], quote, [], speaker);
            feeds["timeline"][Paths.Record("statements", id)] = new(null, [speaker, quote], null, [speaker, quote], "ReadoutApi");
        }
    }

    private Placed Place(string collection, JsonObject record, string? csvColumn, params string[] path)
    {
        var value = UnicodeText.Next(_random);
        JsonNode parent = record;
        foreach (var key in path[..^1])
        {
            parent = int.TryParse(key, out var index) ? parent[index]! : parent[key]!;
        }

        if (int.TryParse(path[^1], out var at))
        {
            parent.AsArray()[at] = value;
        }
        else
        {
            parent[path[^1]] = value;
        }

        var id = (string)record[collection == "countries" ? "code" : "id"]!;
        var texts = Texts[collection].TryGetValue(id, out var known) ? known : Texts[collection][id] = [];
        texts.Add(new(path, csvColumn, value));
        return new Placed(texts, texts.Count - 1);
    }

    private void PlaceNote(string collection, JsonObject record)
    {
        record["notes"] = new JsonArray("");
        Place(collection, record, "notes", "notes", "0");
    }

    // An escaped pair (\uD83D\uDE00), not preceded by an escaping backslash.
    // A text just placed, which a CSV cell may show among others (joined with "; ", or with an id before it).
    private readonly record struct Placed(List<PlacedText> Texts, int Index)
    {
        public void MarkPartOfCell() => Texts[Index] = Texts[Index] with { WholeCell = false };
    }

    [GeneratedRegex(@"(?<=(?:^|[^\\])(?:\\\\)*)\\u(D[89AB][0-9A-F]{2})\\u(D[C-F][0-9A-F]{2})", RegexOptions.IgnoreCase)]
    private static partial Regex SurrogatePairEscape();

    private static string Unescape(Match pair) =>
        new([(char)Convert.ToInt32(pair.Groups[1].Value, 16), (char)Convert.ToInt32(pair.Groups[2].Value, 16)]);
}
