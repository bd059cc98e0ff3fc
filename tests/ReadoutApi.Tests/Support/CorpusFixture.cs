using ReadoutApi.Corpus;
using ReadoutApi.Seed;

namespace ReadoutApi.Tests.Support;

/// <summary>A generated corpus, shared by the tests that need more records than the seed article gives.</summary>
public sealed class CorpusFixture : IDisposable
{
    public CorpusFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "readoutapi-corpus-" + Guid.NewGuid().ToString("N"));
        CorpusGenerator.Write(Directory, new CorpusSize(Readouts: 240, Claims: 260, Statements: 30, People: 25, Places: 20), seed: 7);
        Data = SeedLoader.Load(Directory).GetDataOrThrow();
        Factory = new ApiFactory(new() { ["Seed:Path"] = Directory });
    }

    public string Directory { get; }

    public SeedData Data { get; }

    public ApiFactory Factory { get; }

    public void Dispose()
    {
        Factory.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
