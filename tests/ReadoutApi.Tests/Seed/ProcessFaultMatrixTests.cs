using System.Collections.Concurrent;
using System.Globalization;

namespace ReadoutApi.Tests.Seed;

/// <summary>
/// Every kind of seed fault (<see cref="SeedFaultKinds"/>) at start-up of the real process: exit code 1 and one report on
/// stderr naming the file, never an unhandled exception or a stack trace, and never a start that hangs.
/// </summary>
public sealed class ProcessFaultMatrixTests(ProcessFaultMatrixTests.StartUps startUps) : IClassFixture<ProcessFaultMatrixTests.StartUps>
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public static TheoryData<string> Faults => SeedFaultKinds.Names;

    [Fact]
    public void TheMatrixHoldsAtLeastTwentyKindsOfFault() =>
        Assert.InRange(SeedFaultKinds.All.Select(f => f.Name).Distinct().Count(), 20, int.MaxValue);

    [SkippableTheory]
    [MemberData(nameof(Faults))]
    public async Task AtStartUpTheFaultExitsOneWithOneReportNamingTheFile(string name)
    {
        var fault = SeedFaultKinds.Named(name);
        Skip.If(fault.NeedsPermissionChecks && PermissionChecks.Unavailable is not null, PermissionChecks.Unavailable);

        var (exitCode, stdout, stderr) = await startUps.Of(fault);

        var output = stdout + stderr;
        Assert.True(exitCode == 1, $"exit code {exitCode}:\n{output}");
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.Single(stderr.Split('\n'), line => line.StartsWith("The seed data has ", StringComparison.Ordinal));
        Assert.Contains(stderr.Split('\n'), line => line.Contains(fault.File, StringComparison.Ordinal) && line.Contains(fault.Expected, StringComparison.Ordinal));
    }

    /// <summary>
    /// Starts the app on each fault, as many at once as there are cores (a start is mostly CPU), as soon as the test class
    /// is first used; each test awaits its own.
    /// </summary>
    public sealed class StartUps
    {
        private readonly SemaphoreSlim _gate = new(Environment.ProcessorCount);
        private readonly ConcurrentDictionary<string, Task<(int, string, string)>> _runs = new();

        public StartUps()
        {
            foreach (var fault in SeedFaultKinds.All.Where(f => !f.NeedsPermissionChecks || PermissionChecks.Unavailable is null))
            {
                Of(fault);
            }
        }

        public Task<(int ExitCode, string Stdout, string Stderr)> Of(SeedFault fault) => _runs.GetOrAdd(fault.Name, _ => Task.Run(() => Run(fault)));

        private async Task<(int, string, string)> Run(SeedFault fault)
        {
            await _gate.WaitAsync();
            try
            {
                using var seed = new SeedCopy();
                try
                {
                    fault.Plant(seed.Folder);
                    return await AppProcess.RunWith(
                        StartTimeout, PermissionChecks.Launcher,
                        "--Seed:Path", seed.Folder, "--Seed:MaxFileBytes", SeedFaultKinds.MaxFileBytes.ToString(CultureInfo.InvariantCulture),
                        "--urls", "http://127.0.0.1:0");
                }
                finally
                {
                    // A folder of mode 000 could not be deleted by any user but root.
                    PermissionChecks.SetMode(seed.Folder, (UnixFileMode)0b111_101_101);
                }
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
