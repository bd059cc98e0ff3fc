using System.Net;
using System.Text;

namespace ReadoutApi.Tests.Api;

/// <summary>
/// Thousands of requests built from hostile pieces (fixed seed, so a failure reproduces): the app never
/// answers 5xx, and every 4xx is problem+json.
/// </summary>
public class HostileInputTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    // %00 in a path is refused by Kestrel itself, before the app, and the test server cannot even send it.
    private static readonly string[] Paths =
    [
        "/v1", "/v1/readouts", "/v1/claims", "/v1/statements", "/v1/people", "/v1/organizations", "/v1/countries", "/v1/places",
        "/v1/sources", "/v1/timeline", "/v1/readouts/2025-05-10-rubio-dar", "/v1/countries/pk", "/v1/places/rafiqui-air-base",
        "/", "/health/live", "/health/ready", "/v1/readouts/", "/v2/readouts", "/v1/../etc/passwd", "/v1/%2e%2e/%2e%2e/etc/passwd",
        "/v1/readouts/..%2f..%2fseed%2freadouts.json", "/v1/people/%C3%28", "/v1/places/%FF%FE%FD",
        "/v1/readouts/" + new string('a', 3000), "/v1/countries/%E2%80%AE", "/v1//readouts", "/v1/readouts/%20", "/V1/READOUTS",
    ];

    private static readonly string[] Names =
    [
        "limit", "cursor", "sort", "q", "from", "to", "facets", "format", "participant", "country", "topic", "issuer", "claimant",
        "place", "status", "eventKind", "allegedActor", "speaker", "organization", "kind", "type", "person", "id", "LIMIT",
        "limit[]", "__proto__", "$where", "q\0", "%00", "fields", "page", "offset", "",
    ];

    private static readonly string[] Values =
    [
        "", "0", "-1", "1", "20", "100", "101", "99999999999999999999999999", "-99999999999999999999", "1e309", "NaN", "Infinity", "0x10",
        "2.5", " 5", "+5", "' OR '1'='1", "1; DROP TABLE readouts; --", "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1/a}",
        "{{7*7}}", "../../etc/passwd", "%00", "%01%02%03", "%C3%28", "%FF", "%E2%80%8B", "\u202e", "ü", "ﬀ", "𝕏", "-date", "--date",
        "-", "date", "id,date", "2025-05-10", "2025-02-30", "9999-99-99", "0000-00-00", "2025-5-1", "PK", "pk", "xx", "ishaq-dar",
        "rafiqui-air-base", "Shorkot Air Base", "interception", "unverified", "json", "csv", "ndjson", "atom", "xml", "eventKind,place",
        ",,,", "a,b,c", "AAAAAAAAAAAAAAAAAAAAAAAA", "bm90LWEtY3Vyc29y", "ZmFrZXxzb3J0fGF8aWQ=", new string('x', 5000), "null", "true",
        "[]", "{}", "\\", "\"", "%22%3E%3Cimg%20src=x%3E", "%2525", "\r\nSet-Cookie: a=b", "%0d%0aSet-Cookie:%20a=b",
    ];

    private static readonly string[] Methods = ["GET", "GET", "GET", "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO"];

    private static readonly string[] Accepts =
    [
        "*/*", "application/json", "text/csv", "application/x-ndjson", "application/atom+xml", "image/png", "text/*", "application/*",
        "*/*;q=abc", "text/csv;q=2", "application/json;;;", ";;", "text/html,application/xhtml+xml,*/*;q=0.8", "application/xml",
        "application/json;q=0", "x/y/z", new string('a', 2000),
    ];

    private static readonly string[] Validators =
    [
        "*", "\"abc\"", "W/\"abc\"", "abc", "\"", "\"\"", ",,,", "\"a\", \"b\"", new string('"', 100), "Sat, 28 Nov 2099 00:00:00 GMT",
        "yesterday", "0", "-1", "Thu, 01 Jan 1970 00:00:00 GMT",
    ];

    [Fact]
    public async Task FiveThousandHostileRequestsGetNo5xxAndOnlyProblemDetailsAsErrors()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var random = new Random(20250510);
        var statuses = new Dictionary<int, int>();
        for (var i = 0; i < 5000; i++)
        {
            var url = new StringBuilder(Pick(random, Paths));
            var parameters = random.Next(5);
            for (var p = 0; p < parameters; p++)
            {
                url.Append(p == 0 ? '?' : '&');
                url.Append(Escape(random, Pick(random, Names))).Append('=').Append(Escape(random, Pick(random, Values)));
            }

            using var request = new HttpRequestMessage(new HttpMethod(Pick(random, Methods)), new Uri(url.ToString(), UriKind.Relative));
            if (random.Next(2) == 0)
            {
                request.Headers.TryAddWithoutValidation("Accept", Pick(random, Accepts));
            }

            if (random.Next(4) == 0)
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", Pick(random, Validators));
            }

            if (random.Next(6) == 0)
            {
                request.Headers.TryAddWithoutValidation("If-Modified-Since", Pick(random, Validators));
            }

            if (random.Next(6) == 0)
            {
                request.Headers.TryAddWithoutValidation("X-Request-Id", Pick(random, Values));
            }

            if (random.Next(6) == 0)
            {
                request.Headers.TryAddWithoutValidation("Accept-Encoding", Pick(random, ["br", "gzip", "deflate", "identity;q=0", "*", "br;q=abc"]));
            }

            if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head && random.Next(2) == 0)
            {
                request.Content = new StringContent(Pick(random, Values));
            }

            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            Assert.True(status < 500, $"{request.Method} {url} -> {status}: {await response.Content.ReadAsStringAsync()}");
            if (status >= 400)
            {
                Assert.True(
                    response.Content.Headers.ContentType?.MediaType == "application/problem+json",
                    $"{request.Method} {url} -> {status} as {response.Content.Headers.ContentType}");
            }
        }

        // The mix must reach the app's answers, not only the router's: successes, 304s and each error kind.
        Assert.True(statuses.GetValueOrDefault(200) > 300, string.Join(", ", statuses));
        Assert.True(statuses.GetValueOrDefault(400) > 300, string.Join(", ", statuses));
        Assert.True(statuses.GetValueOrDefault(404) > 50, string.Join(", ", statuses));
        Assert.True(statuses.GetValueOrDefault(405) > 50, string.Join(", ", statuses));
        Assert.True(statuses.GetValueOrDefault(406) > 10, string.Join(", ", statuses));
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    // Mostly escaped as a client would; sometimes raw, so reserved characters reach the parser as they are.
    private static string Escape(Random random, string text) =>
        random.Next(3) == 0 && text.All(c => c > ' ' && c < 127 && c != '#') ? text : Uri.EscapeDataString(text);
}
