using System.Text.Json.Nodes;
using ReadoutApi.Collections;
using ReadoutApi.Querying;
using ReadoutApi.Snapshots;

namespace ReadoutApi.Tests.Querying;

/// <summary>
/// The query string rules, checked on the parser itself over the seed collections: a bad request names every bad
/// parameter with what is wrong, nothing is silently corrected, and accepted values come out in canonical form.
/// </summary>
public class QueryParserTests
{
    private static readonly Lazy<Snapshot> Seed = new(() => Snapshot.Load(TestPaths.RepoSeed, MappingConfig.Create(), TimeProvider.System));

    private static Collection Claims => Seed.Value[CollectionRegistry.Claims];

    private static ListQuery Valid(string query, Collection? collection = null)
    {
        var parsed = Parse(query, out var errors, collection);
        Assert.True(parsed is not null, $"{query}: {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
        Assert.Empty(errors);
        return parsed;
    }

    // The single message for a parameter of a refused query.
    private static string Refused(string query, string parameter, Collection? collection = null)
    {
        Assert.Null(Parse(query, out var errors, collection));
        Assert.True(errors.ContainsKey(parameter), $"{query}: no error for '{parameter}' among {string.Join(", ", errors.Keys)}");
        return Assert.Single(errors[parameter]);
    }

    private static ListQuery? Parse(string query, out Dictionary<string, string[]> errors, Collection? collection = null)
    {
        collection ??= Claims;
        return QueryParser.Parse(collection.Descriptor.Path, query, collection, out errors);
    }

    [Theory]
    [InlineData("from=2025-05-11&to=2025-05-10", "after 'to' (2025-05-10)")]
    [InlineData("from=yesterday", "'yesterday'")]
    public void UnknownAndBadParametersAreAllNamedAtOnce(string dates, string dateProblem)
    {
        Assert.Null(Parse($"?stauts=unverified&limit=0&{dates}&sort=nope&place=nowhere&eventKind=invasion&cursor=garbage", out var errors));

        Assert.Equal(["cursor", "eventKind", "from", "limit", "place", "sort", "stauts"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(errors.Values, messages => Assert.Single(messages));
        Assert.Contains("unknown parameter", errors["stauts"][0], StringComparison.Ordinal);
        Assert.Contains("status", errors["stauts"][0], StringComparison.Ordinal);
        Assert.Contains("'0'", errors["limit"][0], StringComparison.Ordinal);
        Assert.Contains(dateProblem, errors["from"][0], StringComparison.Ordinal);
        Assert.Contains("'nope'", errors["sort"][0], StringComparison.Ordinal);
        Assert.All(Claims.Descriptor.SortFields, field => Assert.Contains(field, errors["sort"][0], StringComparison.Ordinal));
        Assert.Contains("'nowhere'", errors["place"][0], StringComparison.Ordinal);
        Assert.Contains("'invasion'", errors["eventKind"][0], StringComparison.Ordinal);
        Assert.All(Claims.Descriptor.Filter("eventKind")!.AllowedValues!, kind => Assert.Contains(kind, errors["eventKind"][0], StringComparison.Ordinal));
        Assert.Contains("malformed", errors["cursor"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Limit=5", "limit=5")]
    [InlineData("SORT=id", "sort=id")]
    [InlineData("Q=missiles", "q=missiles")]
    [InlineData("Place=rafiqui-air-base", "place=rafiqui-air-base")]
    [InlineData("eventkind=interception", "eventKind=interception")]
    [InlineData("From=2025-05-10", "from=2025-05-10")]
    public void ParameterNamesAreCaseSensitive(string miscased, string correct)
    {
        var name = miscased[..miscased.IndexOf('=', StringComparison.Ordinal)];
        Assert.Contains("unknown parameter", Refused($"?{miscased}", name), StringComparison.Ordinal);
        Valid($"?{correct}");
    }

    [Theory]
    [InlineData("limit=1&limit=2", "limit")]
    [InlineData("limit=3&limit=3", "limit")]
    [InlineData("sort=id&sort=-id", "sort")]
    [InlineData("q=missiles&q=drones", "q")]
    [InlineData("from=2025-05-10&from=2025-05-10", "from")]
    [InlineData("to=2025-05-10&to=2025-05-11", "to")]
    [InlineData("facets=place&facets=status", "facets")]
    [InlineData("cursor=a&cursor=b", "cursor")]
    public void FixedParameterGivenTwiceMustBeGivenOnce(string query, string parameter) =>
        Assert.Contains("must be given once", Refused($"?{query}", parameter), StringComparison.Ordinal);

    [Fact]
    public void RepeatedFilterIsAcceptedAsEitherValue() =>
        Assert.Equal(["interception", "strike"], Valid("?eventKind=strike&eventKind=interception").Filters["eventKind"]);

    [Theory]
    [InlineData("", ListParameters.DefaultLimit)]
    [InlineData("?limit=1", 1)]
    [InlineData("?limit=37", 37)]
    [InlineData("?limit=100", 100)]
    public void LimitFrom1To100IsTaken(string query, int limit) => Assert.Equal(limit, Valid(query).Limit);

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("1000")]
    [InlineData("-1")]
    [InlineData("%2B5")]
    [InlineData("%205")]
    [InlineData("5%20")]
    [InlineData("2.5")]
    [InlineData("1e2")]
    [InlineData("0x10")]
    [InlineData("")]
    [InlineData("ten")]
    [InlineData("99999999999999999999")]
    public void LimitOutside1To100OrNotAWholeNumberIsRefusedNotClamped(string limit)
    {
        var message = Refused($"?limit={limit}", "limit");
        Assert.Contains("1 to 100", message, StringComparison.Ordinal);
        Assert.Contains($"'{Uri.UnescapeDataString(limit)}'", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from")]
    [InlineData("to")]
    public void DateBoundsAreUnknownParametersOfAnUndatedCollection(string bound)
    {
        var people = Seed.Value[CollectionRegistry.People];
        var message = Refused($"?{bound}=2025-05-10", bound, people);
        Assert.Contains("unknown parameter", message, StringComparison.Ordinal);
        var allowed = QueryParser.AllowedParameters(people.Descriptor).ToArray();
        Assert.DoesNotContain(bound, allowed);
        Assert.All(allowed, parameter => Assert.Contains(parameter, message, StringComparison.Ordinal));
    }

    [Fact]
    public void DateBoundsOfADatedCollectionAreInclusiveDaysAndMayBeEqual()
    {
        var query = Valid("?from=2025-05-10&to=2025-05-10");
        Assert.Equal(new DateOnly(2025, 5, 10), query.From);
        Assert.Equal(new DateOnly(2025, 5, 10), query.To);
    }

    [Theory]
    [InlineData("2025-02-30")]
    [InlineData("2025-5-10")]
    [InlineData("20250510")]
    [InlineData("2025-05-10T00:00:00")]
    [InlineData("10/05/2025")]
    public void DateThatIsNotAValidYyyyMmDdIsRefused(string date) =>
        Assert.Contains("YYYY-MM-DD", Refused($"?to={date}", "to"), StringComparison.Ordinal);

    public static TheoryData<string> RafiquiNames()
    {
        var places = JsonNode.Parse(File.ReadAllText(Path.Combine(TestPaths.RepoSeed, "places.json")))!["places"]!.AsArray();
        var rafiqui = places.Single(p => (string)p!["id"]! == "rafiqui-air-base")!;
        var names = rafiqui["aliases"]!.AsArray().Select(a => (string)a!).Append((string)rafiqui["name"]!).ToArray();
        Assert.Contains("Shorkot Air Base", names);
        string[] spellings = ["rafiqui-air-base", "shorkot-air-base", .. names, .. names.Select(n => n.ToUpperInvariant()), .. names.Select(TextNormalizer.Slug)];
        return new TheoryData<string>(spellings.Distinct(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(RafiquiNames))]
    public void PlaceFilterResolvesEveryNameOfThePlaceToItsCanonicalId(string name) =>
        Assert.Equal(["rafiqui-air-base"], Valid($"?place={Uri.EscapeDataString(name)}").Filters["place"]);

    [Fact]
    public void AnIdAndItsAliasesTogetherAreOneValue() =>
        Assert.Equal(["rafiqui-air-base"], Valid("?place=rafiqui-air-base&place=Shorkot%20Air%20Base&place=PAF%20Base%20Shorkot").Filters["place"]);

    [Theory]
    [InlineData("claimant=ISPR", "claimant", "inter-services-public-relations")]
    [InlineData("claimant=Lt.%20Gen.%20Ahmed%20Sharif%20Chaudhry", "claimant", "ahmed-sharif-chaudhry")]
    [InlineData("claimant=pk", "claimant", "PK")]
    [InlineData("country=in", "country", "IN")]
    [InlineData("allegedActor=Pk", "allegedActor", "PK")]
    [InlineData("status=UNVERIFIED", "status", "unverified")]
    [InlineData("status=Confirmed", "status", "confirmed")]
    [InlineData("eventKind=Damage-Assessment", "eventKind", "damage-assessment")]
    public void FilterValuesComeOutCanonical(string query, string filter, string canonical) =>
        Assert.Equal([canonical], Valid($"?{query}").Filters[filter]);

    [Fact]
    public void IndexedValuesAreMatchedInAnyCase() =>
        Assert.Equal(["de-escalation"], Valid("?topic=DE-ESCALATION", Seed.Value[CollectionRegistry.Readouts]).Filters["topic"]);

    [Theory]
    [InlineData("place=karachi", "place", "'karachi'")]
    [InlineData("country=XX", "country", "'XX'")]
    [InlineData("claimant=nobody", "claimant", "'nobody'")]
    [InlineData("status=true", "status", "'true'")]
    [InlineData("place=", "place", "must not be empty")]
    [InlineData("place=%20", "place", "must not be empty")]
    public void UnknownOrEmptyFilterValueIsRefusedWithTheValue(string query, string filter, string expected) =>
        Assert.Contains(expected, Refused($"?{query}", filter), StringComparison.Ordinal);

    [Theory]
    [InlineData("facets=eventKind,place", new[] { "eventKind", "place" })]
    [InlineData("facets=%20place%20,status,place,", new[] { "place", "status" })]
    public void FacetsNameFiltersOnceEach(string query, string[] facets) => Assert.Equal(facets, Valid($"?{query}").Facets);

    [Theory]
    [InlineData("facets=color,place", "'color'")]
    [InlineData("facets=date", "'date'")]
    [InlineData("facets=EventKind", "'EventKind'")]
    [InlineData("facets=", "at least one field")]
    [InlineData("facets=,%20,", "at least one field")]
    public void FacetsOnlyTakeTheCollectionsFilters(string query, string expected)
    {
        var message = Refused($"?{query}", "facets");
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownFacetMessageListsTheFiltersThatAreFacets()
    {
        var message = Refused("?facets=color", "facets");
        Assert.All(Claims.Descriptor.Filters, f => Assert.Contains(f.Name, message, StringComparison.Ordinal));
    }

    [Fact]
    public void CollectionWithoutFiltersHasNoFacets() =>
        Assert.Contains("no facets", Refused("?facets=name", "facets", Seed.Value[CollectionRegistry.Countries]), StringComparison.Ordinal);

    [Fact]
    public void SearchWordsAreNormalizedAndDistinct() =>
        Assert.Equal(["intercepted", "missiles"], Valid("?q=Intercepted%20MISSILES,%20intercepted!").Words.Order(StringComparer.Ordinal));

    [Theory]
    [InlineData("q=")]
    [InlineData("q=%20%20")]
    [InlineData("q=%20-%20...%20")]
    public void SearchWithoutAWordIsRefused(string query) =>
        Assert.Contains("at least one word", Refused($"?{query}", "q"), StringComparison.Ordinal);

    [Fact]
    public void SearchOfUpTo500CharactersIsTakenAndLongerIsRefused()
    {
        var longest = string.Join(' ', Enumerable.Repeat("word", 100)).PadRight(500, 'x');
        Assert.Equal(500, longest.Length);
        Assert.Equal(["word", "wordx"], Valid($"?q={Uri.EscapeDataString(longest)}").Words.Order(StringComparer.Ordinal));
        Assert.Contains("500", Refused($"?q={Uri.EscapeDataString(longest + "x")}", "q"), StringComparison.Ordinal);
    }

    [Fact]
    public void SearchOfUpTo8DistinctWordsIsTakenAndMoreIsRefusedNamingTheLimitAndTheCount()
    {
        Assert.Equal(8, QueryParser.MaxQueryWords);
        Assert.Equal(["a", "b", "c", "d", "e", "f", "g", "h"], Valid("?q=a%20b%20c%20d%20e%20f%20g%20h").Words.Order(StringComparer.Ordinal));
        Assert.Equal("must contain at most 8 distinct words; got 9.", Refused("?q=a%20b%20c%20d%20e%20f%20g%20h%20i", "q"));
    }

    [Fact]
    public void ThirtySixOneLetterWordsAreRefusedAndQIsTheOnlyProblem()
    {
        var q = string.Join("%20", "abcdefghijklmnopqrstuvwxyz0123456789".Select(c => c.ToString()));
        Assert.Null(Parse($"?q={q}", out var errors));
        Assert.Equal(["q"], errors.Keys);
        Assert.Equal(["must contain at most 8 distinct words; got 36."], errors["q"]);
    }

    [Theory]
    [InlineData("missiles%20Missiles%20MISSILES%20miss%C3%AFles%20a%20b%20c%20d%20e%20f%20g", 8)]
    [InlineData("a,a;a.a-a%20a%20a%20a%20a%20a%20a%20a%20a%20a", 1)]
    [InlineData("%E4%B8%AD%20%F0%A0%80%80%20%E4%B8%AD%20%F0%A0%80%80", 2)]
    public void RepeatedWordsCountOnceAfterCaseAndAccentsAreIgnored(string q, int words) =>
        Assert.Equal(words, Valid($"?q={q}").Words.Count);

    [Theory]
    [InlineData("%E4%B8%AD", "中")]
    [InlineData("%F0%A0%80%80", "\U00020000")]
    [InlineData("x", "x")]
    [InlineData("7", "7")]
    public void AOneCharacterWordOfAnyPlaneIsASearch(string q, string word) =>
        Assert.Equal([word], Valid($"?q={q}").Words);

    [Fact]
    public void SearchLengthIsCountedInUnicodeScalarValuesSoAnAstralLetterCountsOnce()
    {
        // 500 letters of CJK Extension B: 1,000 UTF-16 chars, one word.
        var astral = string.Concat(Enumerable.Repeat("\U00020000", 500));
        Assert.Equal(1000, astral.Length);
        Assert.Single(Valid($"?q={Uri.EscapeDataString(astral)}").Words);
        Assert.Equal("must be at most 500 characters; got 501.", Refused($"?q={Uri.EscapeDataString(astral + "\U00020000")}", "q"));

        // 499 ASCII characters and one astral letter: 501 chars, 500 characters.
        var mixed = "word " + new string('x', 494) + "\U0001D7D7";
        Assert.Equal(501, mixed.Length);
        Assert.Equal(2, Valid($"?q={Uri.EscapeDataString(mixed)}").Words.Count);
    }

    [Fact]
    public void TooLongASearchIsRefusedForItsLengthAloneWhateverItsWords()
    {
        var manyWords = string.Join(' ', Enumerable.Range(0, 200).Select(i => $"w{i}"));
        Assert.True(manyWords.Length > 500);
        Assert.Equal($"must be at most 500 characters; got {manyWords.Length}.", Refused($"?q={Uri.EscapeDataString(manyWords)}", "q"));
    }

    [Fact]
    public void CursorOfTheSameQueryIsTakenWhateverTheLimitOrTheSpellingOfTheFilterValues()
    {
        var next = Claims.Execute(Valid("?place=rafiqui-air-base&limit=1")).Next!;
        Assert.NotNull(next);
        var token = Uri.EscapeDataString(next);
        var expected = CursorCodec.Default.Decode(next);
        Assert.NotNull(expected);
        Assert.Equal(expected, Valid($"?place=rafiqui-air-base&limit=1&cursor={token}").Cursor);
        Assert.Equal(expected, Valid($"?limit=50&place=Shorkot%20Air%20Base&cursor={token}").Cursor);
    }

    [Theory]
    [InlineData("/v1/claims", "?limit=2&eventKind=interception")]
    [InlineData("/v1/claims", "?limit=2&sort=id")]
    [InlineData("/v1/claims", "?limit=2&sort=date")]
    [InlineData("/v1/claims", "?limit=2&q=missiles")]
    [InlineData("/v1/claims", "?limit=2&to=2025-05-10")]
    [InlineData("/v1/readouts", "?limit=2")]
    public void CursorFromAnotherQueryIsRefused(string path, string otherQuery)
    {
        var token = Uri.EscapeDataString(Claims.Execute(Valid("?limit=2")).Next!);
        var collection = path == "/v1/readouts" ? Seed.Value[CollectionRegistry.Readouts] : Claims;
        Assert.Contains("does not belong to this query", Refused($"{otherQuery}&cursor={token}", "cursor", collection), StringComparison.Ordinal);
    }

    [Fact]
    public void TamperedOrTruncatedCursorIsRefused()
    {
        var token = Claims.Execute(Valid("?limit=2")).Next!;
        var tampered = token[..5] + (token[5] == 'A' ? 'B' : 'A') + token[6..];
        Assert.Contains("altered", Refused($"?limit=2&cursor={tampered}", "cursor"), StringComparison.Ordinal);
        Assert.Contains("altered", Refused($"?limit=2&cursor={token[..^3]}", "cursor"), StringComparison.Ordinal);
    }

    [Fact]
    public void GenuineCursorPointingAtARecordNoLongerInTheDataIsTakenAndTheWalkGoesOnByItsSortKey()
    {
        var query = Valid("?limit=2");
        var gone = CursorCodec.Default.Encode(new Cursor("", "", query.Fingerprint, query.Sort.ToString(), false, "2025-05-10-a-claim-since-removed", "n739381"));
        Assert.Equal("2025-05-10-a-claim-since-removed", Valid($"?limit=2&cursor={gone}").Cursor!.AnchorId);
    }

    [Fact]
    public void GenuineCursorWhoseFilterValueIsNoLongerInTheDataIsRefusedWithAdviceToStartAgain()
    {
        // The walk began when a place "gone-air-base" existed; it has since left the data.
        var query = Valid("?limit=2");
        var token = CursorCodec.Default.Encode(new Cursor("", "", query.Fingerprint, query.Sort.ToString(), false, "2025-05-10-most-missiles-intercepted", "n739381"));
        Assert.Contains("start again from the first page", Refused($"?limit=2&place=gone-air-base&cursor={token}", "cursor"), StringComparison.Ordinal);
    }

    [Fact]
    public void GenuineCursorWhoseSortKeyDoesNotFitTheOrderIsRefusedWithAdviceToStartAgain()
    {
        var query = Valid("?limit=2");
        var misfit = CursorCodec.Default.Encode(new Cursor("", "", query.Fingerprint, query.Sort.ToString(), false, "2025-05-10-most-missiles-intercepted", "sa text key on a date order"));
        Assert.Contains("start again from the first page", Refused($"?limit=2&cursor={misfit}", "cursor"), StringComparison.Ordinal);
    }
}
