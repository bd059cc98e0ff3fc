using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using ReadoutApi.Contracts;
using ReadoutApi.Corpus;
using ReadoutApi.Data;
using ReadoutApi.Querying;

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
        _person = _snapshot.People.Ids[42];
        _filtered = Parse(_snapshot.Readouts, $"participant={_person}&from=2021-01-01&to=2023-12-31&limit=20");
        _search = Parse(_snapshot.Claims, "q=cruise intercepted&limit=20");
        _firstPage = Parse(_snapshot.Readouts, "limit=20");
        var query = _firstPage;
        for (var page = 1; page < 1000; page++)
        {
            query = query with { Cursor = _snapshot.Readouts.Execute(query).Next };
        }

        _page1000 = query;
    }

    [Benchmark]
    public ListQuery? ParseFilteredQuery() => Parse(_snapshot.Readouts, $"participant={_person}&from=2021-01-01&to=2023-12-31&limit=20");

    [Benchmark]
    public QueryPage FilteredList() => _snapshot.Readouts.Execute(_filtered);

    [Benchmark]
    public QueryPage TwoWordSearch() => _snapshot.Claims.Execute(_search);

    [Benchmark(Baseline = true)]
    public QueryPage CursorWalkPage1() => _snapshot.Readouts.Execute(_firstPage);

    [Benchmark]
    public QueryPage CursorWalkPage1000() => _snapshot.Readouts.Execute(_page1000);

    private static ListQuery Parse<T, TDto>(Collection<T, TDto> collection, string queryString)
    {
        var parameters = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(queryString);
        return QueryParser.Parse(parameters.Select(p => KeyValuePair.Create(p.Key, (StringValues)p.Value)), collection, out var errors)
            ?? throw new InvalidOperationException(string.Join("; ", errors.Keys));
    }
}

/// <summary>Writing a page of 20 readouts: the envelope around the records' pre-rendered JSON.</summary>
[MemoryDiagnoser]
public class SerializationBenchmarks
{
    private Snapshot _snapshot = null!;
    private QueryPage _page = null!;
    private ListMeta _meta = null!;
    private ListLinks _links = null!;

    [GlobalSetup]
    public void Setup()
    {
        _snapshot = BenchmarkCorpus.Load();
        var parameters = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery("limit=20");
        var query = QueryParser.Parse(parameters, _snapshot.Readouts, out _)!;
        _page = _snapshot.Readouts.Execute(query);
        _meta = new ListMeta(_page.Total, 20, "-date", null);
        _links = new ListLinks("/v1/readouts?limit=20", "/v1/readouts?limit=20&cursor=x", null);
    }

    [Benchmark]
    public async Task<long> PreRenderedEnvelope()
    {
        var context = new DefaultHttpContext { Response = { Body = new MemoryStream() } };
        await new Http.Formats.JsonPageResult(_page.Positions.Select(_snapshot.Readouts.Json).ToArray(), _meta, _links).ExecuteAsync(context);
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
