using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using ReadoutApi.Http;
using ReadoutApi.Querying;

namespace ReadoutApi.Tests.Http;

/// <summary>How the representation is chosen from <c>format=</c> and <c>Accept</c>, without a server.</summary>
public class FormatNegotiationTests
{
    private static readonly IReadOnlyList<string> All = CollectionDescriptor.AllFormats;
    private static readonly IReadOnlyList<string> Feed = CollectionDescriptor.FeedFormats;

    private static Negotiated Negotiate(IReadOnlyList<string> offered, string? query = null, params string[] accept)
    {
        var context = new DefaultHttpContext();
        if (query is not null)
        {
            context.Request.QueryString = new QueryString(query);
        }

        if (accept.Length > 0)
        {
            context.Request.Headers.Accept = accept;
        }

        var negotiated = FormatNegotiation.Negotiate(context.Request, offered);

        // Exactly one outcome, whatever it is.
        Assert.Equal(1, new object?[] { negotiated.Format, negotiated.Invalid, negotiated.NotAcceptable }.Count(o => o is not null));
        return negotiated;
    }

    private static ResponseFormat Chosen(IReadOnlyList<string> offered, string? query = null, params string[] accept)
    {
        var negotiated = Negotiate(offered, query, accept);
        Assert.True(negotiated.Format.HasValue, $"expected a format, got {negotiated.Invalid?.ProblemDetails.Detail ?? negotiated.NotAcceptable?.Detail}");
        return negotiated.Format.Value;
    }

    private static string[] FormatErrors(ValidationProblem? invalid)
    {
        Assert.NotNull(invalid);
        Assert.Equal(StatusCodes.Status400BadRequest, invalid.StatusCode);
        var (name, messages) = Assert.Single(invalid.ProblemDetails.Errors);
        Assert.Equal("format", name);
        return messages;
    }

    [Theory]
    [InlineData("?format=csv", ResponseFormat.Csv)]
    [InlineData("?format=ndjson", ResponseFormat.Ndjson)]
    [InlineData("?format=json", ResponseFormat.Json)]
    public void TheFormatParameterWinsOverTheAcceptHeader(string query, ResponseFormat expected)
    {
        Assert.Equal(expected, Chosen(All, query, "application/json"));
        Assert.Equal(expected, Chosen(All, query, "text/csv;q=0.1, application/x-ndjson;q=0.2, application/json;q=0.3"));
    }

    [Fact]
    public void TheFormatParameterWinsEvenWhenTheAcceptHeaderCouldNotBeSatisfied()
    {
        Assert.Equal(ResponseFormat.Json, Chosen(All, "?format=json", "image/png"));
    }

    [Theory]
    [InlineData("?format=CSV", ResponseFormat.Csv)]
    [InlineData("?format=NdJson", ResponseFormat.Ndjson)]
    [InlineData("?format=Json", ResponseFormat.Json)]
    [InlineData("?format=ATOM", ResponseFormat.Atom)]
    public void TheFormatParameterIgnoresCase(string query, ResponseFormat expected)
    {
        Assert.Equal(expected, Chosen(Feed, query));
    }

    [Fact]
    public void TheFormatParameterGivenTwiceIsInvalidEvenWhenBothAgree()
    {
        Assert.NotEmpty(FormatErrors(Negotiate(All, "?format=csv&format=json").Invalid));
        Assert.NotEmpty(FormatErrors(Negotiate(All, "?format=csv&format=csv").Invalid));
    }

    [Theory]
    [InlineData("?format=xml")]
    [InlineData("?format=")]
    [InlineData("?format=text/csv")]
    [InlineData("?format=csv%20")]
    public void AFormatNotOfferedIsAValidationProblemListingTheOfferedFormats(string query)
    {
        var message = Assert.Single(FormatErrors(Negotiate(All, query).Invalid));

        Assert.All(All, name => Assert.Contains(name, message, StringComparison.Ordinal));
        Assert.DoesNotContain("atom", message, StringComparison.Ordinal);
    }

    [Fact]
    public void AtomIsInvalidWhereNoFeedIsOfferedAndChosenWhereOne()
    {
        var message = Assert.Single(FormatErrors(Negotiate(All, "?format=atom").Invalid));
        Assert.DoesNotContain("atom", message, StringComparison.Ordinal);

        Assert.Equal(ResponseFormat.Atom, Chosen(Feed, "?format=atom"));
    }

