using ReadoutApi.Querying;

namespace ReadoutApi.Tests.Querying;

/// <summary>
/// What <c>q</c> relies on: a query word, normalized as the parser normalizes it, finds every record with a word it
/// starts, whatever the case and accents on either side; and aliases used as filter values are slugs of names.
/// </summary>
public class SearchIndexTests
{
    private static readonly string[] Texts =
    [
        "Most missiles were intercepted, the spokesman said.",
        "No interception was claimed at Rafiqui.",
        "Intercept",
        "The air defence interceptors held.",
        "Pakistan accuses India of escalation.",
        "Núñez met García in MÜNCHEN.",
        "Nunez and Garcia flew to Munchen.",
    ];

    private static readonly SearchIndex Index = SearchIndex.Build(Texts.Length, p => [Texts[p]]);

    // What a search for q finds: the records with a word starting with each of its words (as Collection does).
    private static int[] Find(SearchIndex index, string q) =>
        PositionSets.IntersectAll(TextNormalizer.Tokens(q).Select(word => PositionSets.Union(index.Prefix(word)))) ?? [];

    [Fact]
    public void WordFindsEveryWordItIsAPrefixOf()
    {
        Assert.Equal([0, 1, 2, 3], Find(Index, "intercept"));
        Assert.Equal([0], Find(Index, "intercepted"));
        Assert.Equal([3], Find(Index, "interceptor"));
    }

    [Fact]
    public void WordLongerThanAnyWordItStartsFindsNothing()
    {
        Assert.Empty(Find(Index, "interceptedly"));
        Assert.Empty(Find(Index, "zzz"));
    }

    [Fact]
    public void PrefixMatchesOnlyAtTheStartOfAWord()
    {
        // "cept" is inside "intercepted" but starts no word; "scala" is inside "escalation".
        Assert.Empty(Find(Index, "cept"));
        Assert.Empty(Find(Index, "scala"));
        Assert.Equal([4], Find(Index, "escala"));
    }

    [Fact]
    public void EveryWordOfAQueryMustMatch()
    {
        Assert.Equal([1], Find(Index, "interception rafiqui"));
        Assert.Empty(Find(Index, "interception pakistan"));
    }

    [Theory]
    [InlineData("INTERCEPTED")]
    [InlineData("Intercepted")]
    [InlineData("iNtErCePtEd")]
    public void CaseDoesNotMatter(string q) => Assert.Equal([0], Find(Index, q));

    [Theory]
    [InlineData("nunez")]
    [InlineData("Núñez")]
    [InlineData("NÚÑEZ")]
    [InlineData("Nu\u0301n\u0303ez")]
    public void AccentedAndPlainSpellingsFindEachOther(string q) => Assert.Equal([5, 6], Find(Index, q));

    [Theory]
    [InlineData("münchen garcía")]
    [InlineData("MUNCHEN GARCIA")]
    [InlineData("munch garc")]
    public void AccentFoldingAppliesToPrefixesToo(string q) => Assert.Equal([5, 6], Find(Index, q));

    [Fact]
    public void LinkedTokensAreSearchableLikeTheRecordsOwnText()
    {
        // Record 1 links a place whose alias is "Shorkot Air Base"; its own text never says so.
        var index = SearchIndex.Build(3, p => [Texts[p]], p => p == 1 ? TextNormalizer.Tokens("Shorkot Air Base") : []);
        Assert.Equal([1], Find(index, "Shorkot"));
        Assert.Equal([1], Find(index, "rafiqui shork"));
    }

