using System.Diagnostics;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;
using ReadoutApi.Http;
using ReadoutApi.Observability;
using ReadoutApi.Telemetry;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Serilog.Parsing;

namespace ReadoutApi.Tests.Observability;

/// <summary>
/// The service's instruments that the scrape test does not drive (dropped log lines; the change feed's streams are in ChangeFeedTests), spans
/// carrying the request id of the log line, and the validation of <c>Metrics:Port</c>.
/// </summary>
public sealed class ServiceMetricsTests
{
    [Fact]
    public void EveryLineTheSinkDropsIsCounted()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new ServiceMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        using var output = new BlockingStream();
        var sink = new BufferedConsoleSink(new CompactJsonFormatter(), output, metrics);

        // One line longer than the writer's buffer: writing it blocks the sink's writer, so nothing more leaves the queue.
        sink.Emit(Event(new string('x', 200_000)));
        Assert.True(output.Blocked.Wait(TimeSpan.FromSeconds(30)), "the sink never wrote");
        for (var i = 0; i < BufferedConsoleSink.QueueLimit + 25; i++)
        {
            sink.Emit(Event("queued"));
        }

        Assert.Equal(25, MeterReading.Observe(services, "readoutapi.log.dropped"));
        output.Release.Set();
        sink.Dispose();
    }

    [Fact]
    public async Task ASpanCarriesTheRequestIdOfTheLogLineTheClientsOwnOrTheTraceId()
    {
        // Spans of every host in the process come here (the instrumentation listens to ASP.NET Core's activity source).
        var spans = new LockedCollection<Activity>();
        // OTLP to a loopback port where nothing listens: tracing is on, and the spans are read from memory.
        await using var factory = new ApiFactory(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9" })
            .WithWebHostBuilder(b => b.ConfigureTestServices(s => s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans))));
        var client = factory.CreateClient();
        var tracer = factory.Services.GetRequiredService<TracerProvider>();

        var ownId = "span-test-" + Guid.NewGuid().ToString("N");
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/v1/readouts?limit=1"))
        {
            request.Headers.Add(HttpPipeline.RequestIdHeader, ownId);
            using var response = await client.SendAsync(request);
            Assert.Equal(ownId, response.Headers.GetValues(HttpPipeline.RequestIdHeader).Single());
        }

        string generated;
        using (var response = await client.GetAsync("/v1/readouts/no-such-readout"))
        {
            generated = response.Headers.GetValues(HttpPipeline.RequestIdHeader).Single();
        }

        // A span ends as its request's context is disposed, which may come after the client has the response.
        for (var waited = 0; waited < 300 && !Exported(ownId, generated); waited++)
        {
            tracer.ForceFlush();
            await Task.Delay(100);
        }

        var exported = spans.Snapshot();
        var own = Assert.Single(exported, s => (string?)s.GetTagItem(TelemetrySetup.RequestIdTag) == ownId);
        Assert.Equal("/v1/readouts/", own.GetTagItem("http.route"));
        // Without an id of its own, a request's id is its trace id: the span's, and the log line's @tr.
        var other = Assert.Single(exported, s => (string?)s.GetTagItem(TelemetrySetup.RequestIdTag) == generated);
        Assert.Equal(generated, other.TraceId.ToHexString());
        Assert.Equal(404, other.GetTagItem("http.response.status_code"));

        bool Exported(params string[] ids)
        {
            var now = spans.Snapshot();
            return ids.All(id => now.Any(s => (string?)s.GetTagItem(TelemetrySetup.RequestIdTag) == id));
        }
    }

    [Theory]
    [InlineData("70000")]
    [InlineData("-1")]
    public void AMetricsPortOutOfRangeStopsTheStart(string port)
    {
        using var factory = new ApiFactory(new() { ["Metrics:Port"] = port });
        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains("Port", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMetricsPortThatIsTheApisOwnStopsTheStart()
    {
        using var factory = new ApiFactory(new() { ["Metrics:Port"] = "5080", ["urls"] = "http://localhost:5080" });
        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains("Metrics:Port must differ", error.Message, StringComparison.Ordinal);
    }

    private static LogEvent Event(string text) =>
        new(DateTimeOffset.UtcNow, LogEventLevel.Information, null, new MessageTemplateParser().Parse(text), []);

    // A collection the exporter may add to while the test reads it.
    private sealed class LockedCollection<T> : System.Collections.ObjectModel.Collection<T>
    {
        private readonly Lock _lock = new();

        public T[] Snapshot()
        {
            lock (_lock)
            {
                return [.. this];
            }
        }

        protected override void InsertItem(int index, T item)
        {
            lock (_lock)
            {
                base.InsertItem(index, item);
            }
        }
    }

    // A stream whose writes wait until released, and which says when the first one began.
    private sealed class BlockingStream : MemoryStream
    {
        public ManualResetEventSlim Blocked { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Blocked.Set();
            Release.Wait();
            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Blocked.Set();
            Release.Wait();
            base.Write(buffer);
        }

        protected override void Dispose(bool disposing)
        {
            Release.Set();
            base.Dispose(disposing);
        }
    }
}
