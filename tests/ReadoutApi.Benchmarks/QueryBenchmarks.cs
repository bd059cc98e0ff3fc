using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using ReadoutApi.Collections;
using ReadoutApi.Contracts;
using ReadoutApi.Corpus;
using ReadoutApi.Querying;
using ReadoutApi.Snapshots;

namespace ReadoutApi.Benchmarks;

/// <summary>The hot paths of a list request at 100,000 readouts and claims: parsing, planning over the indexes, one page.</summary>
[MemoryDiagnoser]
public class QueryBenchmarks
{
    private Snapshot _snapshot = null!;
    private string _person = null!;
    private ListQuery _filtered = null!;
    private ListQuery _search = null!;
    private ListQuery _firstPage = null!;
    private ListQuery _page1000 = null!;

    [GlobalSetup]
    public void Setup()
    {
        _snapshot = BenchmarkCorpus.Load();
        _person = People.Records.Ids[42];
        _filtered = Parse(Readouts, $"participant={_person}&from=2021-01-01&to=2023-12-31&limit=20");
        _search = Parse(Claims, "q=cruise%20intercepted&limit=20");
        _firstPage = Parse(Readouts, "limit=20");
        var query = _firstPage;
        for (var page = 1; page < 1000; page++)
        {
            query = query with { Cursor = CursorCodec.Default.Decode(Readouts.Execute(query).Next!) };
        }

        _page1000 = query;
    }

    [Benchmark]
    public ListQuery? ParseFilteredQuery() => Parse(Readouts, $"participant={_person}&from=2021-01-01&to=2023-12-31&limit=20");

    [Benchmark]
    public ListPage FilteredList() => Readouts.Execute(_filtered);

    [Benchmark]
    public ListPage TwoWordSearch() => Claims.Execute(_search);

    [Benchmark(Baseline = true)]
    public ListPage CursorWalkPage1() => Readouts.Execute(_firstPage);

    [Benchmark]
    public ListPage CursorWalkPage1000() => Readouts.Execute(_page1000);

    private Collection Readouts => _snapshot[CollectionRegistry.Readouts];

    private Collection Claims => _snapshot[CollectionRegistry.Claims];

    private Collection People => _snapshot[CollectionRegistry.People];

    private static ListQuery Parse(Collection collection, string queryString) =>
        QueryParser.Parse(collection.Descriptor.Path, "?" + queryString, collection, out var errors)
            ?? throw new InvalidOperationException(string.Join("; ", errors.Keys));
}

/// <summary>Writing a page of 20 readouts: the envelope around the records' pre-rendered JSON.</summary>
[MemoryDiagnoser]
public class SerializationBenchmarks
{
    private Snapshot _snapshot = null!;
    private ListPage _page = null!;

    [GlobalSetup]
    public void Setup()
    {
        _snapshot = BenchmarkCorpus.Load();
        var readouts = _snapshot[CollectionRegistry.Readouts];
        _page = readouts.Execute(QueryParser.Parse(readouts.Descriptor.Path, "?limit=20", readouts, out _)!);
    }

    [Benchmark]
    public async Task<long> PreRenderedEnvelope()
    {
        var context = new DefaultHttpContext { Response = { Body = new MemoryStream() } };
        await new Http.JsonPageResult(_page).ExecuteAsync(context);
        return context.Response.Body.Length;
    }
}

/// <summary>The 100,000-readout, 100,000-claim corpus, generated once into the temp folder and loaded.</summary>
internal static class BenchmarkCorpus
{
    public static Snapshot Load()
    {
        var folder = Path.Combine(Path.GetTempPath(), "readoutapi-bdn-corpus");
        if (!File.Exists(Path.Combine(folder, "statements.json")))
        {
            CorpusGenerator.Write(folder, CorpusSize.For(100_000, 100_000));
        }

        return Snapshot.Load(folder, MappingConfig.Create(), TimeProvider.System);
    }
}
