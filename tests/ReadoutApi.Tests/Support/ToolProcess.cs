using System.ComponentModel;
using System.Diagnostics;

namespace ReadoutApi.Tests.Support;

/// <summary>Runs a command-line tool (a build script, node, kiota) and returns its exit code and output, never throwing.</summary>
public static class ToolProcess
{
    /// <summary>
    /// Runs <paramref name="fileName"/> in <paramref name="directory"/>; -1 with the reason when it cannot start or
    /// runs past <paramref name="timeout"/> (then it is killed with its children).
    /// </summary>
    public static async Task<(int ExitCode, string Output)> Run(string directory, TimeSpan timeout, string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cancel = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return (-1, $"{fileName} did not finish in {timeout.TotalMinutes:0} minutes");
            }

            return (process.ExitCode, (await stdout) + (await stderr));
        }
        catch (Win32Exception e)
        {
            return (-1, $"{fileName} could not start: {e.Message}");
        }
    }
}
