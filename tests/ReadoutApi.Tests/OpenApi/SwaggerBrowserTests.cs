using Microsoft.Playwright;

namespace ReadoutApi.Tests.OpenApi;

/// <summary>
/// Swagger UI in a real browser (Debian's Chromium driven by Playwright; no browser is downloaded): every operation
/// is listed, and "Try it out" on GET /v1/readouts renders a 200 with the Jaishankar readout.
/// </summary>
public class SwaggerBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [SkippableFact]
    public async Task TryItOutOnReadoutsShowsA200WithJaishankar()
    {
        var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!File.Exists(Chromium))
        {
            Assert.False(inCi, $"CI=true but {Chromium} is missing: .ci/run installs the Debian package 'chromium'.");
            Skip.If(true, $"{Chromium} is not installed (apt-get install chromium); the browser test needs it.");
        }

        var port = 20000 + Random.Shared.Next(20000);
        var origin = $"http://127.0.0.1:{port}";
        await using var app = AppProcess.Start("--urls", origin, "--Seed:Path", TestPaths.RepoSeed, "--Seed:Watch", "false");
        using (var client = new HttpClient { BaseAddress = new Uri(origin) })
        {
            await AppProcess.WaitUntilReady(client, TimeSpan.FromSeconds(60));
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(30_000);

        await page.GotoAsync($"{origin}/swagger");
        var operations = page.Locator(".opblock");
        await operations.First.WaitForAsync();
        Assert.Equal(18, await operations.CountAsync());

        var readouts = page.Locator("#operations-Readouts-listReadouts");
        await readouts.Locator(".opblock-summary").ClickAsync();
        await readouts.Locator("button.try-out__btn").ClickAsync();
        await readouts.Locator("button.execute").ClickAsync();

        var response = readouts.Locator(".live-responses-table .response");
        await response.Locator(".response-col_status").Filter(new() { HasText = "200" }).WaitForAsync();
        Assert.Contains("Jaishankar", await response.Locator(".response-col_description").InnerTextAsync(), StringComparison.Ordinal);
    }
}
