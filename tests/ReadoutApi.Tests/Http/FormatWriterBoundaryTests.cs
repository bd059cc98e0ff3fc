using Microsoft.AspNetCore.Http;
using ReadoutApi.Http;

namespace ReadoutApi.Tests.Http;

/// <summary>
/// The CSV and Atom writers buffer what they write (CSV lines are copied in 64 KiB chunks): an astral character whose two UTF-16 halves fall
/// on either side of a block boundary is still written as one UTF-8 character, at every offset.
/// </summary>
public class FormatWriterBoundaryTests
{
    // Long enough to cross several buffer boundaries; the offsets move the pairs across each boundary.
    private static readonly string Astral = string.Concat(Enumerable.Repeat("\U0001F600\U00020000e\u0301", 9000));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task CsvCellsOfAstralCharactersComeBackWhole(int offset)
    {
        var cell = new string('a', offset) + Astral;
        var rows = FormatReaders.Csv(Strict.GetString(await Export(["id", "text"], [["r-1", cell], ["r-2", "=" + cell]])));

        Assert.Equal(2, rows.Count);
        Assert.True(rows[0]["text"] == cell, "the first cell differs");
        // A cell starting with '=' is escaped with a leading apostrophe (docs/api.md), which moves the pairs by one more.
        Assert.True(rows[1]["text"] == "'=" + cell, "the second cell differs");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task AtomTextOfAstralCharactersComesBackWhole(int offset)
    {
        var text = new string('a', offset) + Astral;
        var entry = new AtomEntry(text, "]]>" + text, new DateOnly(2025, 5, 10), text, "/v1/readouts/r-1");
        var result = new AtomResult("t", DateTimeOffset.UnixEpoch, [entry], "/v1/readouts?format=atom", null, null);

        var body = await Render(result);
        var (entries, _) = FormatReaders.AtomWithXml(body);
        var syndicated = FormatReaders.AtomWithSyndication(body);

        foreach (var read in entries.Concat(syndicated))
        {
            Assert.True(read.Title == text && read.LinkTitle == text && read.Author == text, "the title, link title or author differs");
            Assert.True(read.Summary == "]]>" + text, "the summary differs");
        }

        Assert.Equal(2, entries.Count + syndicated.Count);
    }

    private static readonly System.Text.UTF8Encoding Strict = new(false, throwOnInvalidBytes: true);

    /// <summary>The body of a CSV export of these rows, as the app writes it (each line rendered, then copied in chunks).</summary>
    public static async Task<byte[]> Export(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var lines = rows.Select(CsvLines.Line).ToArray();
        var body = new ExportBody(CsvLines.Line(headers), () => [.. Enumerable.Range(0, lines.Length)], p => lines[p], default);
        var caching = new HttpCaching(Microsoft.Extensions.Options.Options.Create(new CachingOptions()));
        var context = new DefaultHttpContext();
        using var stream = new MemoryStream();
        context.Response.Body = stream;
        await new ExportResult(body, "text/csv", "x.csv", caching, cache: null).ExecuteAsync(context);
        return stream.ToArray();
    }

    // Runs a result against a bare context and returns its body, decoded as strict UTF-8.
    private static async Task<string> Render(IResult result)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost");
        using var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        return Strict.GetString(body.ToArray());
    }
}
