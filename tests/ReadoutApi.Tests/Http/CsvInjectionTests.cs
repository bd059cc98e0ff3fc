using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ReadoutApi.Http;

namespace ReadoutApi.Tests.Http;

/// <summary>
/// CSV exports are safe to open in a spreadsheet: a cell starting with <c>= + - @</c>, a tab or a carriage return is
/// written quoted with an apostrophe in front (the rule docs/api.md states), and every other cell as it is; JSON and
/// NDJSON keep the text verbatim.
/// </summary>
public class CsvInjectionTests
{
    private const string ClaimId = "2025-05-10-pakistan-retaliatory-strikes";
    private const string Formula = "=HYPERLINK(\"http://example.org\",\"x\")";

    /// <summary>The documented rule, written out independently of the app.</summary>
    public static string Shown(string cell) => cell.Length > 0 && "=+-@\t\r".Contains(cell[0]) ? "'" + cell : cell;

    [Theory]
    [InlineData("=1+1", "\"'=1+1\"")]
    [InlineData("+1 555", "\"'+1 555\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("@SUM(A1:A2)", "\"'@SUM(A1:A2)\"")]
    [InlineData("\t=1", "\"'\t=1\"")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("=a,\"b\"", "\"'=a,\"\"b\"\"\"")]
    [InlineData("a=b", "a=b")]
    [InlineData(" =1", "\" =1\"")]
    [InlineData("'=1", "'=1")]
    [InlineData("\"=1\"", "\"\"\"=1\"\"\"")]
    [InlineData("x\n=1", "\"x\n=1\"")]
    [InlineData("", "")]
    public async Task ACellIsWrittenByTheDocumentedRule(string cell, string written)
    {
        var body = await Write(["a", "b"], [["1", cell]]);
        Assert.Equal($"a,b\r\n1,{written}\r\n", body);
        var read = Assert.Single(FormatReaders.Csv(body));
        Assert.Equal(Shown(cell), read["b"]);
    }

    [Fact]
    public async Task AFormulaInTheSeedIsEscapedInCsvAndVerbatimInJsonAndNdjson()
    {
        using var seed = new SeedCopy();
        seed.Edit("claims.json", json =>
        {
            var root = JsonNode.Parse(json)!;
            var claim = root["claims"]!.AsArray().Single(c => (string?)c!["id"] == ClaimId)!;
            claim["quote"] = Formula;
            claim["text"] = "@SUM(A1:A2) " + (string?)claim["text"];
            claim["notes"] = new JsonArray("-2+3", "+1 555");
            return root.ToJsonString();
        });
        await using var factory = new ApiFactory(new() { ["Seed:Path"] = seed.Folder });
        using var client = factory.CreateClient();

        var list = await client.GetText("/v1/claims?format=csv", "text/csv", "list");
        var record = await client.GetText($"/v1/claims/{ClaimId}?format=csv", "text/csv", "record");
        Assert.Contains("\"'=HYPERLINK(\"\"http://example.org\"\",\"\"x\"\")\"", record);
        foreach (var (body, where) in new[] { (list, "list"), (record, "record") })
        {
            var rows = FormatReaders.Csv(body);
            var row = rows.Single(r => r["id"] == ClaimId);
            Assert.Equal("'" + Formula, row["quote"]);
            Assert.StartsWith("'@SUM(A1:A2) ", row["text"]);
            Assert.Equal("'-2+3; +1 555", row["notes"]);
            Assert.All(rows.SelectMany(r => r.Values), cell => Assert.False(
                cell.Length > 0 && "=+-@\t\r".Contains(cell[0]), $"{where}: the cell {FormatReaders.Show(cell)} starts a formula"));
        }

        var json = JsonNode.Parse(await client.GetText($"/v1/claims/{ClaimId}", "application/json", "json"))!;
        var ndjson = FormatReaders.Ndjson(await client.GetText("/v1/claims?format=ndjson", "application/x-ndjson", "ndjson"))
            .Single(r => (string?)r["id"] == ClaimId);
        foreach (var verbatim in new[] { json, ndjson })
        {
            Assert.Equal(Formula, (string?)verbatim["quote"]);
            Assert.StartsWith("@SUM(A1:A2) ", (string?)verbatim["text"]);
            Assert.Equal(["-2+3", "+1 555"], verbatim["notes"]!.AsArray().Select(n => (string?)n));
        }
    }

    private static async Task<string> Write(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows) =>
        Encoding.UTF8.GetString(await FormatWriterBoundaryTests.Export(headers, rows));
}
