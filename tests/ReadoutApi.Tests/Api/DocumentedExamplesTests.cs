using System.Net;
using System.Text.RegularExpressions;
using ReadoutApi.Tests.Support;

namespace ReadoutApi.Tests.Api;

/// <summary>
/// Every request the README shows with curl, and every request of ReadoutApi.http with its headers, sent to the real
/// app: each answers as its text says (a README example with data; an .http example with the status its title names,
/// any 4xx for an "Error:" without one, else a 2xx), so the examples a new user copies cannot rot.
/// </summary>
public partial class DocumentedExamplesTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly string Root = Path.GetDirectoryName(TestPaths.RepoSeed)!;

    public static TheoryData<string> ReadmeCurls() =>
        [.. CurlUrl().Matches(File.ReadAllText(Path.Combine(Root, "README.md"))).Select(m => m.Groups["path"].Value)];

    public static TheoryData<string, string, string, string> HttpFileRequests()
    {
        var data = new TheoryData<string, string, string, string>();
        var text = File.ReadAllText(Path.Combine(Root, "ReadoutApi.http")).Replace("\r\n", "\n", StringComparison.Ordinal);
        foreach (var block in text.Split("### ", StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var lines = block.Split('\n');
            var request = HttpRequestLine().Match(lines[1]);
            Assert.True(request.Success, $"'{lines[1]}' under '{lines[0]}' is not a request line");
            var headers = string.Join('\n', lines.Skip(2).TakeWhile(l => l.Length > 0));
            data.Add(lines[0], request.Groups["method"].Value, request.Groups["path"].Value, headers);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ReadmeCurls))]
    public async Task EachReadmeCurlAnswersWithData(string pathAndQuery)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync(new Uri(pathAndQuery, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [MemberData(nameof(HttpFileRequests))]
    public async Task EachHttpFileRequestAnswersAsItsTitleSays(string title, string method, string pathAndQuery, string headers)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        if (headers.Contains("paste-the-etag-here", StringComparison.Ordinal))
        {
            // As the title tells the reader: the ETag of a previous response of the same request.
            var previous = await client.GetAsync(new Uri(pathAndQuery, UriKind.Relative));
            headers = headers.Replace("\"paste-the-etag-here\"", previous.Headers.ETag!.ToString(), StringComparison.Ordinal);
        }

        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(pathAndQuery, UriKind.Relative));
        foreach (var header in headers.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            request.Headers.TryAddWithoutValidation(header[..colon].Trim(), header[(colon + 1)..].Trim());
        }

        var response = await client.SendAsync(request);

        var status = (int)response.StatusCode;
        if (StatusInTitle().Match(title) is { Success: true } named)
        {
            Assert.Equal(int.Parse(named.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), status);
        }
        else if (title.StartsWith("Error", StringComparison.Ordinal))
        {
            Assert.InRange(status, 400, 499);
        }
        else
        {
            Assert.InRange(status, 200, 299);
        }
    }

    [Fact]
    public void TheReadmeShowsFieldsExpandAndJsonLd()
    {
        var curls = CurlUrl().Matches(File.ReadAllText(Path.Combine(Root, "README.md"))).Select(m => m.Groups["path"].Value).ToList();

        Assert.Contains(curls, c => c.Contains("fields=", StringComparison.Ordinal) && c.Contains("expand=", StringComparison.Ordinal));
        Assert.Contains(curls, c => c.Contains("format=jsonld", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"curl (?:-[a-zA-Z]+ )*'http://localhost:5080(?<path>/[^' ]*)'")]
    private static partial Regex CurlUrl();

    [GeneratedRegex(@"^(?<method>[A-Z]+) \{\{host\}\}(?<path>/\S*)$")]
    private static partial Regex HttpRequestLine();

    [GeneratedRegex(@"-> (\d{3})")]
    private static partial Regex StatusInTitle();
}
