using System.Net;
using System.Text.Json.Nodes;

namespace ReadoutApi.Tests.Querying;

/// <summary>Replicas that share <c>Cursor:SigningKey</c> take each other's cursors; others refuse them.</summary>
public sealed class CursorKeyTests : IDisposable
{
    private readonly ApiFactory _a = Replica("a shared secret of the deployment");
    private readonly ApiFactory _b = Replica("a shared secret of the deployment");
    private readonly ApiFactory _other = Replica("another deployment's secret");
    private readonly ApiFactory _unkeyed = new();

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
        _other.Dispose();
        _unkeyed.Dispose();
    }

    [Fact]
    public async Task AWalkBegunOnOneReplicaGoesOnOnAnotherWithTheSameKey()
    {
        var next = await NextLink(_a);
        var page = JsonNode.Parse(await _b.CreateClient().GetStringAsync(next))!;
        Assert.Equal(2, page["data"]!.AsArray().Count);
    }

    [Fact]
    public async Task ACursorSignedWithAnotherKeyOrWithoutOneIsRefused()
    {
        var keyed = await NextLink(_a);
        foreach (var (app, link) in new[] { (_other, keyed), (_unkeyed, keyed), (_a, await NextLink(_unkeyed)) })
        {
            using var response = await app.CreateClient().GetAsync(link);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("altered", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    private static ApiFactory Replica(string key) => new(new Dictionary<string, string?> { ["Cursor:SigningKey"] = key });

    private static async Task<string> NextLink(ApiFactory app) =>
        (string)JsonNode.Parse(await app.CreateClient().GetStringAsync("/v1/claims?limit=2"))!["links"]!["next"]!;
}
