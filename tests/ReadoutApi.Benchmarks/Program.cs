using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/ReadoutApi.Benchmarks -- --filter '*'            micro-benchmarks
// dotnet ReadoutApi.Benchmarks.dll fairness <url> <pid> <seconds> <permits> <window> <export cost> <search cost>
//                                                                                         (load-benchmark.sh runs it)
// dotnet ReadoutApi.Benchmarks.dll streams <url> <count> <requests>        (streams-benchmark.sh runs it)
if (args is ["fairness", .. var rest])
{
    return await ReadoutApi.Benchmarks.Fairness.Run(rest);
}

if (args is ["streams", .. var streams])
{
    return await ReadoutApi.Benchmarks.Streams.Run(streams);
}

BenchmarkSwitcher.FromAssembly(typeof(ReadoutApi.Benchmarks.QueryBenchmarks).Assembly).Run(args);
return 0;
