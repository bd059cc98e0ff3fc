using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using ReadoutApi.Http;

namespace ReadoutApi.Tests.Http;

/// <summary>ETags, the caching headers and conditional requests, on a bare <see cref="DefaultHttpContext"/>.</summary>
public class HttpCachingTests
{
    private const string Path = "/v1/claims";
    private const string Query = "?limit=2";
    private const string LoadedAtHttpDate = "Sun, 15 Jun 2025 15:06:40 GMT";

    private static readonly DataStamp Data = new("v1", DateTimeOffset.FromUnixTimeSeconds(1_750_000_000));
    private static readonly string Tag = ETagOf();

    // The compression middleware's own choice of encoding, configured as the app configures it (brotli before gzip).
    private static readonly IResponseCompressionProvider Compression = new ServiceCollection()
        .AddLogging()
        .AddResponseCompression(options =>
        {
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        })
        .BuildServiceProvider()
        .GetRequiredService<IResponseCompressionProvider>();

    private readonly HttpCaching _caching = new(Options.Create(new CachingOptions { MaxAgeSeconds = 60 }), Compression);

    private static (DefaultHttpContext Context, StartingResponseFeature Response) Request(params (string Name, string Value)[] headers)
    {
        var response = new StartingResponseFeature();
        var context = new DefaultHttpContext();
        context.Features.Set<IHttpResponseFeature>(response);
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = Path;
        context.Request.QueryString = new QueryString(Query);
        foreach (var (name, value) in headers)
        {
            context.Request.Headers.Append(name, value);
        }

        return (context, response);
    }

    private bool IsNotModified(params (string Name, string Value)[] headers) =>
        _caching.IsNotModified(Request(headers).Context, Data, ResponseFormat.Json);

    private static string Http(DateTimeOffset time) => time.ToUniversalTime().ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    private static string ETagOf(DataStamp? data = null, string path = Path, string query = Query, ResponseFormat format = ResponseFormat.Json) =>
        HttpCaching.ETag(data ?? Data, path, new QueryString(query), format);

    private static string Encoded(string etag, string encoding) => etag.Insert(etag.Length - 1, "-" + encoding);

    [Fact]
    public void TheETagIsAQuotedStrongEntityTag()
    {
        Assert.True(EntityTagHeaderValue.TryParse(Tag, out var parsed), Tag);
        Assert.False(parsed.IsWeak);
        Assert.Equal(Tag, parsed.Tag.Value);
        Assert.Matches("^\"[^\"]+\"$", Tag);
    }

    [Fact]
    public void TheETagIsStableForTheSameInputs()
    {
        var sameData = new DataStamp("v1", DateTimeOffset.FromUnixTimeSeconds(1_750_000_000));

        Assert.Equal(Tag, ETagOf());
        Assert.Equal(Tag, HttpCaching.ETag(sameData, new PathString(Path), QueryString.FromUriComponent(Query), ResponseFormat.Json));
    }

    [Fact]
    public void TheETagSurvivesAReloadOfTheSameData() => Assert.Equal(Tag, ETagOf(new DataStamp(Data.Version, Data.LoadedAt.AddHours(1))));

    [Fact]
    public void TheETagChangesWhenTheDataVersionChanges() => Assert.NotEqual(Tag, ETagOf(new DataStamp("v2", Data.LoadedAt)));

    [Theory]
    [InlineData("/v1/readouts", Query)]
    [InlineData("/v1/claims/x", Query)]
    [InlineData(Path, "?limit=3")]
    [InlineData(Path, "")]
    public void TheETagDiffersPerPathAndPerQuery(string path, string query) => Assert.NotEqual(Tag, ETagOf(path: path, query: query));

    [Fact]
    public void TheETagDiffersPerFormat()
    {
        var tags = Enum.GetValues<ResponseFormat>().Select(f => ETagOf(format: f)).ToList();

        Assert.Equal(5, tags.Count);
        Assert.Equal(tags.Count, tags.Distinct().Count());
    }

