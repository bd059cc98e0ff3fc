using System.Diagnostics;

namespace ReadoutApi.Tests.Support;

/// <summary>
/// How to run the app so that a file's mode applies to it. Root reads any file whatever its mode (CAP_DAC_OVERRIDE), and
/// CI runs as root: there the app runs through setpriv without the two capabilities that bypass file permissions, still
/// as root otherwise. Any other user needs nothing.
/// </summary>
public static class PermissionChecks
{
    private static readonly Lazy<(string[] Launcher, string? Unavailable)> Probe = new(Detect);

    /// <summary>The command to run the app through (empty: run it directly).</summary>
    public static IReadOnlyList<string> Launcher => Probe.Value.Launcher;

    /// <summary>Why permissions cannot apply to the app here, or null when they do.</summary>
    public static string? Unavailable => Probe.Value.Unavailable;

    private static (string[], string?) Detect()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return ([], null);
        }

        string[] launcher = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"];
        var probe = Path.Combine(Path.GetTempPath(), "readoutapi-mode-" + Guid.NewGuid().ToString("N"));
        try
        {
            File.WriteAllText(probe, "x");
            NoAccess(probe);
            // The app must still read its own files (the folders above them may be root's alone); the planted one not.
            var readsApp = Exit([.. launcher, "head", "-c", "1", Path.Combine(AppContext.BaseDirectory, "ReadoutApi.dll")]) == 0;
            var denied = Exit([.. launcher, "cat", probe]) != 0;
            return (readsApp, denied) switch
            {
                (true, true) => (launcher, null),
                (false, _) => ([], "running as root, and without CAP_DAC_OVERRIDE the app's own files cannot be read here"),
                _ => ([], "running as root, and setpriv could not drop CAP_DAC_OVERRIDE: root reads a file whatever its mode"),
            };
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return ([], $"running as root, and setpriv cannot be run ({e.Message}): root reads a file whatever its mode");
        }
        finally
        {
            File.Delete(probe);
        }
    }

    /// <summary>Takes every permission off the file or folder (mode 000).</summary>
    public static void NoAccess(string path) => SetMode(path, UnixFileMode.None);

    public static void SetMode(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("file modes are Unix's");
        }

        File.SetUnixFileMode(path, mode);
    }

    private static int Exit(string[] command)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in command.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode;
    }
}
