using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ReadoutApi.Benchmarks;

/// <summary>
/// Does a request still answer normally while many change-feed streams are open? Measures <c>GET /v1/readouts</c>
/// (sequential requests, p50 and p99) alone, then with <c>count</c> event streams open from their own loopback
/// addresses (at most the shipped 8 per client), each read to the end of the run; then checks every stream is still
/// open. Prints the figures; the ratio of the two p99s is the measure.
/// </summary>
public static class Streams
{
    private const int PerClient = 8;

    /// <summary><c>streams &lt;url&gt; &lt;count&gt; &lt;requests&gt;</c></summary>
    public static async Task<int> Run(string[] args)
    {
        var target = new Uri(args[0]);
        var count = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
        var requests = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
        using var victim = Client(target, IPAddress.Loopback);

        await Measure(victim, requests / 2); // warm-up: JIT, connection, caches
        var alone = await Measure(victim, requests);
        Console.WriteLine($"GET /v1/readouts alone:                 p50 {alone.P50:0.00} ms, p99 {alone.P99:0.00} ms, {alone.Errors} errors");

        using var stop = new CancellationTokenSource();
        var clients = new List<HttpClient>();
        var streams = new List<Task<bool>>();
        var opened = 0;
        for (var i = 0; i < count; i++)
        {
            if (i % PerClient == 0)
            {
                clients.Add(Client(target, IPAddress.Parse($"127.0.{2 + (i / PerClient / 250)}.{1 + (i / PerClient % 250)}")));
            }

            streams.Add(Hold(clients[^1], () => Interlocked.Increment(ref opened), stop.Token));
        }

        var deadline = Stopwatch.StartNew();
        while (Volatile.Read(ref opened) < count && deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(100);
        }

        Console.WriteLine($"event streams open: {Volatile.Read(ref opened)} of {count} ({deadline.Elapsed.TotalSeconds:0.0} s to open)");
        var beside = await Measure(victim, requests);
        Console.WriteLine($"GET /v1/readouts beside the streams:    p50 {beside.P50:0.00} ms, p99 {beside.P99:0.00} ms, {beside.Errors} errors");
        var stillOpen = streams.Count(s => !s.IsCompleted);
        Console.WriteLine($"streams still open after the run: {stillOpen} of {count}; p99 beside / alone: {beside.P99 / alone.P99:0.00}");
        await stop.CancelAsync();
        await Task.WhenAll(streams);
        clients.ForEach(c => c.Dispose());
        return Volatile.Read(ref opened) == count && stillOpen == count && beside.Errors == 0 ? 0 : 1;
    }

    // Opens a stream from now on and reads it until stopped; true if it was still open then.
    private static async Task<bool> Hold(HttpClient client, Action opened, CancellationToken stop)
    {
        try
        {
            using var response = await client.GetAsync("/v1/changes?feed=eventsource&since=now", HttpCompletionOption.ResponseHeadersRead, stop);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Console.Error.WriteLine($"stream refused: {(int)response.StatusCode}");
                return false;
            }

            opened();
            await using var body = await response.Content.ReadAsStreamAsync(stop);
            var buffer = new byte[4096];
            while (await body.ReadAsync(buffer, stop) > 0)
            {
            }

            return false;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return true;
        }
    }

    private static async Task<(double P50, double P99, int Errors)> Measure(HttpClient client, int requests)
    {
        var times = new List<double>(requests);
        var errors = 0;
        for (var i = 0; i < requests; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync("/v1/readouts?limit=20");
            await response.Content.ReadAsByteArrayAsync();
            times.Add(watch.Elapsed.TotalMilliseconds);
            errors += response.IsSuccessStatusCode ? 0 : 1;
        }

        times.Sort();
        return (times[times.Count / 2], times[(int)(times.Count * 0.99)], errors);
    }

    private static HttpClient Client(Uri target, IPAddress source) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = int.MaxValue,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            socket.Bind(new IPEndPoint(source, 0));
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        },
    })
    { BaseAddress = target, Timeout = Timeout.InfiniteTimeSpan };
}
