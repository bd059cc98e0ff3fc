using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/ReadoutApi.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(ReadoutApi.Benchmarks.QueryBenchmarks).Assembly).Run(args);
