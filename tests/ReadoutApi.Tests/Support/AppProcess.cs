using System.Diagnostics;

namespace ReadoutApi.Tests.Support;

/// <summary>The built app as a real process, for what only a process shows: exit codes, stderr, Kestrel's headers.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private AppProcess(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public static AppProcess Start(params string[] args) => StartIn(null, null, args);

    /// <summary>Starts the app in <paramref name="workingDirectory"/>, as if typed in a shell at <paramref name="shellDirectory"/>.</summary>
    public static AppProcess StartIn(string? workingDirectory, string? shellDirectory, params string[] args) =>
        StartWith([], workingDirectory, shellDirectory, args);

    /// <summary>Starts the app through <paramref name="launcher"/> (a command that runs the rest of its arguments, e.g. setpriv).</summary>
    public static AppProcess StartWith(IReadOnlyList<string> launcher, string? workingDirectory, string? shellDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(launcher.Count > 0 ? launcher[0] : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (launcher.Count > 0)
        {
            foreach (var arg in launcher.Skip(1))
            {
                start.ArgumentList.Add(arg);
            }

            start.ArgumentList.Add("dotnet");
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ReadoutApi.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        if (shellDirectory is not null)
        {
            start.Environment["PWD"] = shellDirectory;
        }
        return new AppProcess(Process.Start(start)!);
    }

    public static Task<(int ExitCode, string Stdout, string Stderr)> Run(TimeSpan timeout, params string[] args) =>
        RunIn(timeout, null, null, args);

    /// <summary>Runs the app to its end, in <paramref name="workingDirectory"/>, as if typed at <paramref name="shellDirectory"/>.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunIn(
        TimeSpan timeout, string? workingDirectory, string? shellDirectory, params string[] args)
    {
        await using var app = StartIn(workingDirectory, shellDirectory, args);
        return await app.WaitForExit(timeout);
    }

    /// <summary>Runs the app to its end through <paramref name="launcher"/> (see <see cref="StartWith"/>).</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunWith(
        TimeSpan timeout, IReadOnlyList<string> launcher, params string[] args)
    {
        await using var app = StartWith(launcher, null, null, args);
        return await app.WaitForExit(timeout);
    }

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>A loopback port nothing listens on now, for an app to listen on.</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task<(int ExitCode, string Stdout, string Stderr)> WaitForExit(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the app did not exit within {timeout}");
        }

        return (_process.ExitCode, await _stdout, await _stderr);
    }

    /// <summary>Asks the app to stop as a container runtime would (SIGTERM).</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Waits until the app answers on <paramref name="client"/>'s address.</summary>
    public static async Task WaitUntilReady(HttpClient client, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var response = await client.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the app did not become ready");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
