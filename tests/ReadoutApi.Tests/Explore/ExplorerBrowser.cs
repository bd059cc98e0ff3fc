using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace ReadoutApi.Tests.Explore;

/// <summary>
/// The app in its own process on a real port and Debian's Chromium driven by Playwright (no browser is downloaded), as in
/// SwaggerBrowserTests, started once for a test class. Skipped where /usr/bin/chromium is missing, unless CI=true. Each
/// page routes every request: one to another origin is aborted and recorded, so a test can assert there was none.
/// </summary>
public sealed class ExplorerBrowser : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly string Root = Path.GetDirectoryName(TestPaths.RepoSeed)!;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AppProcess? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string Origin { get; private set; } = "";

    public HttpClient Api { get; private set; } = new();

    /// <summary>axe-core's script (npm axe-core in .ci/tools, installed by .ci/run).</summary>
    public static string AxeScript()
    {
        var path = Path.Combine(Root, ".ci", "tools", "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(path))
        {
            Assert.False(InCi, $"CI=true but {path} is missing: .ci/run installs it (cd .ci/tools && npm ci).");
            Skip.If(true, $"{path} is missing (cd .ci/tools && npm ci); the accessibility check needs it.");
        }

        return File.ReadAllText(path);
    }

    private static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>A new browser context at the viewport's size, on <paramref name="path"/>, once the page has loaded its data.</summary>
    public async Task<ExplorerPage> OpenAsync(string path = "/explore", int width = 1280, int height = 800, string? initScript = null)
    {
        await StartAsync();
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        var explorer = new ExplorerPage(page, Origin);
        await page.RouteAsync("**/*", explorer.RouteAsync);
        if (initScript is not null)
        {
            await page.AddInitScriptAsync(initScript);
        }

        explorer.Document = await page.GotoAsync(Origin + path);
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Loaded in");
        return explorer;
    }

    /// <summary>A page at <paramref name="url"/>, its requests not routed (to act as a client on another origin).</summary>
    public async Task<IPage> OpenPlainAsync(string url)
    {
        await StartAsync();
        var page = await (await _browser!.NewContextAsync()).NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(url);
        return page;
    }

    /// <summary>Every record of a list, as the API gives it (links.next followed).</summary>
    public async Task<List<JsonObject>> AllAsync(string path)
    {
        var records = new List<JsonObject>();
        for (string? next = path; next is not null;)
        {
            var page = JsonNode.Parse(await Api.GetStringAsync(new Uri(next, UriKind.Relative)))!;
            records.AddRange(page["data"]!.AsArray().Select(r => r!.AsObject()));
            next = (string?)page["links"]!["next"];
        }

        return records;
    }

    private async Task StartAsync()
    {
        if (!File.Exists(Chromium))
        {
            Assert.False(InCi, $"CI=true but {Chromium} is missing: .ci/run installs the Debian package 'chromium'.");
            Skip.If(true, $"{Chromium} is not installed (apt-get install chromium); the browser test needs it.");
        }

        await _gate.WaitAsync();
        try
        {
            if (_browser is not null)
            {
                return;
            }

            var port = 20000 + Random.Shared.Next(20000);
            Origin = $"http://127.0.0.1:{port}";
            _app = AppProcess.Start("--urls", Origin, "--Seed:Path", TestPaths.RepoSeed, "--Seed:Watch", "false");
            Api = new HttpClient { BaseAddress = new Uri(Origin) };
            await AppProcess.WaitUntilReady(Api, TimeSpan.FromSeconds(60));
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Api.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _gate.Dispose();
    }
}

/// <summary>An explorer page with what it asked for: its own requests, those to other origins, and its console errors.</summary>
public sealed class ExplorerPage(IPage page, string origin)
{
    public IPage Page { get; } = page;

    public IResponse? Document { get; set; }

    /// <summary>Requests to this app, in order.</summary>
    public ConcurrentQueue<IRequest> Requests { get; } = new();

    /// <summary>Requests to any other origin: aborted.</summary>
    public ConcurrentQueue<string> Foreign { get; } = new();

    /// <summary>Console errors (a refused request, a CSP violation) and uncaught exceptions.</summary>
    public ConcurrentQueue<string> Errors { get; } = Watch(page);

    public IEnumerable<string> ApiRequests => Requests.Select(r => r.Url[origin.Length..]).Where(u => u.StartsWith("/v1", StringComparison.Ordinal));

    public async Task RouteAsync(IRoute route)
    {
        var url = route.Request.Url;
        if (url.StartsWith(origin + "/", StringComparison.Ordinal))
        {
            Requests.Enqueue(route.Request);
            await route.ContinueAsync();
        }
        else
        {
            Foreign.Enqueue(url);
            await route.AbortAsync();
        }
    }

    /// <summary>The keys (collection/id) of the timeline's entries, in order.</summary>
    public Task<string[]> EntryKeysAsync() =>
        Page.Locator("#timeline button.entry").EvaluateAllAsync<string[]>("bs => bs.map(b => b.dataset.key)");

    /// <summary>The keys of the board's rows.</summary>
    public Task<string[]> BoardKeysAsync() =>
        Page.Locator("#board tr[data-key]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.key)");

    /// <summary>Runs axe-core (injected by the init script) on the page; the serious and critical violations, described.</summary>
    public async Task<string[]> SeriousViolationsAsync() =>
        await Page.EvaluateAsync<string[]>("""
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 5).map(n => n.target.join(' ')).join(' | ')}`);
            }
            """);

    private static ConcurrentQueue<string> Watch(IPage page)
    {
        var errors = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Enqueue(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Enqueue(error);
        return errors;
    }
}
