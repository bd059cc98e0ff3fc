using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using ReadoutApi.Collections;
using ReadoutApi.Snapshots;

namespace ReadoutApi.Tests.Snapshots;

/// <summary>
/// A snapshot serves as soon as its indexes exist; each record's JSON is rendered by the first request for it or by the
/// background pass, whichever comes first. Either way a client gets the same bytes.
/// </summary>
public sealed class RenderingTests(CorpusFixture corpus) : IClassFixture<CorpusFixture>
{
    [Fact]
    public void RecordsRenderedOnFirstUseByRacingRequestsEqualThoseRenderedUpFront()
    {
        var mapping = MappingConfig.Create();
        var upFront = Snapshot.Load(corpus.Directory, mapping, TimeProvider.System);
        upFront.RenderAll();
        var onDemand = Snapshot.Load(corpus.Directory, mapping, TimeProvider.System);
        Assert.False(onDemand.IsRendered);

        // Eight "requests" ask for every record of every collection at once, each in its own order.
        var first = new ConcurrentDictionary<(string, int), byte[]>();
        Parallel.For(0, 8, worker =>
        {
            foreach (var (name, count, json) in Records(onDemand))
            {
                for (var i = 0; i < count; i++)
                {
                    var position = (i * 7 + worker * 13) % count;
                    var bytes = ArrayOf(json(position));
                    Assert.Same(first.GetOrAdd((name, position), bytes), bytes);
                }
            }
        });

        var expected = Records(upFront).ToDictionary(r => r.Name);
        foreach (var (name, count, json) in Records(onDemand))
        {
            Assert.Equal(expected[name].Count, count);
            for (var position = 0; position < count; position++)
            {
                Assert.Equal(expected[name].Json(position).ToArray(), json(position).ToArray());
            }
        }

        // The background pass keeps what requests rendered.
        onDemand.RenderAll();
        Assert.True(onDemand.IsRendered);
        Assert.All(Records(onDemand), r => Assert.Same(first[(r.Name, 0)], ArrayOf(r.Json(0))));
    }

    [Fact]
    public async Task ARecordServedBeforeTheBackgroundPassEndsIsTheOneServedAfter()
    {
        using var factory = new ApiFactory(new() { ["Seed:Path"] = corpus.Directory });
        using var client = factory.CreateClient();
        var id = corpus.Data.Claims[^1].Id;

        var early = await client.GetByteArrayAsync($"/v1/claims/{id}");
        await factory.Services.GetRequiredService<SnapshotLoadingService>().Rendered;
        var late = await client.GetByteArrayAsync($"/v1/claims/{id}");

        Assert.Equal(early, late);
        Assert.Contains("\"rendered\":true", await client.GetStringAsync("/health/ready"), StringComparison.Ordinal);
    }

    private static IEnumerable<(string Name, int Count, Func<int, ReadOnlyMemory<byte>> Json)> Records(Snapshot s) =>
        CollectionRegistry.All.Select(m => (m.Descriptor.Name, s[m].Count, (Func<int, ReadOnlyMemory<byte>>)s[m].Records.Json));

    private static byte[] ArrayOf(ReadOnlyMemory<byte> memory) =>
        MemoryMarshal.TryGetArray(memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : throw new InvalidOperationException("a record's JSON is expected to be one whole array");
}
