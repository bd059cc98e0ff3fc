using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ReadoutApi.Benchmarks;

/// <summary>
/// Fairness under hostile load, against a running service (loopback only, bounded in time):
/// <list type="number">
/// <item>victims (several client addresses, each well within its own quota) send cheap requests at a steady rate,
/// alone, and the latency of each is measured from when it was due (so a stalled server is not hidden);</item>
/// <item>the same again while an attacker, from its own address, spends 90% of its quota on the most expensive requests
/// there are: exports of every collection in every export format and coding, with orders that defeat any cache, and
/// the worst searches;</item>
/// <item>resident memory of the service is sampled throughout.</item>
/// </list>
/// Prints the victims' p50/p99 alone and attacked, the attacker's answers, and memory against the figure at the start.
/// </summary>
public static class Fairness
{
    /// <summary>
    /// <c>fairness &lt;base url&gt; &lt;service pid&gt; &lt;seconds per phase&gt; &lt;permit limit&gt; &lt;window s&gt;
    /// &lt;export cost&gt; &lt;search cost&gt;</c>.
    /// </summary>
    public static async Task<int> Run(string[] args)
    {
        var target = new Uri(args[0]);
        if (!IPAddress.IsLoopback(IPAddress.Parse(target.Host)))
        {
            Console.Error.WriteLine("fairness sends load to loopback addresses only");
            return 2;
        }

        var pid = int.Parse(args[1], CultureInfo.InvariantCulture);
        var seconds = double.Parse(args[2], CultureInfo.InvariantCulture);
        var quota = double.Parse(args[3], CultureInfo.InvariantCulture) / double.Parse(args[4], CultureInfo.InvariantCulture);
        var exportCost = int.Parse(args[5], CultureInfo.InvariantCulture);
        var searchCost = int.Parse(args[6], CultureInfo.InvariantCulture);

        // Ten victims at half their quota each (a page costs one).
        var victims = Enumerable.Range(0, 10).Select(i => Client(target, $"127.0.1.{i + 1}")).ToArray();
        var victimRate = quota / 2;
        var pages = await VictimPaths(victims[0]);
        var attacker = Client(target, "127.0.2.1");
        var attacks = AttackPaths();

        var readyRss = Rss(pid);
        using var memory = new MemorySampler(pid);
        Console.WriteLine($"victims: {victims.Length} clients x {victimRate:0.#} req/s, cheap pages; attacker: 90% of a quota of {quota:0.#}/s, an export costs {exportCost}, a search {searchCost}");

        await RunVictims(victims, pages, victimRate, TimeSpan.FromSeconds(5)); // warm-up (connections, JIT), not measured
        var alone = await RunVictims(victims, pages, victimRate, TimeSpan.FromSeconds(seconds));
        var aloneMaxRss = memory.TakeMax();

        using var stopAttack = new CancellationTokenSource();
        var attack = Attack(attacker, attacks, quota * 0.9, exportCost, searchCost, stopAttack.Token);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var attacked = await RunVictims(victims, pages, victimRate, TimeSpan.FromSeconds(seconds));
        await stopAttack.CancelAsync();
        var attackStats = await attack;
        var attackedMaxRss = memory.TakeMax();

        Console.WriteLine($"| {"victims",-28} | {"requests",8} | {"non-2xx, errors",15} | {"p50 ms",7} | {"p99 ms",7} | {"max ms",7} |");
        Console.WriteLine($"|{new string('-', 30)}|{new string('-', 10)}|{new string('-', 17)}|{new string('-', 9)}|{new string('-', 9)}|{new string('-', 9)}|");
        foreach (var (label, s) in new[] { ("alone", alone), ("with the attacker", attacked) })
        {
            Console.WriteLine($"| {label,-28} | {s.Count,8} | {s.Failures,15} | {s.P(0.50),7:0.00} | {s.P(0.99),7:0.00} | {s.P(1),7:0.00} |");
        }

        Console.WriteLine();
        Console.WriteLine($"attacker: {attackStats.Sent} requests, quota spent {attackStats.Spent} ({attackStats.Spent / (quota * attackStats.Seconds):P0} of its quota over {attackStats.Seconds:0} s), " +
                          $"{attackStats.Bytes / 1e6:0} MB received; answers: {string.Join(", ", attackStats.ByStatus.OrderBy(p => p.Key).Select(p => $"{p.Key} x{p.Value}"))}");
        Console.WriteLine($"victims' p99 with the attacker / alone: {attacked.P(0.99) / alone.P(0.99):0.00} (target at most 2)");
        Console.WriteLine($"resident memory: {readyRss} MiB at the start; at most {aloneMaxRss} MiB alone, {attackedMaxRss} MiB with the attacker: " +
                          $"{(double)attackedMaxRss / readyRss:0.00}x the start (target at most 1.25)");
        return 0;
    }

    private static HttpClient Client(Uri target, string from)
    {
        var source = IPAddress.Parse(from);
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 64,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        return new HttpClient(handler) { BaseAddress = target, Timeout = TimeSpan.FromSeconds(120) };
    }

    private static async Task<string[]> VictimPaths(HttpClient client)
    {
        var first = await client.GetStringAsync("/v1/readouts?limit=1");
        var id = System.Text.Json.JsonDocument.Parse(first).RootElement.GetProperty("data")[0].GetProperty("id").GetString();
        return ["/v1/readouts?limit=20", "/v1/claims?limit=20&sort=-date", $"/v1/readouts/{id}", "/v1/countries", "/v1/claims?status=unverified&limit=10"];
    }

