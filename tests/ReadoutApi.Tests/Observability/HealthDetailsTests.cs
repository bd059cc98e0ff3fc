using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;

namespace ReadoutApi.Tests.Observability;

/// <summary>
/// Readiness tells anyone the status, the data version and the counts; the seed path and the text of seed problems
/// only when Health:ShowDetails is on (a seed file may be a link to anywhere on the host).
/// </summary>
public sealed class HealthDetailsTests : IDisposable
{
    private readonly SeedCopy _seed = new();

    public void Dispose() => _seed.Dispose();

    [Theory]
    [InlineData(null, false)]
    [InlineData("false", false)]
    [InlineData("true", true)]
    public async Task ReadinessShowsPathsAndProblemTextsOnlyWhenAskedTo(string? showDetails, bool shown)
    {
        var settings = new Dictionary<string, string?> { ["Seed:Path"] = _seed.Folder, ["Seed:Watch"] = "true", ["Seed:DebounceMilliseconds"] = "50" };
        if (showDetails is not null)
        {
            settings["Health:ShowDetails"] = showDetails;
        }

        using var factory = new ApiFactory(settings);
        using var client = factory.CreateClient();
        var healthy = await Ready(client, "Healthy");
        Assert.NotNull(Data(healthy)["dataVersion"]);
        Assert.NotNull(Data(healthy)["counts"]);
        Assert.Equal(shown, Data(healthy)["seedPath"] is not null);

        _seed.Edit("readouts.json", text => text.Replace("\"personId\": \"ishaq-dar\"", "\"personId\": \"ishaq-darr\"", StringComparison.Ordinal));
        var degraded = await Ready(client, "Degraded");
        var error = Data(degraded)["lastReloadError"]!;
        Assert.Equal(1, (int)error["problemCount"]!);
        Assert.Equal(shown, error["problems"] is not null);
        Assert.Equal(shown, degraded.ToJsonString().Contains("ishaq-darr", StringComparison.Ordinal));
        Assert.Equal(shown, degraded.ToJsonString().Contains(_seed.Folder, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ShowingDetailsIsTheDefaultInDevelopmentOnly()
    {
        // The test host runs as "Testing", where the theory above sees no details by default; Development shows them.
        using var factory = new DevelopmentFactory();
        using var client = factory.CreateClient();
        var health = await client.GetJson("/health/ready");
        Assert.NotNull(Data(health)["seedPath"]);
    }

    private static JsonNode Data(JsonNode health) => health["checks"]!["snapshot"]!["data"]!;

    private static async Task<JsonNode> Ready(HttpClient client, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            using var response = await client.GetAsync("/health/ready");
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            if ((string)body["status"]! == status)
            {
                return body;
            }

            Assert.True(DateTime.UtcNow < deadline, $"health never said {status}: {body.ToJsonString()}");
            await Task.Delay(50);
        }
    }

    private sealed class DevelopmentFactory : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Development");
        }
    }
}
