using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using ReadoutApi.Seed;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ReadoutApi.Tests.Seed;

/// <summary>
/// Every kind of seed fault (<see cref="SeedFaultKinds"/>) on reload, in one real process that watches its folder while a
/// load generator runs throughout: each fault makes <c>/health/ready</c> Degraded with a problem naming the file while
/// the last good data stays served, and undoing it makes it Healthy again. No request fails, the process never stops,
/// and a valid edit still loads after them all (no reload hung or kept its lock).
/// </summary>
public sealed class ProcessFaultReloadTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private const string Marker = "Recorded as 9 May (fault matrix marker).";

    private readonly SeedCopy _seed = new();

    public void Dispose() => _seed.Dispose();

    [Fact]
    public async Task UnderLoadEachFaultIsDegradedWhileTheLastGoodDataIsServedThenHealthyOnceUndone()
    {
        // A marker edited in before the start: what is served during a fault must still be this data.
        _seed.Edit("readouts.json", text => text.Replace("Recorded as 9 May.", Marker, StringComparison.Ordinal));
        var good = SeedLoader.FileNames.ToDictionary(name => name, name => File.ReadAllBytes(_seed.FileOf(name)));
        var faults = SeedFaultKinds.All.Where(f => !f.NeedsPermissionChecks || PermissionChecks.Unavailable is null).ToList();
        foreach (var skipped in SeedFaultKinds.All.Except(faults))
        {
            output.WriteLine($"not tried: {skipped.Name}: {PermissionChecks.Unavailable}");
        }

        // A short look interval: a folder's own mode change comes with no notification, only the look sees it.
        var port = AppProcess.FreePort();
        await using var app = AppProcess.StartWith(
            PermissionChecks.Launcher, null, null,
            "--urls", $"http://127.0.0.1:{port}", "--Seed:Path", _seed.Folder, "--Seed:Watch", "true", "--Seed:DebounceMilliseconds", "50", "--Seed:PollSeconds", "2",
            "--Seed:MaxFileBytes", SeedFaultKinds.MaxFileBytes.ToString(CultureInfo.InvariantCulture), "--Health:ShowDetails", "true",
            "--RateLimiting:PermitLimit", "100000000", "--Serilog:MinimumLevel:Default", "Warning");
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = Bound };
        await AppProcess.WaitUntilReady(client, TimeSpan.FromSeconds(60));
        var version = (string)(await client.GetJson("/v1"))["dataVersion"]!;

        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        await using (var load = new LoadGenerator(
            client, ["/v1/claims", "/v1/readouts?limit=2", "/v1/timeline", "/v1/people/ishaq-dar"], workers: 3, maxDuration: TimeSpan.FromMinutes(5), maxRequests: 5_000_000))
        {
            foreach (var fault in faults)
            {
                var requests = load.Requests;
                try
                {
                    fault.Plant(_seed.Folder);
                    var (status, health) = await WaitForHealth(
                        client, h => Status(h) == "Degraded" && Problems(h).Any(p => p.Contains(fault.File, StringComparison.Ordinal) && p.Contains(fault.Expected, StringComparison.Ordinal)));
                    Assert.Equal(200, status); // Degraded is still ready: the last good data is served
                    Assert.Equal(version, (string)health["checks"]!["snapshot"]!["data"]!["dataVersion"]!);
                    await AssertServed(client, version, Marker);

                    SeedFaultKinds.Restore(_seed.Folder, fault.File, good[fault.File]);
                    await WaitForHealth(client, h => Status(h) == "Healthy");
                    await AssertServed(client, version, Marker);
                    Assert.True(load.Requests > requests, "no request was made while the fault was in place");
                    Assert.False(app.HasExited, "the process ended");
                }
                catch (Exception e) when (e is XunitException or TimeoutException)
                {
                    failures.Add($"{fault.Name}: {e.Message}");
                    if (!await Recovers(client, fault, good[fault.File]))
                    {
                        failures.Add($"after '{fault.Name}' the service was never Healthy again (a reload hung?): the faults after it were not tried");
                        break;
                    }
                }
            }

            // After them all, a valid edit is still loaded: no reload hung or kept the lock.
            _seed.Edit("readouts.json", text => text.Replace(Marker, "Recorded as 9 May (after the faults).", StringComparison.Ordinal));
            try
            {
                await WaitForHealth(client, h => Status(h) == "Healthy" && (string)h["checks"]!["snapshot"]!["data"]!["dataVersion"]! != version);
                Assert.Contains("(after the faults)", (await client.GetJson("/v1/readouts")).ToJsonString(), StringComparison.Ordinal);
            }
            catch (Exception e) when (e is XunitException or TimeoutException)
            {
                failures.Add($"a valid edit after the faults: {e.Message}");
            }

            await load.StopAsync();
            output.WriteLine($"{faults.Count} faults in {clock.Elapsed.TotalSeconds:0.0} s under {load.Requests:N0} requests");
            Assert.True(failures.Count == 0, $"{failures.Count} failure(s) among {faults.Count} faults:\n{string.Join("\n", failures)}");
            Assert.True(load.Failures.Count == 0, $"{load.Failures.Count} of {load.Requests} requests failed, e.g.:\n{string.Join("\n", load.Failures.Take(10))}");
        }

        Assert.False(app.HasExited, "the process ended");
        app.Terminate();
        var (exitCode, stdout, stderr) = await app.WaitForExit(Bound);
        Assert.Equal(0, exitCode);
        Assert.DoesNotContain("Unhandled exception", stdout + stderr, StringComparison.Ordinal);
        // Warnings only (the failed reloads); an error or a fatal event would say something was not handled as a seed problem.
        Assert.DoesNotContain(stdout.Split('\n'), line => line.Contains("\"@l\":\"Error\"", StringComparison.Ordinal) || line.Contains("\"@l\":\"Fatal\"", StringComparison.Ordinal));
    }

    // Undoes a fault whose check failed; whether the service is Healthy again.
    private async Task<bool> Recovers(HttpClient client, SeedFault fault, byte[] good)
    {
        SeedFaultKinds.Restore(_seed.Folder, fault.File, good);
        try
        {
            await WaitForHealth(client, h => Status(h) == "Healthy");
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static string Status(JsonNode health) => (string)health["status"]!;

    private static IEnumerable<string> Problems(JsonNode health) =>
        health["checks"]!["snapshot"]!["data"]!["lastReloadError"]?["problems"]?.AsArray().Select(p => (string)p!) ?? [];

    // Polls /health/ready until the condition holds; the last answer is in the failure.
    private static async Task<(int Status, JsonNode Health)> WaitForHealth(HttpClient client, Func<JsonNode, bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var response = await client.GetAsync("/health/ready");
            var health = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            if (condition(health))
            {
                return ((int)response.StatusCode, health);
            }

            if (clock.Elapsed > Bound)
            {
                throw new TimeoutException($"not within {Bound.TotalSeconds} s; /health/ready answers {(int)response.StatusCode} {health.ToJsonString()}");
            }

            await Task.Delay(25);
        }
    }

    // The last good data: its version, every claim, and the marker edited in before the start.
    private static async Task AssertServed(HttpClient client, string version, string marker)
    {
        Assert.Equal(version, (string)(await client.GetJson("/v1"))["dataVersion"]!);
        Assert.Equal(9, (int)(await client.GetJson("/v1/claims"))["meta"]!["total"]!);
        Assert.Contains(marker, (await client.GetJson("/v1/readouts")).ToJsonString(), StringComparison.Ordinal);
    }
}
