using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ReadoutApi.Http;

namespace ReadoutApi.Tests.Http;

/// <summary>
/// Whole-result exports are copied from each record's rendered bytes, kept for repeated downloads under their ETag
/// (compressed variants apart), in a cache bounded in bytes.
/// </summary>
public class ExportTests(CorpusFixture corpus) : IClassFixture<CorpusFixture>
{
    [Theory]
    [InlineData("/v1/claims?format=csv")]
    [InlineData("/v1/readouts?format=ndjson&sort=-date")]
    public async Task ARepeatedExportIsTheSameBodyFromTheCache(string path)
    {
        await using var factory = new ApiFactory(new() { ["Seed:Path"] = corpus.Directory });
        var client = factory.CreateClient();
        var cache = factory.Services.GetRequiredService<ExportCache>();

        using var first = await client.GetAsync(path);
        var hits = cache.Hits;
        using var second = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(hits + 1, cache.Hits);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(first.Content.Headers.ContentType, second.Content.Headers.ContentType);
        Assert.Equal(first.Content.Headers.ContentDisposition, second.Content.Headers.ContentDisposition);
        Assert.Equal((await second.Content.ReadAsByteArrayAsync()).Length, second.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task ACompressedExportIsKeptApartAndDecompressesToTheSameBody()
    {
        await using var factory = new ApiFactory(new() { ["Seed:Path"] = corpus.Directory });
        var client = factory.CreateClient();
        const string path = "/v1/claims?format=csv&sort=-date";
        var identity = await client.GetByteArrayAsync(path);

        var bodies = new List<byte[]>();
        var tags = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
            using var response = await client.SendAsync(request);
            Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
            tags.Add(response.Headers.ETag!.Tag);
            await using var unzip = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
            using var body = new MemoryStream();
            await unzip.CopyToAsync(body);
            bodies.Add(body.ToArray());
        }

        Assert.All(bodies, body => Assert.Equal(identity, body));
        Assert.All(tags, tag => Assert.EndsWith("-gzip\"", tag));
        Assert.Equal(tags[0], tags[1]);
    }

    [Fact]
    public async Task HeadOfAnExportHasTheLengthOfItsGetAndNoBody()
    {
        await using var factory = new ApiFactory(new() { ["Seed:Path"] = corpus.Directory });
        var client = factory.CreateClient();
        // Twice: written from the records, then copied from the cache.
        for (var i = 0; i < 2; i++)
        {
            using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/v1/statements?format=csv"));
            using var get = await client.GetAsync("/v1/statements?format=csv");
            var body = await get.Content.ReadAsByteArrayAsync();
            Assert.True(body.Length > 0);
            Assert.Equal(body.Length, head.Content.Headers.ContentLength);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
            Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        }
    }

    [Fact]
    public async Task TheCacheNeverHoldsMoreThanItsLimitNorABodyOverItsEntryLimit()
    {
        await using var factory = new ApiFactory(new()
        {
            ["Seed:Path"] = corpus.Directory,
            ["Exports:CacheMegabytes"] = "1",
            ["Exports:MaxEntryMegabytes"] = "1",
        });
        var client = factory.CreateClient();
        var cache = factory.Services.GetRequiredService<ExportCache>();
        var sizes = new List<long>();
        foreach (var sort in new[] { "id", "-id", "date", "-date" })
        {
            foreach (var collection in new[] { "readouts", "claims", "statements", "timeline" })
            {
                foreach (var format in new[] { "csv", "ndjson" })
                {
                    var body = await client.GetByteArrayAsync($"/v1/{collection}?format={format}&sort={sort}");
                    sizes.Add(body.Length);
                    Assert.InRange(cache.Size, 0, 1 << 20);
                }
            }
        }

        Assert.True(sizes.Sum() > 2 << 20, $"the exports ({sizes.Sum()} bytes) do not overflow the cache, so the test proves nothing");
        Assert.True(cache.Size > 0, "nothing was kept");
    }

    [Fact]
    public async Task ABodyOverTheEntryLimitIsStreamedEveryTimeAndNeverKept()
    {
        await using var factory = new ApiFactory(new() { ["Seed:Path"] = corpus.Directory, ["Exports:MaxEntryMegabytes"] = "0" });
        var client = factory.CreateClient();
        var cache = factory.Services.GetRequiredService<ExportCache>();
        var first = await client.GetByteArrayAsync("/v1/readouts?format=ndjson");
        var second = await client.GetByteArrayAsync("/v1/readouts?format=ndjson");

        Assert.Equal(first, second);
        Assert.Equal(corpus.Data.Readouts.Count, FormatReaders.Ndjson(System.Text.Encoding.UTF8.GetString(second)).Count);
        Assert.Equal(0, cache.Hits);
        Assert.Equal(0, cache.Size);
    }

    [Fact]
    public async Task ExportsOfDifferentDataAreNeverMixedUp()
    {
        using var seed = new SeedCopy();
        await using var factory = new ApiFactory(new() { ["Seed:Path"] = seed.Folder });
        var client = factory.CreateClient();
        var before = await client.GetStringAsync("/v1/claims?format=csv");
        seed.Edit("claims.json", json =>
        {
            var root = JsonNode.Parse(json)!;
            root["claims"]!.AsArray()[0]!["text"] = "Edited for the export cache test.";
            return root.ToJsonString();
        });
        Assert.True(factory.Services.GetRequiredService<ReadoutApi.Snapshots.SnapshotLoader>().Reload());

        var after = await client.GetStringAsync("/v1/claims?format=csv");
        Assert.DoesNotContain("Edited for the export cache test.", before);
        Assert.Contains("Edited for the export cache test.", after);
    }
}
