using System.Collections.Concurrent;

namespace ReadoutApi.Tests.Support;

/// <summary>
/// Requests to a running app from a few workers in a loop, until stopped (or at most <c>maxDuration</c> and
/// <c>maxRequests</c>), counting every answer that is not 2xx and every exception. Loopback only: the client's address.
/// </summary>
public sealed class LoadGenerator : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task[] _workers;
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly int _maxRequests;
    private long _requests;

    public LoadGenerator(HttpClient client, IReadOnlyList<string> paths, int workers, TimeSpan maxDuration, int maxRequests)
    {
        Assert.True(client.BaseAddress is { IsLoopback: true }, "load is sent to this machine only");
        _maxRequests = maxRequests;
        _stop = new CancellationTokenSource(maxDuration);
        _workers = [.. Enumerable.Range(0, workers).Select(w => Task.Run(() => Work(client, paths, w)))];
    }

    /// <summary>Requests answered so far.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Every answer that was not 2xx and every exception, as "path: what".</summary>
    public IReadOnlyCollection<string> Failures => _failures;

    /// <summary>Stops the workers once their requests in flight are answered.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
    }

    private async Task Work(HttpClient client, IReadOnlyList<string> paths, int worker)
    {
        for (var i = worker; !_stop.IsCancellationRequested && Interlocked.Increment(ref _requests) <= _maxRequests; i++)
        {
            var path = paths[i % paths.Count];
            try
            {
                // No cancellation token: a request started is always answered, so a stop never counts as a failure.
                using var response = await client.GetAsync(path);
                await response.Content.ReadAsByteArrayAsync();
                if (!response.IsSuccessStatusCode)
                {
                    _failures.Enqueue($"{path}: {(int)response.StatusCode}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                _failures.Enqueue($"{path}: {e.GetType().Name}: {e.Message}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }
}
