using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using CsvHelper;
using CsvHelper.Configuration;

namespace ReadoutApi.Tests.Support;

/// <summary>One Atom entry as a parser read it.</summary>
public sealed record AtomEntryRead(string Href, string Title, string Summary, string LinkTitle, string Author);

/// <summary>Reads each representation back with a standard parser, strictly: a body that is not valid UTF-8, a CSV
/// row that is not RFC 4180, or XML that is not well-formed fails.</summary>
public static class FormatReaders
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly XNamespace AtomNs = "http://www.w3.org/2005/Atom";

    /// <summary>GETs a URL, which must answer 200 with the media type; returns the body, decoded as strict UTF-8.</summary>
    public static async Task<string> GetText(this HttpClient client, string url, string mediaType, string context)
    {
        using var response = await client.GetAsync(url);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var body = Encoding.UTF8.GetString(bytes);
        Assert.True(response.IsSuccessStatusCode, $"{context}: GET {url} -> {(int)response.StatusCode}: {body[..Math.Min(body.Length, 2000)]}");
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        return StrictUtf8.GetString(bytes);
    }

    /// <summary>The records of a CSV body, each a header-to-cell map, read with CsvHelper.</summary>
    public static List<Dictionary<string, string>> Csv(string body)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { DetectColumnCountChanges = true };
        using var csv = new CsvReader(new StringReader(body), config);
        Assert.True(csv.Read() && csv.ReadHeader(), "the CSV has no header row");
        var headers = csv.HeaderRecord!;
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(headers.Select((h, i) => (h, csv.GetField(i)!)).ToDictionary(c => c.h, c => c.Item2));
        }

        return rows;
    }

    /// <summary>The records of an NDJSON body, one JSON object a line (lines end with LF).</summary>
    public static List<JsonObject> Ndjson(string body)
    {
        Assert.True(body.Length == 0 || body.EndsWith('\n'), "the NDJSON body does not end with a newline");
        return [.. body.Split('\n').SkipLast(1).Select(line => JsonNode.Parse(line)!.AsObject())];
    }

    /// <summary>The entries of an Atom page and its next link, read with XmlReader (DTDs prohibited) into LINQ to XML.</summary>
    public static (List<AtomEntryRead> Entries, string? Next) AtomWithXml(string body)
    {
        using var reader = XmlReader.Create(new StringReader(body), Strict);
        var feed = XDocument.Load(reader).Root!;
        Assert.Equal(AtomNs + "feed", feed.Name);
        var entries = feed.Elements(AtomNs + "entry").Select(e =>
        {
            var link = e.Elements(AtomNs + "link").Single(l => (string?)l.Attribute("rel") == "alternate");
            return new AtomEntryRead(
                new Uri((string)link.Attribute("href")!).AbsolutePath, (string)e.Element(AtomNs + "title")!, (string)e.Element(AtomNs + "summary")!,
                (string)link.Attribute("title")!, (string)e.Element(AtomNs + "author")!.Element(AtomNs + "name")!);
        }).ToList();
        var next = feed.Elements(AtomNs + "link").SingleOrDefault(l => (string?)l.Attribute("rel") == "next");
        return (entries, next is null ? null : (string)next.Attribute("href")!);
    }

    /// <summary>The entries of an Atom page, read with System.ServiceModel.Syndication.</summary>
    public static List<AtomEntryRead> AtomWithSyndication(string body)
    {
        using var reader = XmlReader.Create(new StringReader(body), Strict);
        var feed = SyndicationFeed.Load(reader);
        return [.. feed.Items.Select(item =>
        {
            var link = item.Links.Single(l => l.RelationshipType == "alternate");
            return new AtomEntryRead(
                link.Uri.AbsolutePath, item.Title.Text, ((TextSyndicationContent)item.Summary).Text, link.Title, item.Authors.Single().Name);
        })];
    }

    /// <summary>A text with every character outside printable ASCII as <c>\uXXXX</c>, for failure messages.</summary>
    public static string Show(string? text) => text is null
        ? "(null)"
        : "\"" + string.Concat(text.Select(c => c is >= ' ' and < '\x7f' and not '\\' ? c.ToString() : $"\\u{(int)c:X4}")) + "\"";

    private static XmlReaderSettings Strict => new() { DtdProcessing = DtdProcessing.Prohibit, CheckCharacters = true, XmlResolver = null };
}
