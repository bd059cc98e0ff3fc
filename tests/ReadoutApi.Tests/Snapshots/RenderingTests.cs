using ReadoutApi.Collections;
using ReadoutApi.Querying;
using ReadoutApi.Snapshots;

namespace ReadoutApi.Tests.Snapshots;

/// <summary>
/// A snapshot is served rendered: every record's JSON and CSV line exist once it is built, each stamped with a meta
/// whose version is the hash of the record's content (its JSON without meta), so a client can check it.
/// </summary>
public sealed class RenderingTests(CorpusFixture corpus) : IClassFixture<CorpusFixture>
{
    [Fact]
    public void EveryRecordOfABuiltSnapshotCarriesTheVersionOfItsContent()
    {
        var snapshot = Snapshot.Load(corpus.Directory, MappingConfig.Create(), TimeProvider.System);

        foreach (var module in CollectionRegistry.All.Where(m => m.ServesRecords))
        {
            var records = snapshot[module].Records;
            Assert.True(records.Count > 0, module.Descriptor.Name);
            foreach (var position in new[] { 0, records.Count / 2, records.Count - 1 })
            {
                var json = System.Text.Encoding.UTF8.GetString(records.Json(position).Span);
                var cut = json.LastIndexOf(",\"meta\":", StringComparison.Ordinal);
                var content = System.Text.Encoding.UTF8.GetBytes(json[..cut] + "}");
                var meta = System.Text.Json.Nodes.JsonNode.Parse(json[(cut + 8)..^1])!;
                Assert.Equal(RecordVersions.Of(content), (string)meta["version"]!);
                Assert.Equal(records.Meta(position).Version, (string)meta["version"]!);
                var columns = System.Text.Encoding.UTF8.GetString(records.Csv(position).Span).TrimEnd('\r', '\n').Split(',');
                Assert.Equal(records.Meta(position).Version, columns[^3]);
            }
        }
    }
}
