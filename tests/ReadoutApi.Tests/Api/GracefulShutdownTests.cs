using ReadoutApi.Corpus;

namespace ReadoutApi.Tests.Api;

/// <summary>On SIGTERM the server stops taking work but finishes the responses in flight.</summary>
public sealed class GracefulShutdownTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "readoutapi-shutdown-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task AResponseInFlightCompletesAfterSigterm()
    {
        CorpusGenerator.Write(_dir, new CorpusSize(Readouts: 100, Claims: 20_000, Statements: 10, People: 20, Places: 20), seed: 3);
        var port = 20000 + Random.Shared.Next(20000);
        await using var app = AppProcess.Start("--urls", $"http://127.0.0.1:{port}", "--Seed:Path", _dir, "--Seed:Watch", "false");
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        await AppProcess.WaitUntilReady(client, TimeSpan.FromSeconds(60));

        // A large export read slowly, so it is still being written when the signal comes.
        using var response = await client.GetAsync("/v1/claims?format=ndjson", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[16 * 1024];
        var lines = 0L;
        var read = await body.ReadAsync(buffer);
        lines += buffer.AsSpan(0, read).Count((byte)'\n');
        app.Terminate();
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
            if (lines < 2_000)
            {
                await Task.Delay(5);
            }
        }

        Assert.Equal(20_000, lines);
        var (exitCode, _, _) = await app.WaitForExit(TimeSpan.FromSeconds(30));
        Assert.Equal(0, exitCode);
    }
}