    [Theory]
    [InlineData("/a?b", "", "/a", "?b")]
    [InlineData("/a?b", "?c", "/a", "?b?c")]
    [InlineData("/v1/people/x?limit=1", "", "/v1/people/x", "?limit=1")]
    public void PathAndQueryCannotRunTogetherIntoTheSameETag(string path1, string query1, string path2, string query2)
    {
        Assert.Equal(path1 + query1, path2 + query2);

        Assert.NotEqual(ETagOf(path: path1, query: query1), ETagOf(path: path2, query: query2));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheValidatorsAndCachingHeadersAreSetWhetherOrNotTheClientsCopyIsCurrent(bool current)
    {
        var (context, _) = current ? Request(("If-None-Match", Tag)) : Request();

        Assert.Equal(current, _caching.IsNotModified(context, Data, ResponseFormat.Json));

        var headers = context.Response.Headers;
        Assert.Equal(Tag, headers.ETag.ToString());
        Assert.Equal(LoadedAtHttpDate, headers.LastModified.ToString());
        Assert.Equal("public, max-age=60", headers.CacheControl.ToString());
        Assert.Equal("Accept, Accept-Encoding", headers.Vary.ToString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3600)]
    public void MaxAgeComesFromTheOptions(int seconds)
    {
        var caching = new HttpCaching(Options.Create(new CachingOptions { MaxAgeSeconds = seconds }));
        var (context, _) = Request();

        caching.IsNotModified(context, Data, ResponseFormat.Csv);

        Assert.Equal($"public, max-age={seconds}", context.Response.Headers.CacheControl.ToString());
    }

    [Fact]
    public void APrecomputedETagIsSentAsGivenAndRevalidates()
    {
        var (context, _) = Request(("If-None-Match", "\"precomputed\""));

        Assert.True(_caching.IsNotModified(context, Data, "\"precomputed\""));
        Assert.Equal("\"precomputed\"", context.Response.Headers.ETag.ToString());
    }

    [Fact]
    public void NoConditionalHeadersMeansTheResponseIsSent() => Assert.False(IsNotModified());

    [Fact]
    public void IfNoneMatchWithTheETagIsNotModified() => Assert.True(IsNotModified(("If-None-Match", Tag)));

    [Fact]
    public void IfNoneMatchWithAListContainingTheETagIsNotModified()
    {
        Assert.True(IsNotModified(("If-None-Match", $"\"older\", {Tag}, \"other\"")));
        Assert.True(IsNotModified(("If-None-Match", "\"older\""), ("If-None-Match", Tag)));
    }

    [Fact]
    public void IfNoneMatchStarIsNotModified() => Assert.True(IsNotModified(("If-None-Match", "*")));

    [Fact]
    public void IfNoneMatchWithAWeakFormOfTheETagIsNotModified() => Assert.True(IsNotModified(("If-None-Match", "W/" + Tag)));

    [Fact]
    public void IfNoneMatchWithAnotherTagIsModified()
    {
        Assert.False(IsNotModified(("If-None-Match", "\"something-else\"")));
        Assert.False(IsNotModified(("If-None-Match", ETagOf(format: ResponseFormat.Csv))));
        Assert.False(IsNotModified(("If-None-Match", ETagOf(new DataStamp("v2", Data.LoadedAt)))));
    }

    [Fact]
    public void IfNoneMatchWithAnUnquotedTagIsModified() => Assert.False(IsNotModified(("If-None-Match", Tag.Trim('"'))));

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    public void IfNoneMatchWithTheTagACompressedResponseCarriedIsNotModifiedWhenThatEncodingWouldBeSentAgain(string encoding)
    {
        Assert.True(IsNotModified(("Accept-Encoding", encoding), ("If-None-Match", Encoded(Tag, encoding))));
        Assert.True(IsNotModified(("Accept-Encoding", encoding), ("If-None-Match", $"\"older\", {Encoded(Tag, encoding)}")));
    }

    [Theory]
    [InlineData("br", null)]
    [InlineData("br", "identity")]
    [InlineData("br", "gzip")]
    [InlineData("gzip", "br")]
    [InlineData("br", "br;q=0, gzip")]
    [InlineData("", "br")]
    public void ATagValidatesOnlyTheVariantTheRequestWouldGet(string taggedEncoding, string? acceptEncoding)
    {
        var tag = taggedEncoding.Length == 0 ? Tag : Encoded(Tag, taggedEncoding);
        (string, string)[] headers = acceptEncoding is null
            ? [("If-None-Match", tag)]
            : [("Accept-Encoding", acceptEncoding), ("If-None-Match", tag)];

        Assert.False(IsNotModified(headers));
    }

    [Fact]
    public void ANotModifiedNamesTheVariantTheOkWouldHaveSent()
    {
        var (context, _) = Request(("Accept-Encoding", "gzip, br"), ("If-None-Match", Encoded(Tag, "br")));

        Assert.True(_caching.IsNotModified(context, Data, ResponseFormat.Json));
        Assert.Equal(Encoded(Tag, "br"), context.Response.Headers.ETag.ToString());
    }

    [Fact]
    public void AnEncodingSuffixDoesNotMakeAnotherTagMatch()
    {
        var csv = ETagOf(format: ResponseFormat.Csv);

        Assert.False(IsNotModified(("Accept-Encoding", "br"), ("If-None-Match", Encoded(csv, "br"))));
        Assert.False(IsNotModified(("Accept-Encoding", "deflate"), ("If-None-Match", Encoded(Tag, "deflate"))));
    }

    [Fact]
    public void TheVariantOfATagIsTheTagWithTheEncodingInsideTheQuotes()
    {
        Assert.Equal("\"abc-br\"", HttpCaching.Variant("\"abc\"", "br"));
        Assert.Equal("\"abc\"", HttpCaching.Variant("\"abc\"", null));
        Assert.Equal("\"abc-br\"", HttpCaching.Variant("\"abc-br\"", ""));
    }

    [Fact]
    public void IfNoneMatchTakesPrecedenceOverIfModifiedSince()
    {
        var later = Http(Data.LoadedAt.AddDays(1));
        var earlier = Http(Data.LoadedAt.AddDays(-1));

        Assert.False(IsNotModified(("If-None-Match", "\"something-else\""), ("If-Modified-Since", later)));
        Assert.True(IsNotModified(("If-None-Match", Tag), ("If-Modified-Since", earlier)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(86_400)]
    public void IfModifiedSinceAtOrAfterTheLoadTimeIsNotModified(int secondsAfter) =>
        Assert.True(IsNotModified(("If-Modified-Since", Http(Data.LoadedAt.AddSeconds(secondsAfter)))));

    [Theory]
    [InlineData("Sunday, 15-Jun-25 15:06:40 GMT")]
    [InlineData("Sun Jun 15 15:06:40 2025")]
    public void IfModifiedSinceInTheObsoleteDateFormatsIsUnderstood(string date) =>
        Assert.True(IsNotModified(("If-Modified-Since", date)));

    [Theory]
    [InlineData(1)]
    [InlineData(86_400)]
    public void IfModifiedSinceBeforeTheLoadTimeIsModified(int secondsBefore) =>
        Assert.False(IsNotModified(("If-Modified-Since", Http(Data.LoadedAt.AddSeconds(-secondsBefore)))));

    [Theory]
    [InlineData("yesterday")]
    [InlineData("1750000000")]
    [InlineData("")]
    public void AnUnparsableIfModifiedSinceIsModified(string date) => Assert.False(IsNotModified(("If-Modified-Since", date)));

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task ACompressedOkResponseGetsItsOwnStrongETagThatRevalidates(string encoding)
    {
        var (context, response) = Request(("Accept-Encoding", encoding));
        Assert.False(_caching.IsNotModified(context, Data, ResponseFormat.Json));
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.Headers.ContentEncoding = encoding;

        await response.StartAsync();

        var sent = context.Response.Headers.ETag.ToString();
        Assert.Equal(Encoded(Tag, encoding), sent);
        Assert.True(EntityTagHeaderValue.TryParse(sent, out var parsed) && !parsed.IsWeak, sent);
        Assert.True(IsNotModified(("Accept-Encoding", encoding), ("If-None-Match", sent)));
    }

    [Theory]
    [InlineData(StatusCodes.Status200OK, "", "\"")]
    [InlineData(StatusCodes.Status200OK, "gzip", "-gzip\"")]
    [InlineData(StatusCodes.Status304NotModified, "", "-br\"")]
    public async Task TheSentETagNamesTheEncodingOfAnOkAndThePredictedOneOfANotModified(int status, string encoding, string ending)
    {
        var (context, response) = Request(("Accept-Encoding", "br, gzip"));
        _caching.IsNotModified(context, Data, ResponseFormat.Json);
        context.Response.StatusCode = status;
        context.Response.Headers.ContentEncoding = encoding;

        await response.StartAsync();

        Assert.Equal(Tag[..^1] + ending, context.Response.Headers.ETag.ToString());
    }

    [Fact]
    public void AContentETagIsAStrongTagOfTwentyCharactersThatFollowsTheBytes()
    {
        byte[] content = [.. "{\"openapi\":\"3.0.4\"}"u8];
        var tag = HttpCaching.ETagOfContent(content);

        Assert.True(EntityTagHeaderValue.TryParse(tag, out var parsed) && !parsed.IsWeak, tag);
        Assert.Matches("^\"[A-Za-z0-9_-]{20}\"$", tag);
        Assert.Equal(tag, HttpCaching.ETagOfContent(content.ToArray()));
        content[^2] = (byte)'5';
        Assert.NotEqual(tag, HttpCaching.ETagOfContent(content));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("If-None-Match", true)]
    [InlineData("If-Modified-Since", false)]
    public void ARepresentationOfTheBuildIsValidatedByItsETagAloneAndHasNoLastModified(string? header, bool notModified)
    {
        var (context, _) = header switch
        {
            "If-None-Match" => Request(("If-None-Match", "W/\"doc\"")),
            "If-Modified-Since" => Request(("If-Modified-Since", Http(DateTimeOffset.UtcNow.AddYears(1)))),
            _ => Request(),
        };
        context.Request.Path = "/swagger/v1/swagger.json";
        context.Request.QueryString = QueryString.Empty;

        Assert.Equal(notModified, _caching.IsNotModified(context, "\"doc\""));

        var headers = context.Response.Headers;
        Assert.Equal("\"doc\"", headers.ETag.ToString());
        Assert.False(headers.ContainsKey("Last-Modified"));
        Assert.Equal("public, max-age=60", headers.CacheControl.ToString());
        // Outside /v1 nothing is negotiated by Accept.
        Assert.Equal("Accept-Encoding", headers.Vary.ToString());
    }

    /// <summary>A response feature that keeps <c>OnStarting</c> callbacks and runs them when told, as a server does.</summary>
    private sealed class StartingResponseFeature : HttpResponseFeature
    {
        private readonly List<(Func<object, Task> Callback, object State)> _starting = [];

        public override void OnStarting(Func<object, Task> callback, object state) => _starting.Add((callback, state));

        public async Task StartAsync()
        {
            // Kestrel runs them last registered first.
            for (var i = _starting.Count - 1; i >= 0; i--)
            {
                await _starting[i].Callback(_starting[i].State);
            }

            _starting.Clear();
        }
    }
}
