using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ReadoutApi.Querying;

namespace ReadoutApi.Tests.Querying;

/// <summary>
/// Search covers all of Unicode: the index and <c>q</c> cut words one scalar value at a time, so letters and digits
/// outside the Basic Multilingual Plane (CJK Extension B, Gothic, Deseret, mathematical digits) are words like
/// <c>中</c> is, lowercased and stripped of combining marks the same way.
/// </summary>
public class AstralSearchTests
{
    private const string ClaimId = "2025-05-10-pakistan-retaliatory-strikes";
    private const string Gothic = "\U00010337\U00010330\U00010339\U0001033B\U00010343"; // 𐌷𐌰𐌹𐌻𐍃
    private const string CjkB = "\U00020000\U00020001"; // 𠀀𠀁
    private const string DeseretUpper = "\U00010414\U00010407\U0001040D"; // Deseret capital letters
    private const string DeseretLower = "\U0001043C\U0001042F\U00010435"; // the same letters, small

    [Theory]
    [InlineData("\U00020000", new[] { "\U00020000" })]
    [InlineData("中\U00020000文", new[] { "中\U00020000文" })]
    [InlineData("x \U00020000\U0002A6D6, \U0001D7D7\U0001D7D8!", new[] { "x", "\U00020000\U0002A6D6", "\U0001D7D7\U0001D7D8" })]
    [InlineData(DeseretUpper, new[] { DeseretLower })]
    [InlineData("a\U0001D167b", new[] { "ab" })]
    [InlineData("e\u0301\U00010337", new[] { "e\U00010337" })]
    [InlineData("a\U0001F600b \U0001F600", new[] { "a", "b" })]
    public void LettersAndDigitsOfEveryPlaneAreWords(string text, string[] tokens) => Assert.Equal(tokens, TextNormalizer.Tokens(text));

    // Built at run time: a lone surrogate does not survive an attribute's metadata.
    [Fact]
    public void ALoneSurrogateIsNotPartOfAWord() =>
        Assert.Equal(["a", "b", "c𠀀"], TextNormalizer.Tokens($"a{(char)0xD800}b{(char)0xDC00}c𠀀{(char)0xD840}"));

    // Every letter or digit of any plane is a word, alone or inside an ASCII word; a query word re-tokenizes to itself,
    // and the index finds a text by each of its words and by each word's first letter.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void IndexAndQueryCutEveryPlaneAlike(int seed)
    {
        var random = new Random(seed);
        var texts = new List<string>();
        for (var n = 0; n < 2000; n++)
        {
            var rune = new Rune(UnicodeText.CodePoint(random));
            var word = Rune.IsLetterOrDigit(rune);
            var joins = word || Rune.GetUnicodeCategory(rune) == UnicodeCategory.NonSpacingMark;
            var where = $"U+{rune.Value:X4}";
            Assert.True((word ? 1 : 0) == TextNormalizer.Tokens(rune.ToString()).Count, where);
            Assert.True((joins ? 1 : 2) == TextNormalizer.Tokens($"x{rune}y").Count, where);
            texts.Add(UnicodeText.Next(random));
        }

        var index = SearchIndex.Build(texts.Count, p => [texts[p]]);
        for (var p = 0; p < texts.Count; p++)
        {
            foreach (var token in TextNormalizer.Tokens(texts[p]))
            {
                Assert.Equal([token], TextNormalizer.Tokens(token));
                Assert.Contains(p, index.Prefix(token).SelectMany(postings => postings));
                var first = token.EnumerateRunes().First().ToString();
                Assert.Contains(p, index.Prefix(first).SelectMany(postings => postings));
            }
        }
    }

    [Fact]
    public async Task AnAstralWordInTheSeedIsFoundByItselfAndByItsPrefix()
    {
        using var seed = new SeedCopy();
        seed.Edit("claims.json", json =>
        {
            var root = JsonNode.Parse(json)!;
            var claim = root["claims"]!.AsArray().Single(c => (string?)c!["id"] == ClaimId)!;
            claim["text"] = $"{claim["text"]} {Gothic} {CjkB} {DeseretUpper}";
            return root.ToJsonString();
        });
        await using var factory = new ApiFactory(new() { ["Seed:Path"] = seed.Folder });
        using var client = factory.CreateClient();

        foreach (var q in new[] { Gothic, "\U00010337", CjkB, "\U00020000", DeseretUpper, DeseretLower, "\U0001043C", $"{Gothic} {CjkB} strikes" })
        {
            var where = $"q={FormatReaders.Show(q)}";
            using var response = await client.GetAsync($"/v1/claims?q={Uri.EscapeDataString(q)}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{where}: {(int)response.StatusCode} {body}");
            Assert.Equal([ClaimId], JsonNode.Parse(body)!["data"]!.AsArray().Select(c => (string?)c!["id"]));
        }
    }

    [Theory]
    [InlineData("%F0%A0%80%80")]
    [InlineData("%E4%B8%AD")]
    [InlineData("%F0%9D%9F%97")]
    public async Task AWordOfAnyPlaneIsAValidQuery(string q)
    {
        await using var factory = new ApiFactory();
        using var response = await factory.CreateClient().GetAsync($"/v1/claims?q={q}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void DeseretCaseIsFoldedAsLatinIs()
    {
        Assert.Equal(DeseretLower, DeseretUpper.ToLowerInvariant());
        Assert.Equal(UnicodeCategory.UppercaseLetter, Rune.GetUnicodeCategory(DeseretUpper.EnumerateRunes().First()));
    }
}
