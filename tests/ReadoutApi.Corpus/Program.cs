using System.Diagnostics;
using System.Globalization;
using ReadoutApi.Seed;

namespace ReadoutApi.Corpus;

/// <summary>
/// <c>dotnet run --project tests/ReadoutApi.Corpus -c Release -- &lt;folder&gt; [readouts] [claims] [seed]</c>:
/// writes a synthetic seed folder and checks it with the service's own loader.
/// </summary>
internal static class CorpusCommand
{
    private static int Main(string[] args)
    {
        if (args.Length is < 1 or > 4)
        {
            Console.Error.WriteLine("usage: ReadoutApi.Corpus <folder> [readouts=100000] [claims=100000] [seed=20250510]");
            return 2;
        }

        var folder = args[0];
        var readouts = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        var claims = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100_000;
        var seed = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 20250510;

        var clock = Stopwatch.StartNew();
        CorpusGenerator.Write(folder, CorpusSize.For(readouts, claims), seed);
        var problems = SeedLoader.Load(folder).Problems;
        foreach (var problem in problems.Take(20))
        {
            Console.Error.WriteLine(problem);
        }

        Console.WriteLine($"wrote {readouts} readouts and {claims} claims to {folder} in {clock.Elapsed.TotalSeconds:0.0} s; {problems.Count} problem(s)");
        return problems.Count == 0 ? 0 : 1;
    }
}