    [Fact]
    public void TheValidationProblemOfAFeedCollectionListsAtomToo()
    {
        var message = Assert.Single(FormatErrors(Negotiate(Feed, "?format=xml").Invalid));

        Assert.All(Feed, name => Assert.Contains(name, message, StringComparison.Ordinal));
    }

    [Fact]
    public void NoAcceptHeaderMeansJson()
    {
        Assert.Equal(ResponseFormat.Json, Chosen(All));
        Assert.Equal(ResponseFormat.Json, Chosen(Feed));
    }

    [Theory]
    [InlineData("*/*")]
    [InlineData("application/json")]
    [InlineData("application/*")]
    [InlineData("*/*;q=0.8")]
    [InlineData("image/png, */*;q=0.1")]
    public void AnythingGoesAndJsonAcceptsMeanJson(string accept)
    {
        Assert.Equal(ResponseFormat.Json, Chosen(All, null, accept));
        Assert.Equal(ResponseFormat.Json, Chosen(Feed, null, accept));
    }

    [Theory]
    [InlineData("???")]
    [InlineData("text/csv;;==")]
    [InlineData("text/csv; q=\"")]
    [InlineData("\"unterminated")]
    [InlineData(",")]
    public void AnAcceptHeaderTooMangledToReadMeansJson(string accept)
    {
        Assert.Equal(ResponseFormat.Json, Chosen(All, null, accept));
    }

    [Theory]
    [InlineData("text/csv;q=0.5, application/x-ndjson", ResponseFormat.Ndjson)]
    [InlineData("application/json;q=0.1, text/csv;q=0.9", ResponseFormat.Csv)]
    [InlineData("*/*;q=0.1, application/x-ndjson;q=0.2", ResponseFormat.Ndjson)]
    [InlineData("application/x-ndjson;q=0.3, text/csv;q=0.4, application/json;q=0.2", ResponseFormat.Csv)]
    public void HigherQualityValuesArePreferred(string accept, ResponseFormat expected)
    {
        Assert.Equal(expected, Chosen(All, null, accept));
    }

    [Fact]
    public void AcceptGivenOnSeveralHeaderLinesIsReadAsOneList()
    {
        Assert.Equal(ResponseFormat.Ndjson, Chosen(All, null, "text/csv;q=0.5", "application/x-ndjson"));
    }

    [Theory]
    [InlineData("text/csv;q=0")]
    [InlineData("text/csv;q=0, image/png")]
    [InlineData("text/csv;q=0.0, application/x-ndjson;q=0")]
    [InlineData("application/json;q=0, text/*;q=0, application/x-ndjson;q=0, */*;q=0.5")]
    public void AMediaTypeWithQualityZeroIsNeverChosen(string accept)
    {
        Assert.NotNull(Negotiate(All, null, accept).NotAcceptable);
    }

    [Theory]
    [InlineData("application/ndjson")]
    [InlineData("application/ndjson;q=0.9, text/csv;q=0.5")]
    [InlineData("APPLICATION/X-NDJSON")]
    public void BothNdjsonMediaTypesSelectNdjson(string accept)
    {
        Assert.Equal(ResponseFormat.Ndjson, Chosen(All, null, accept));
    }

    [Theory]
    [InlineData("text/*")]
    [InlineData("text/csv")]
    [InlineData("text/plain;q=0.9, text/*;q=0.5")]
    public void TextAcceptsSelectCsv(string accept)
    {
        Assert.Equal(ResponseFormat.Csv, Chosen(All, null, accept));
    }

