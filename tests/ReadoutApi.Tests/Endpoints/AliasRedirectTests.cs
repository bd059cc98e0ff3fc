using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ReadoutApi.Tests.Endpoints;

/// <summary>A name or alias in a record route is a permanent redirect to the record's canonical id, query string kept.</summary>
public class AliasRedirectTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Theory]
    [InlineData("/v1/places/shorkot-air-base", "/v1/places/rafiqui-air-base")]
    [InlineData("/v1/places/Shorkot%20Air%20Base?format=csv", "/v1/places/rafiqui-air-base?format=csv")]
    [InlineData("/v1/places/paf-base-chaklala?format=json", "/v1/places/nur-khan-air-base?format=json")]
    [InlineData("/v1/people/munir", "/v1/people/asim-munir")]
    [InlineData("/v1/organizations/ISPR", "/v1/organizations/inter-services-public-relations")]
    public async Task AnAliasRedirectsToTheCanonicalRecordKeepingTheQuery(string url, string location)
    {
        using var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location!.OriginalString);
        Assert.Equal("public, max-age=60", response.Headers.CacheControl!.ToString());
        using var target = await _client.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, target.StatusCode);
    }

    [Fact]
    public async Task HeadRedirectsToo()
    {
        using var response = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/v1/places/shorkot-air-base"));
        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal("/v1/places/rafiqui-air-base", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("people")]
    [InlineData("organizations")]
    [InlineData("places")]
    public async Task EveryNameAndAliasOfEveryRecordLeadsToIt(string collection)
    {
        var records = (await _client.GetJson($"/v1/{collection}?limit=100"))["data"]!.AsArray();
        var count = 0;
        foreach (var record in records)
        {
            var self = (string)record!["links"]!["self"]!;
            foreach (var name in record["aliases"]!.AsArray().Append(record["name"]).Select(n => (string)n!))
            {
                using var response = await _client.GetAsync($"/v1/{collection}/{Uri.EscapeDataString(name)}");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    // A name that is also the id, in some case (a country-like code), is the record itself.
                    Assert.Equal((string)record["id"]!, (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!);
                    continue;
                }

                Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
                Assert.Equal(self, response.Headers.Location!.OriginalString);
                count++;
            }
        }

        Assert.True(count >= records.Count, $"only {count} redirects");
    }

    [Fact]
    public async Task ABadParameterIsStillA400AndANameOfNothingA404()
    {
        await _client.GetProblem("/v1/places/shorkot-air-base?limit=1", 400);
        await _client.GetProblem("/v1/places/shorkot-airbase", 404);
        // Claims and the other collections without aliases know only their ids.
        await _client.GetProblem("/v1/claims/shorkot-air-base", 404);
    }
}