    [Fact]
    public void PostingsAreAscendingAndListEachRecordOnce()
    {
        var random = new Random(99);
        string[] words = ["air", "airbase", "air-base", "Base", "BASE", "bases", "missile", "Mïssile", "drone", "drones"];
        var texts = Enumerable.Range(0, 300).Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(0, 12)).Select(_ => words[random.Next(words.Length)]))).ToArray();
        var index = SearchIndex.Build(texts.Length, p => [texts[p]]);

        foreach (var word in texts.SelectMany(TextNormalizer.Tokens).Distinct())
        {
            var expected = Enumerable.Range(0, texts.Length).Where(p => TextNormalizer.Tokens(texts[p]).Any(t => t.StartsWith(word, StringComparison.Ordinal))).ToArray();
            var postings = index.Prefix(word).ToArray();
            Assert.NotEmpty(postings);
            Assert.All(postings, list => Assert.True(list.Zip(list.Skip(1)).All(pair => pair.First < pair.Second), $"postings under '{word}' not strictly ascending"));
            Assert.Equal(expected, PositionSets.Union(postings));
        }
    }

    [Fact]
    public void ConcatShiftsEachPartByItsOffsetAndEqualsTheIndexOfAllTextsEndToEnd()
    {
        string[] first = ["air base struck", "missiles intercepted", "Núñez spoke"];
        string[] second = ["AIR DEFENCE", "Nunez again", "ceasefire", "intercept"];
        var all = first.Concat(second).ToArray();
        var concatenated = SearchIndex.Concat(
        [
            (SearchIndex.Build(first.Length, p => [first[p]]), 0),
            (SearchIndex.Build(second.Length, p => [second[p]]), first.Length),
        ]);
        var direct = SearchIndex.Build(all.Length, p => [all[p]]);

        Assert.Equal([0, 3], Find(concatenated, "air"));
        Assert.Equal([2, 4], Find(concatenated, "nunez"));
        Assert.Equal([1, 6], Find(concatenated, "intercept"));
        Assert.Equal([5], Find(concatenated, "ceasefire"));
        foreach (var word in all.SelectMany(TextNormalizer.Tokens).Distinct())
        {
            Assert.Equal(direct.Prefix(word).ToArray(), concatenated.Prefix(word).ToArray());
        }
    }

    [Fact]
    public void ConcatLeavesGapsWhereOffsetsSkipPositions()
    {
        var part = SearchIndex.Build(2, p => [p == 0 ? "alpha" : "beta"]);
        var concatenated = SearchIndex.Concat([(part, 0), (part, 10), (part, 100)]);
        Assert.Equal([0, 10, 100], Find(concatenated, "alpha"));
        Assert.Equal([1, 11, 101], Find(concatenated, "beta"));
    }

    [Fact]
    public void ConcatOfNoPartsFindsNothing() => Assert.Empty(SearchIndex.Concat([]).Prefix("a"));

    [Fact]
    public void TokensAreLowercaseWordsWithoutAccentsOrPunctuation()
    {
        Assert.Equal(["shorkot", "air", "base"], TextNormalizer.Tokens("Shorkot Air Base"));
        Assert.Equal(["lt", "gen", "ahmed", "sharif", "chaudhry"], TextNormalizer.Tokens("Lt. Gen. Ahmed Sharif Chaudhry"));
        Assert.Equal(["pakistan", "s", "foreign", "ministry"], TextNormalizer.Tokens("Pakistan's \"Foreign\" Ministry"));
        Assert.Equal(["istanbul", "munchen", "東京"], TextNormalizer.Tokens("İstanbul — München, 東京!"));
        Assert.Empty(TextNormalizer.Tokens(" - ,.; "));
        Assert.Empty(TextNormalizer.Tokens(null));
    }

    [Fact]
    public void VeryLongWordsAreNormalizedLikeShortOnes()
    {
        Assert.Equal([new string('a', 300)], TextNormalizer.Tokens(new string('A', 300)));
        Assert.Equal([new string('e', 300)], TextNormalizer.Tokens(new string('É', 300)));
        Assert.Equal(["x" + new string('e', 300)], TextNormalizer.Tokens("X" + string.Concat(Enumerable.Repeat("e\u0301", 300))));
    }

    [Theory]
    [InlineData("Shorkot Air Base", "shorkot-air-base")]
    [InlineData("Rafiqui Air Force Base in Shorkot", "rafiqui-air-force-base-in-shorkot")]
    [InlineData("Gen. Asim Munir", "gen-asim-munir")]
    [InlineData("  PAF Base — Nur Khan! ", "paf-base-nur-khan")]
    [InlineData("U.S. Department of State", "u-s-department-of-state")]
    [InlineData("Núñez García", "nunez-garcia")]
    [InlineData("shorkot-air-base", "shorkot-air-base")]
    [InlineData("SHORKOT_AIR_BASE", "shorkot-air-base")]
    public void SlugOfANameIsItsWordsJoinedByHyphens(string name, string slug) => Assert.Equal(slug, TextNormalizer.Slug(name));

    [Fact]
    public void SlugOfASlugIsTheSameSlug()
    {
        foreach (var name in new[] { "Pakistan's Foreign Ministry", "İstanbul", "Lt. Gen. Ahmed Sharif Chaudhry" })
        {
            var slug = TextNormalizer.Slug(name);
            Assert.Equal(slug, TextNormalizer.Slug(slug));
        }
    }
}
