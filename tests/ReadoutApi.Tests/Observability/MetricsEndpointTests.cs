using System.Net;
using System.Text.Json.Nodes;

namespace ReadoutApi.Tests.Observability;

/// <summary>
/// A real process with <c>Metrics:Port</c> set: known traffic and two reloads (one sound, one broken), then a scrape of
/// <c>/metrics</c> on its own port, read as Prometheus text. Request counts by route and status are exactly what was
/// sent; the reload, data-version, seed-problem and export-cache metrics moved as they should; the API's port does not
/// serve <c>/metrics</c>, the metrics port serves nothing else, and the OpenAPI document does not name it. Every
/// metric the Grafana dashboard and the Prometheus alerts query is one the scrape has.
/// </summary>
public sealed partial class MetricsEndpointTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private const string Duration = "http_server_request_duration_seconds_count";
    private readonly SeedCopy _seed = new();

    public void Dispose() => _seed.Dispose();

    [Fact]
    public async Task TheScrapeCountsWhatWasSentByRouteAndStatusAndTheReloadsThatHappened()
    {
        var port = AppProcess.FreePort();
        var metricsPort = AppProcess.FreePort();
        await using var app = AppProcess.Start(
            "--urls", $"http://127.0.0.1:{port}", "--Metrics:Port", metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Seed:Path", _seed.Folder, "--Seed:Watch", "true", "--Seed:DebounceMilliseconds", "50", "--Seed:PollSeconds", "1",
            "--RateLimiting:PermitLimit", "100000000", "--Serilog:MinimumLevel:Default", "Warning");
        using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = Bound };
        using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{metricsPort}"), Timeout = Bound };
        await AppProcess.WaitUntilReady(api, TimeSpan.FromSeconds(60));
        var firstVersion = (string)(await api.GetJson("/v1"))["dataVersion"]!;

        // The known traffic: 8 on the list (7 answered, 1 refused as a bad request), 5 on a record (3 found, 2 not),
        // 4 identical CSV exports (the first written, the other 3 from the export cache).
        var sent = new List<(string Url, HttpStatusCode Expected)>();
        sent.AddRange(Enumerable.Repeat(("/v1/readouts", HttpStatusCode.OK), 7));
        sent.Add(("/v1/readouts?limit=0", HttpStatusCode.BadRequest));
        sent.AddRange(Enumerable.Repeat(("/v1/readouts/2025-05-10-rubio-dar", HttpStatusCode.OK), 3));
        sent.AddRange(Enumerable.Repeat(("/v1/readouts/no-such-readout", HttpStatusCode.NotFound), 2));
        sent.AddRange(Enumerable.Repeat(("/v1/claims?format=csv", HttpStatusCode.OK), 4));
        foreach (var (url, expected) in sent)
        {
            using var response = await api.GetAsync(url);
            Assert.Equal(expected, response.StatusCode);
        }

        // Neither surface serves the other's paths.
        using (var onApi = await api.GetAsync("/metrics"))
        {
            Assert.Equal(HttpStatusCode.NotFound, onApi.StatusCode);
        }

        using (var apiOnMetricsPort = await scraper.GetAsync("/v1/readouts"))
        {
            Assert.Equal(HttpStatusCode.NotFound, apiOnMetricsPort.StatusCode);
        }

        var document = await api.GetStringAsync("/swagger/v1/swagger.json");
        Assert.DoesNotContain("/metrics", document, StringComparison.Ordinal);

        // A sound edit is loaded; then a broken file is a failed reload (Degraded, the last good data still served).
        _seed.Edit("readouts.json", text => text.Replace("Recorded as 9 May.", "Recorded as 9 May (metrics test).", StringComparison.Ordinal));
        var secondVersion = await Eventually(async () => (string)(await api.GetJson("/v1"))["dataVersion"]! is var v && v != firstVersion ? v : null);
        await File.WriteAllTextAsync(_seed.FileOf("claims.json"), "{ \"claims\": [");
        await Eventually(async () => (string)(await api.GetJson("/health/ready"))["status"]! == "Degraded" ? "" : null);

        // Request metrics are recorded as each request ends, possibly after its response: read until they are all in.
        var samples = await Eventually(async () =>
        {
            var scraped = PrometheusText.Parse(await scraper.GetStringAsync("/metrics"));
            return scraped.Value(Duration, ("http_route", "/v1/claims/")) >= 4 && scraped.Value("readoutapi_reloads_total", ("outcome", "failed")) >= 1
                ? scraped : null;
        });

        Assert.Equal(7, samples.Value(Duration, ("http_route", "/v1/readouts/"), ("http_response_status_code", "200"), ("http_request_method", "GET")));
        Assert.Equal(1, samples.Value(Duration, ("http_route", "/v1/readouts/"), ("http_response_status_code", "400"), ("http_request_method", "GET")));
        Assert.Equal(3, samples.Value(Duration, ("http_route", "/v1/readouts/{id}"), ("http_response_status_code", "200"), ("http_request_method", "GET")));
        Assert.Equal(2, samples.Value(Duration, ("http_route", "/v1/readouts/{id}"), ("http_response_status_code", "404"), ("http_request_method", "GET")));
        Assert.Equal(4, samples.Value(Duration, ("http_route", "/v1/claims/"), ("http_response_status_code", "200"), ("http_request_method", "GET")));
        // Nothing else was sent to these routes, and the scrapes themselves are not counted.
        Assert.Equal(17, samples.Where(s => s.Name == Duration && s.Labels.GetValueOrDefault("http_route") is "/v1/readouts/" or "/v1/readouts/{id}" or "/v1/claims/").Sum(s => s.Value));
        Assert.DoesNotContain(samples, s => s.Name == Duration && s.Labels.GetValueOrDefault("server_port") == metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(samples.Value("readoutapi_reloads_total", ("outcome", "loaded")) >= 1);
        Assert.True(samples.Value("readoutapi_reloads_total", ("outcome", "failed")) >= 1);
        Assert.True(samples.Value("readoutapi_reload_duration_seconds_count", ("outcome", "failed")) >= 1);
        Assert.True(samples.Value("readoutapi_reload_duration_seconds_sum", ("outcome", "loaded")) > 0);
        Assert.True(samples.Value("readoutapi_seed_problems") >= 1);
        var served = Assert.Single(samples, s => s.Name == "readoutapi_data_info");
        Assert.Equal(secondVersion, served.Labels["data_version"]);
        Assert.Equal(1, served.Value);
        Assert.Equal(9, samples.Value("readoutapi_data_records", ("collection", "claims")));
        Assert.Equal(3, samples.Value("readoutapi_export_cache_lookups_total", ("result", "hit")));
        Assert.Equal(1, samples.Value("readoutapi_export_cache_lookups_total", ("result", "miss")));
        Assert.Equal(0, samples.Value("readoutapi_rejections_total", ("limiter", "rate_limit"), ("budget", "api")));
        Assert.Equal(0, samples.Value("readoutapi_changes_streams"));
        Assert.Equal(0, samples.Value("readoutapi_log_dropped_total"));
        Assert.Contains(samples, s => s.Name == "kestrel_active_connections");
        // ASP.NET Core's rate limiter: every request it let through, without the per-request lease instruments.
        Assert.True(samples.Value("aspnetcore_rate_limiting_requests_total", ("aspnetcore_rate_limiting_result", "acquired")) >= 17);
        Assert.DoesNotContain(samples, s => s.Name.StartsWith("aspnetcore_rate_limiting_request_lease", StringComparison.Ordinal) ||
                                            s.Name.StartsWith("aspnetcore_rate_limiting_active_request_leases", StringComparison.Ordinal));

        // Prometheus asks for OpenMetrics first: the port answers in it, with the terminator the format requires.
        using var openMetricsRequest = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        openMetricsRequest.Headers.TryAddWithoutValidation("Accept", "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5");
        using var openMetrics = await scraper.SendAsync(openMetricsRequest);
        Assert.Equal("application/openmetrics-text", openMetrics.Content.Headers.ContentType!.MediaType);
        var openMetricsText = await openMetrics.Content.ReadAsStringAsync();
        Assert.EndsWith("# EOF\n", openMetricsText, StringComparison.Ordinal);
        Assert.Contains("readoutapi_reloads_total{", openMetricsText, StringComparison.Ordinal);

        // The dashboard and the alert rules query only what the app exports (here, once it has served and reloaded).
        var exported = samples.Select(s => s.Name).ToHashSet();
        var labels = samples.SelectMany(s => s.Labels.Keys).ToHashSet();
        foreach (var file in new[] { "deploy/grafana/readoutapi.json", "deploy/prometheus/alerts.yml" })
        {
            var queried = MetricName().Matches(File.ReadAllText(Path.Combine(TestPaths.RepoSeed, "..", file)))
                .Select(m => m.Value).Where(name => !labels.Contains(name)).ToHashSet();
            Assert.NotEmpty(queried);
            Assert.Empty(queried.Except(exported));
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(readoutapi|http_server|kestrel|aspnetcore|dotnet)_[a-z_]+\b")]
    private static partial System.Text.RegularExpressions.Regex MetricName();

    private static async Task<T> Eventually<T>(Func<Task<T?>> probe)
        where T : class
    {
        var deadline = DateTime.UtcNow + Bound;
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the condition never held");
            }

            await Task.Delay(100);
        }
    }
}
