using System.Text;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace ReadoutApi.Http;

/// <summary>
/// Writes batches of log events to standard output through one buffer, with one write per batch rather than one
/// per line: at tens of thousands of requests a second, a write and a lock per request line cost more than the request.
/// Serilog's batching wrapper (<c>WriteTo.Sink(IBatchedLogEventSink, BatchingOptions)</c>) queues the events off
/// the request path and calls this from one background task.
/// </summary>
internal sealed class BufferedConsoleSink(ITextFormatter formatter) : IBatchedLogEventSink, IDisposable
{
    private readonly StreamWriter _output = new(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024)
    {
        AutoFlush = false,
    };

    /// <inheritdoc />
    public Task EmitBatchAsync(IReadOnlyCollection<LogEvent> batch)
    {
        foreach (var logEvent in batch)
        {
            formatter.Format(logEvent, _output);
        }

        _output.Flush();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose() => _output.Dispose();
}