    // Exports of every collection, in both export formats and three codings, each order once (no two alike, so no cache
    // helps), then the worst searches: eight one-letter words over every collection.
    private static List<(string Path, string? Encoding, bool Export)> AttackPaths()
    {
        var list = new List<(string, string?, bool)>();
        string[] collections = ["readouts", "claims", "statements", "timeline"];
        string[] sorts = ["-date", "id", "-id", "date"];
        string?[] encodings = [null, "br", "gzip"];
        foreach (var sort in sorts)
        {
            foreach (var encoding in encodings)
            {
                foreach (var collection in collections)
                {
                    foreach (var format in new[] { "csv", "ndjson" })
                    {
                        list.Add(($"/v1/{collection}?format={format}&sort={sort}", encoding, true));
                        list.Add(($"/v1/{collection}?q=a%20e%20i%20o%20s%20t%20r%20n&sort={sort}", encoding, false));
                    }
                }
            }
        }

        return list;
    }

    private static async Task<Latencies> RunVictims(HttpClient[] victims, string[] paths, double ratePerVictim, TimeSpan duration)
    {
        var all = await Task.WhenAll(victims.Select((client, v) => Task.Run(async () =>
        {
            var results = new List<Task<(double Ms, bool Ok)>>();
            var clock = Stopwatch.StartNew();
            var interval = TimeSpan.FromSeconds(1 / ratePerVictim);
            var due = TimeSpan.FromMilliseconds(v * interval.TotalMilliseconds / victims.Length);
            for (var i = 0; due < duration; i++, due += interval)
            {
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                results.Add(Timed(client, paths[(i + v) % paths.Length], clock, due));
            }

            return await Task.WhenAll(results);
        })));
        return new Latencies([.. all.SelectMany(r => r)]);
    }

    // Latency from when the request was due, not from when it was sent.
    private static async Task<(double Ms, bool Ok)> Timed(HttpClient client, string path, Stopwatch clock, TimeSpan due)
    {
        try
        {
            using var response = await client.GetAsync(path);
            await response.Content.CopyToAsync(Stream.Null);
            return ((clock.Elapsed - due).TotalMilliseconds, response.IsSuccessStatusCode);
        }
        catch (HttpRequestException)
        {
            return ((clock.Elapsed - due).TotalMilliseconds, false);
        }
    }

    private static async Task<AttackStats> Attack(
        HttpClient client, List<(string Path, string? Encoding, bool Export)> paths, double unitsPerSecond, int exportCost, int searchCost,
        CancellationToken stop)
    {
        var stats = new AttackStats();
        var clock = Stopwatch.StartNew();
        var inFlight = new List<Task>();
        var spent = 0.0;
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var (path, encoding, export) = paths[i % paths.Count];
            var cost = export ? exportCost : searchCost;
            // Paced: a request goes out when the quota spent so far allows it at the attacker's rate.
            var due = TimeSpan.FromSeconds(spent / unitsPerSecond);
            if (due > clock.Elapsed)
            {
                try
                {
                    await Task.Delay(due - clock.Elapsed, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            spent += cost;
            stats.Sent++;
            inFlight.Add(Send(client, path, encoding, stats));
        }

        await Task.WhenAll(inFlight);
        stats.Spent = spent;
        stats.Seconds = clock.Elapsed.TotalSeconds;
        return stats;
    }

    private static async Task Send(HttpClient client, string path, string? encoding, AttackStats stats)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (encoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
        }

        var status = "error";
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[81920];
            long total = 0;
            for (int read; (read = await body.ReadAsync(buffer)) > 0;)
            {
                total += read;
            }

            Interlocked.Add(ref stats.Bytes, total);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
        {
        }

        lock (stats.ByStatus)
        {
            stats.ByStatus[status] = stats.ByStatus.GetValueOrDefault(status) + 1;
        }
    }

    private static long Rss(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
            }
        }

        throw new InvalidOperationException($"no VmRSS for process {pid}");
    }

    private sealed class AttackStats
    {
        public long Bytes;

        public int Sent { get; set; }

        public double Spent { get; set; }

        public double Seconds { get; set; }

        public Dictionary<string, int> ByStatus { get; } = [];
    }

    private sealed class Latencies((double Ms, bool Ok)[] samples)
    {
        private readonly double[] _sorted = [.. samples.Select(s => s.Ms).Order()];

        public int Count => _sorted.Length;

        public int Failures { get; } = samples.Count(s => !s.Ok);

        public double P(double q) => _sorted[Math.Clamp((int)Math.Ceiling(q * _sorted.Length) - 1, 0, _sorted.Length - 1)];
    }

    // The largest resident memory seen since the last TakeMax, sampled every 50 ms.
    private sealed class MemorySampler : IDisposable
    {
        private readonly Timer _timer;
        private long _max;

        public MemorySampler(int pid) => _timer = new Timer(_ => InterlockedMax(Rss(pid)), null, 0, 50);

        public long TakeMax() => Interlocked.Exchange(ref _max, 0);

        public void Dispose() => _timer.Dispose();

        private void InterlockedMax(long value)
        {
            for (var current = Interlocked.Read(ref _max); value > current; current = Interlocked.Read(ref _max))
            {
                if (Interlocked.CompareExchange(ref _max, value, current) == current)
                {
                    return;
                }
            }
        }
    }
}
