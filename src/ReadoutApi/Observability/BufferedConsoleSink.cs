using System.Collections.Concurrent;
using System.Text;
using ReadoutApi.Telemetry;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;
using Serilog.Formatting;

namespace ReadoutApi.Observability;

/// <summary>
/// Writes log events to standard output in batches, off the request path: a request only queues its event, and a timer
/// formats what has queued and writes it through one buffer, with one write per batch rather than one per line.
/// </summary>
/// <remarks>
/// Serilog's own batching wrapper (<c>WriteTo.Sink(IBatchedLogEventSink, BatchingOptions)</c>) waits on its queue
/// whenever the queue runs dry, so under a steady stream of requests nearly every event wakes a thread-pool thread
/// (a task, a <c>Task.WhenAny</c> and a hand-off each). Measured with wrk on a record, that cost about 8-10 us of CPU
/// per request on a 2-core machine, 15% of the request. A timer wakes 100 times a second, whatever the load: often
/// enough that a batch is small (at 30,000 requests a second, 300 lines, well under a millisecond to format), since a
/// batch of 100 ms took a core long enough to show in the p99 latency (3.8-3.9 ms at 10 ms; 5.4-5.6 ms at 100 ms).
/// </remarks>
public sealed class BufferedConsoleSink : ILogEventSink, IDisposable
{
    /// <summary>How often queued events are written.</summary>
    public static readonly TimeSpan WriteInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Events queued beyond this are dropped rather than let memory grow without bound: counted in
    /// <see cref="ServiceMetrics"/> (<c>readoutapi.log.dropped</c>) at once, and reported to Serilog's SelfLog.
    /// </summary>
    public const int QueueLimit = 100_000;

    private readonly ITextFormatter _formatter;
    private readonly ConcurrentQueue<LogEvent> _queue = new();
    private readonly Lock _writing = new();
    private readonly StreamWriter _output;
    private readonly Timer _timer;
    private readonly ServiceMetrics? _metrics;
    private int _queued;
    private int _dropped;
    private bool _disposed;

    /// <summary>Writes to standard output; counts dropped lines in <paramref name="metrics"/> when given.</summary>
    public BufferedConsoleSink(ITextFormatter formatter, ServiceMetrics? metrics = null)
        : this(formatter, Console.OpenStandardOutput(), metrics)
    {
    }

    /// <summary>Writes to <paramref name="output"/>, which the sink owns from then on.</summary>
    public BufferedConsoleSink(ITextFormatter formatter, Stream output, ServiceMetrics? metrics = null)
    {
        _formatter = formatter;
        _metrics = metrics;
        _output = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024) { AutoFlush = false };
        _timer = new Timer(_ => WriteQueued(), null, WriteInterval, WriteInterval);
    }

    /// <inheritdoc />
    public void Emit(LogEvent logEvent)
    {
        if (Interlocked.Increment(ref _queued) > QueueLimit)
        {
            Interlocked.Decrement(ref _queued);
            Interlocked.Increment(ref _dropped);
            _metrics?.LogLinesDropped(1);
            return;
        }

        _queue.Enqueue(logEvent);
    }

    /// <summary>Formats and writes every queued event, then flushes; what the timer runs, and disposal.</summary>
    public void WriteQueued()
    {
        lock (_writing)
        {
            if (_disposed)
            {
                return;
            }

            while (_queue.TryDequeue(out var logEvent))
            {
                Interlocked.Decrement(ref _queued);
                try
                {
                    _formatter.Format(logEvent, _output);
                }
                catch (Exception e)
                {
                    SelfLog.WriteLine("Could not format a log event: {0}", e);
                }
            }

            if (Interlocked.Exchange(ref _dropped, 0) is var dropped and > 0)
            {
                SelfLog.WriteLine("Dropped {0} log event(s): more than {1} were waiting to be written", dropped, QueueLimit);
            }

            try
            {
                _output.Flush();
            }
            catch (IOException e)
            {
                SelfLog.WriteLine("Could not write the log: {0}", e);
            }
        }
    }

    /// <summary>Writes what is still queued, then closes the output.</summary>
    public void Dispose()
    {
        _timer.Dispose();
        WriteQueued();
        lock (_writing)
        {
            _disposed = true;
            _output.Dispose();
        }
    }
}
