using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace ReadoutApi.Tests.OpenApi;

/// <summary>
/// Swagger UI in a real browser (Debian's Chromium driven by Playwright; no browser is downloaded): every operation
/// is listed with the tags in reading order, and "Try it out" then "Execute" on GET /v1/readouts, with no field
/// touched, sends no parameter and shows every readout.
/// </summary>
public class SwaggerBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [SkippableFact]
    public async Task TryItOutOnReadoutsShowsA200WithJaishankar()
    {
        await using var swagger = await SwaggerPage.OpenAsync();
        var page = swagger.Page;
        var operations = page.Locator(".opblock");
        await operations.First.WaitForAsync();
        Assert.Equal(21, await operations.CountAsync());
        string[] tags = ["Index", "Readouts", "Claims", "Statements", "Timeline", "People", "Organizations", "Countries", "Places", "Sources", "Changes", "Health"];
        Assert.Equal(tags, await page.Locator(".opblock-tag-section .opblock-tag").EvaluateAllAsync<string[]>("tags => tags.map(t => t.getAttribute('data-tag'))"));

        var readouts = page.Locator("#operations-Readouts-listReadouts");
        await readouts.Locator(".opblock-summary").ClickAsync();
        await readouts.Locator("button.try-out__btn").ClickAsync();
        await readouts.Locator("button.execute").ClickAsync();

        var response = readouts.Locator(".live-responses-table .response");
        await response.Locator(".response-col_status").Filter(new() { HasText = "200" }).WaitForAsync();
        Assert.Contains("Jaishankar", await response.Locator(".response-col_description").InnerTextAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ExecuteWithoutTouchingAFieldListsEveryReadout()
    {
        // Deep linking: the operation's own URL opens the page with it expanded.
        await using var swagger = await SwaggerPage.OpenAsync("/swagger/index.html#/Readouts/listReadouts");
        var readouts = swagger.Page.Locator("#operations-Readouts-listReadouts");
        await readouts.Locator("button.try-out__btn").ClickAsync();

        // Nothing is filled in: every text box is empty, every select and multi-select has nothing chosen.
        // limit, cursor, q, from and to are text boxes; arrays of free values start with no item.
        var inputs = readouts.Locator(".parameters input:not([type=checkbox]), .parameters textarea");
        Assert.Equal(5, await inputs.CountAsync());
        Assert.All(await inputs.EvaluateAllAsync<string[]>("xs => xs.map(x => x.value)"), value => Assert.Equal("", value));
        Assert.All(await readouts.Locator(".parameters select").EvaluateAllAsync<int[]>(
            "ss => ss.map(s => Array.from(s.selectedOptions).filter(o => o.value !== '' && o.value !== '--').length)"), chosen => Assert.Equal(0, chosen));

        await readouts.Locator("button.execute").ClickAsync();
        var response = readouts.Locator(".live-responses-table .response");
        await response.Locator(".response-col_status").Filter(new() { HasText = "200" }).WaitForAsync();
        var url = await readouts.Locator(".request-url pre").InnerTextAsync();
        Assert.EndsWith("/v1/readouts", url.Trim(), StringComparison.Ordinal);

        var body = JsonNode.Parse(await response.Locator(".response-col_description .microlight").First.InnerTextAsync())!;
        Assert.Equal(3, body["meta"]!["total"]!.GetValue<int>());
        Assert.Equal(3, body["data"]!.AsArray().Count);
        Assert.Equal(
            ["2025-05-09-rubio-munir", "2025-05-10-rubio-dar", "2025-05-10-rubio-jaishankar"],
            body["data"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    /// <summary>The app in its own process and a headless Chromium on its Swagger page.</summary>
    private sealed class SwaggerPage : IAsyncDisposable
    {
        private AppProcess? _app;
        private IPlaywright? _playwright;
        private IBrowser? _browser;

        public required IPage Page { get; init; }

        public static async Task<SwaggerPage> OpenAsync(string path = "/swagger")
        {
            var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
            if (!File.Exists(Chromium))
            {
                Assert.False(inCi, $"CI=true but {Chromium} is missing: .ci/run installs the Debian package 'chromium'.");
                Skip.If(true, $"{Chromium} is not installed (apt-get install chromium); the browser test needs it.");
            }

            var port = 20000 + Random.Shared.Next(20000);
            var origin = $"http://127.0.0.1:{port}";
            var app = AppProcess.Start("--urls", origin, "--Seed:Path", TestPaths.RepoSeed, "--Seed:Watch", "false");
            using (var client = new HttpClient { BaseAddress = new Uri(origin) })
            {
                await AppProcess.WaitUntilReady(client, TimeSpan.FromSeconds(60));
            }

            var playwright = await Playwright.CreateAsync();
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            var page = await browser.NewPageAsync();
            page.SetDefaultTimeout(30_000);
            await page.GotoAsync(origin + path);
            return new SwaggerPage { Page = page, _app = app, _playwright = playwright, _browser = browser };
        }

        public async ValueTask DisposeAsync()
        {
            if (_browser is not null)
            {
                await _browser.DisposeAsync();
            }

            _playwright?.Dispose();
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }
        }
    }
}