    [Theory]
    [InlineData("image/png")]
    [InlineData("application/xml, text/html")]
    [InlineData("application/atom+xml")]
    [InlineData("application/json;charset=utf-16")]
    [InlineData("application/json;version=2")]
    [InlineData("application/vnd.readout+json")]
    public void AnAcceptOfferingNothingAvailableIsNotAcceptableAndNamesTheAlternatives(string accept)
    {
        var detail = Negotiate(All, null, accept).NotAcceptable?.Detail;

        Assert.NotNull(detail);
        foreach (var mediaType in new[] { "application/json", "text/csv", "application/x-ndjson" })
        {
            Assert.Contains(mediaType, detail, StringComparison.Ordinal);
        }

        Assert.Contains("format=", detail, StringComparison.Ordinal);
        Assert.All(All, name => Assert.Contains(name, detail, StringComparison.Ordinal));

        // Atom may be named only where the client's own Accept is echoed.
        Assert.DoesNotContain("atom", detail.Replace(accept, "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void TheNotAcceptableDetailOfAFeedCollectionOffersAtom()
    {
        var detail = Negotiate(Feed, null, "image/png").NotAcceptable?.Detail;

        Assert.NotNull(detail);
        Assert.Contains("application/atom+xml", detail, StringComparison.Ordinal);
        Assert.Contains("atom", detail.Split("format=")[1], StringComparison.Ordinal);
    }

    [Fact]
    public void TheNotAcceptableDetailDoesNotEchoAHugeAcceptHeader()
    {
        var accept = "image/" + new string('x', 10_000);

        var detail = Negotiate(All, null, accept).NotAcceptable?.Detail;

        Assert.NotNull(detail);
        Assert.True(detail.Length < 1_000, $"detail is {detail.Length} characters");
    }

    [Theory]
    [InlineData("application/atom+xml")]
    [InlineData("application/atom+xml;q=0.9, image/png")]
    [InlineData("application/*;q=0.1, application/atom+xml")]
    public void AtomIsChosenByAcceptOnlyWhereAFeedIsOffered(string accept)
    {
        Assert.Equal(ResponseFormat.Atom, Chosen(Feed, null, accept));
        Assert.NotEqual(ResponseFormat.Atom, Negotiate(All, null, accept).Format);
    }

    [Theory]
    [InlineData("application/json;q=0, */*;q=0.1", ResponseFormat.Csv)]
    [InlineData("application/json;q=0, text/csv;q=0, */*", ResponseFormat.Ndjson)]
    [InlineData("text/*;q=0.2, text/csv;q=0, application/*;q=0.1", ResponseFormat.Json)]
    [InlineData("*/*;q=0.5, text/csv", ResponseFormat.Csv)]
    public void AQualityOfZeroRulesAFormatOutEvenWhereAWildcardAcceptsIt(string accept, ResponseFormat expected)
    {
        Assert.Equal(expected, Chosen(All, null, accept));
    }

    [Theory]
    [InlineData("application/json; charset=utf-8", ResponseFormat.Json)]
    [InlineData("application/json;charset=\"UTF-8\"", ResponseFormat.Json)]
    [InlineData("text/csv; header=present", ResponseFormat.Csv)]
    [InlineData("application/x-ndjson;charset=utf-8;q=0.9, application/json;q=0.5", ResponseFormat.Ndjson)]
    [InlineData("application/json;charset=utf-16, text/csv;q=0.1", ResponseFormat.Csv)]
    [InlineData("application/json;q=0.2;ext=1, text/csv;q=0.1", ResponseFormat.Json)]
    public void ParametersOfAMediaRangeMatchThoseTheRepresentationHas(string accept, ResponseFormat expected)
    {
        Assert.Equal(expected, Chosen(All, null, accept));
    }

    [Theory]
    [InlineData("application/json;charset=utf-8;q=0, application/json, text/csv;q=0.5", ResponseFormat.Csv)]
    [InlineData("application/json;q=0.1, application/*;q=0.9", ResponseFormat.Ndjson)]
    public void TheMostSpecificMatchingRangeGivesAFormatItsQuality(string accept, ResponseFormat expected)
    {
        Assert.Equal(expected, Chosen(All, null, accept));
    }

    [Theory]
    [InlineData("application/xml")]
    [InlineData("text/xml")]
    [InlineData("application/xml, text/xml;q=0.9")]
    [InlineData("application/*+xml")]
    public void XmlOtherThanAtomIsNotAcceptableEvenWhereAFeedIsOffered(string accept)
    {
        Assert.NotNull(Negotiate(Feed, null, accept).NotAcceptable);
    }

    [Theory]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8")]
    public void ABrowsersDefaultAcceptGetsJsonThroughItsWildcard(string accept)
    {
        Assert.Equal(ResponseFormat.Json, Chosen(Feed, null, accept));
        Assert.Equal(ResponseFormat.Json, Chosen(All, null, accept));
    }

    [Fact]
    public void AnAtomAcceptNamingTheFeedTypeGetsAtom()
    {
        Assert.Equal(ResponseFormat.Atom, Chosen(Feed, null, "application/atom+xml;type=feed"));
        Assert.NotNull(Negotiate(Feed, null, "application/atom+xml;type=entry").NotAcceptable);
    }
}
