using System.Net.Sockets;
using System.Text;

namespace ReadoutApi.Tests.Api;

/// <summary>
/// Kestrel passes Hosts such as <c>a..b</c> to the app (TestServer would not show what Kestrel does): sent on a raw socket
/// to a real process, each is a 400 problem+json, and the process logs no error for them.
/// </summary>
public class InvalidHostProcessTests
{
    [Fact]
    public async Task AnInvalidHostOnTheWireIsA400ProblemAndNoErrorInTheLog()
    {
        var port = AppProcess.FreePort();
        await using var app = AppProcess.Start("--urls", $"http://127.0.0.1:{port}", "--Seed:Path", TestPaths.RepoSeed, "--Seed:Watch", "false");
        using (var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") })
        {
            await AppProcess.WaitUntilReady(client, TimeSpan.FromSeconds(60));
        }

        foreach (var host in new[] { "a..b", "a~b", "evil.example:99999" })
        {
            var response = await Raw(port, $"GET /v1/readouts?format=atom HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
            Assert.StartsWith("HTTP/1.1 400", response);
            Assert.Contains("Content-Type: application/problem+json", response, StringComparison.OrdinalIgnoreCase);
        }

        // A valid Host still gets its feed, with links on that host and port.
        var ok = await Raw(port, "GET /v1/readouts?format=atom&limit=1 HTTP/1.1\r\nHost: feeds.example:5480\r\nConnection: close\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 200", ok);
        Assert.Contains("href=\"http://feeds.example:5480/v1/readouts", ok);

        app.Terminate();
        var (_, stdout, stderr) = await app.WaitForExit(TimeSpan.FromSeconds(30));
        Assert.DoesNotContain("\"@l\":\"Error\"", stdout);
        Assert.DoesNotContain("\"@l\":\"Fatal\"", stdout);
        Assert.DoesNotContain("Exception", stdout + stderr);
    }

    private static async Task<string> Raw(int port, string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
