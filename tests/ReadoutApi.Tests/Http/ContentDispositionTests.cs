using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ReadoutApi.Collections;
using ReadoutApi.Http;
using HeaderValue = System.Net.Http.Headers.ContentDispositionHeaderValue;

namespace ReadoutApi.Tests.Http;

/// <summary>
/// A CSV download is named by the collection and the record's canonical id, with RFC 6266 <c>filename*</c> (RFC 8187)
/// where the name is more than letters, digits, dot, underscore and hyphen; and no id asked for, however odd, is a 5xx.
/// </summary>
public class ContentDispositionTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("claims.csv", "attachment; filename=\"claims.csv\"")]
    [InlineData("places-rafiqui-air-base.csv", "attachment; filename=\"places-rafiqui-air-base.csv\"")]
    [InlineData("countries-u\u017F.csv", "attachment; filename=\"countries-u_.csv\"; filename*=UTF-8''countries-u%C5%BF.csv")]
    [InlineData("a \"b\"\r\n.csv", "attachment; filename=\"a__b___.csv\"; filename*=UTF-8''a%20%22b%22%0D%0A.csv")]
    [InlineData("\U00020000~!.csv", "attachment; filename=\"___.csv\"; filename*=UTF-8''%F0%A0%80%80~!.csv")]
    public void TheHeaderIsBuiltByTheRule(string fileName, string header) => Assert.Equal(header, ContentDispositions.Attachment(fileName));

    // Built at run time: a lone surrogate does not survive an attribute's metadata.
    [Fact]
    public void ALoneSurrogateIsSentAsTheReplacementCharacter() =>
        Assert.Equal("attachment; filename=\"a_.csv\"; filename*=UTF-8''a%EF%BF%BD.csv", ContentDispositions.Attachment("a" + (char)0xD800 + ".csv"));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void AnyNameGivesAValidHeaderThatNamesIt(int seed)
    {
        var random = new Random(seed);
        for (var n = 0; n < 500; n++)
        {
            var name = (random.Next(4) == 0 ? new string('x', random.Next(150, 400)) : "") + UnicodeText.Next(random) + ".csv";
            var header = ContentDispositions.Attachment(name);
            Assert.True(header.All(c => c is >= ' ' and < '\x7f'), $"{FormatReaders.Show(header)} is not visible ASCII");
            var parsed = HeaderValue.Parse(header);
            Assert.Equal("attachment", parsed.DispositionType);
            Assert.Matches("^[A-Za-z0-9._-]+$", parsed.FileName);
            var expected = Shorten(name);
            Assert.Equal(expected, parsed.FileNameStar ?? parsed.FileName);
        }
    }

    [Fact]
    public async Task AnIdThatResolvesNamesTheFileByTheCanonicalId()
    {
        // 'ſ' upper-cases to 'S', so "uſ" finds the country US, as "us" does; the file is named by the record's id.
        foreach (var id in new[] { "u%C5%BF", "us", "US", "uS" })
        {
            using var response = await factory.CreateClient().GetAsync($"/v1/countries/{id}?format=csv");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("attachment; filename=\"countries-US.csv\"", response.Content.Headers.GetValues("Content-Disposition").Single());
            Assert.Equal("US", Assert.Single(FormatReaders.Csv(await response.Content.ReadAsStringAsync()))["code"]);
        }
    }

    // Odd ids (non-ASCII, CR/LF, quotes, very long, case variants of real ids, every plane) in every format: a record or
    // a 404 problem, never a 5xx, and a CSV file is always named after the id in its row.
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public async Task NoIdEverCausesA5xx(int seed)
    {
        var client = factory.CreateClient();
        var random = new Random(seed);
        foreach (var module in CollectionRegistry.All.Where(m => m.Docs.GetSummary is not null))
        {
            var name = module.Descriptor.Name;
            var real = FormatReaders.Ndjson(await client.GetText($"/v1/{name}?format=ndjson", "application/x-ndjson", name))
                .Select(r => (string)r["id"]!).OrderBy(_ => random.Next()).Take(3).ToArray();
            var ids = real.SelectMany(id => new[] { id, id.ToUpperInvariant(), id.ToLowerInvariant(), id.Replace('s', '\u017F'), id.Replace('k', '\u212A'), id + "\r\n" })
                .Concat(["\"", "a\"b", "\r\nSet-Cookie: a=b", "%", "%2F", "\u202E", "\U00020000", new string('a', 3000), new string('\u00E9', 2000)])
                .Concat(Enumerable.Range(0, 10).Select(_ => UnicodeText.Next(random)));
            foreach (var id in ids)
            {
                foreach (var format in new[] { "csv", "json", "ndjson" })
                {
                    var url = $"/v1/{name}/{Uri.EscapeDataString(id)}?format={format}";
                    using var response = await client.GetAsync(url);
                    var body = await response.Content.ReadAsStringAsync();
                    var where = $"{name} {FormatReaders.Show(id)} as {format}: {(int)response.StatusCode}";
                    Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{where} {body[..Math.Min(body.Length, 500)]}");
                    if (response.StatusCode == HttpStatusCode.NotFound)
                    {
                        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                        Assert.Equal(404, (int)JsonNode.Parse(body)!["status"]!);
                    }
                    else if (format == "csv")
                    {
                        var canonical = Assert.Single(FormatReaders.Csv(body))[name == "countries" ? "code" : "id"];
                        Assert.Contains(canonical, real);
                        var header = HeaderValue.Parse(response.Content.Headers.GetValues("Content-Disposition").Single());
                        Assert.Equal($"{name}-{canonical}.csv", header.FileName);
                        Assert.Null(header.FileNameStar);
                    }
                }
            }
        }
    }

    private static string Shorten(string name)
    {
        // The name sent is at most MaxFileNameLength chars, keeping ".csv", never cutting a surrogate pair.
        if (name.Length <= ContentDispositions.MaxFileNameLength)
        {
            return name;
        }

        var keep = ContentDispositions.MaxFileNameLength - 4;
        keep -= char.IsHighSurrogate(name[keep - 1]) ? 1 : 0;
        return name[..keep] + ".csv";
    }
}
