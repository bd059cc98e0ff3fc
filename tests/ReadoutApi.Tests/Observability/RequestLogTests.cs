using System.Text.Json;
using ReadoutApi.Http;
using ReadoutApi.Observability;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Serilog.Parsing;

namespace ReadoutApi.Tests.Observability;

/// <summary>Operators get one structured line per request on standard output, and none is lost when the app stops.</summary>
public sealed class RequestLogTests
{
    [Fact]
    public async Task EveryRequestIsOneJsonLineWithItsIdPathAndStatusWrittenByTheTimeTheAppStops()
    {
        var port = 20000 + Random.Shared.Next(20000);
        await using var app = AppProcess.Start("--urls", $"http://127.0.0.1:{port}", "--Seed:Watch", "false", "--Seed:Path", TestPaths.RepoSeed);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await AppProcess.WaitUntilReady(client, TimeSpan.FromSeconds(60));

        var ids = Enumerable.Range(0, 50).Select(i => $"log-test-{i}").ToList();
        foreach (var id in ids)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, id.EndsWith('7') ? "/v1/readouts/no-such-readout" : "/v1/readouts?limit=1");
            request.Headers.Add(HttpPipeline.RequestIdHeader, id);
            using var response = await client.SendAsync(request);
        }

        app.Terminate(); // at once: what is still queued must be written on the way out
        var (exitCode, stdout, _) = await app.WaitForExit(TimeSpan.FromSeconds(30));

        Assert.Equal(0, exitCode);
        var requestLines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(e => e.TryGetProperty("RequestId", out var id) && id.GetString()!.StartsWith("log-test-", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(ids, requestLines.Select(e => e.GetProperty("RequestId").GetString()));
        foreach (var line in requestLines)
        {
            var notFound = line.GetProperty("RequestId").GetString()!.EndsWith('7');
            Assert.Equal(notFound ? 404 : 200, line.GetProperty("StatusCode").GetInt32());
            Assert.Equal(notFound ? "/v1/readouts/no-such-readout" : "/v1/readouts", line.GetProperty("RequestPath").GetString());
            Assert.Equal("GET", line.GetProperty("RequestMethod").GetString());
            Assert.Matches("^[0-9a-f]{32}$", line.GetProperty("@tr").GetString());
            Assert.Equal("HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.000} ms", line.GetProperty("@mt").GetString());
        }
    }

    [Fact]
    public void QueuedEventsAreWrittenInOrderOnDisposeAndNothingAfter()
    {
        var output = new MemoryStream();
        var sink = new BufferedConsoleSink(new CompactJsonFormatter(), output);
        for (var i = 0; i < 1_000; i++)
        {
            sink.Emit(Event(i));
        }

        sink.Dispose();
        sink.Emit(Event(-1)); // after disposal: dropped, and no exception
        sink.WriteQueued();

        // ToArray reads a closed MemoryStream too.
        var lines = System.Text.Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Enumerable.Range(0, 1_000), lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("N").GetInt32()));
    }

    private static LogEvent Event(int n) => new(
        DateTimeOffset.UnixEpoch, LogEventLevel.Information, null, new MessageTemplateParser().Parse("event {N}"),
        [new LogEventProperty("N", new ScalarValue(n))]);
}
