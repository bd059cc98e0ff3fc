using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ReadoutApi.Tests.Explore;

/// <summary>
/// The explorer (/explore) in Chromium, against the app over the repository's seed: every timeline entry, a marker for
/// every place with coordinates and the others listed with their aliases, the claims board filtered through the API,
/// permalinks, keyboard use, cursors and ETags from the page, axe-core, and no request outside the app.
/// </summary>
public class ExploreBrowserTests(ExplorerBrowser browser) : IClassFixture<ExplorerBrowser>
{
    private const string Rafiqui = "claims/2025-05-10-cruise-missiles-intercepted-at-rafiqui";
    private const string Shorkot = "claims/2025-05-10-india-hit-three-air-bases-all-intercepted";

    [SkippableFact]
    public async Task TheTimelineShowsEveryTimelineEntry()
    {
        var explorer = await browser.OpenAsync();
        var timeline = await browser.AllAsync("/v1/timeline?limit=100");
        var expected = timeline.Select(e => $"{(string)e["type"]!}s/{(string)e["id"]!}").Order(StringComparer.Ordinal);

        Assert.Equal(15, timeline.Count);
        Assert.Equal(expected, (await explorer.EntryKeysAsync()).Order(StringComparer.Ordinal));
        // Each entry shows its summary and its country's code; every row of the axis is a type.
        foreach (var entry in timeline)
        {
            var button = explorer.Page.Locator($"#timeline button.entry[data-key='{(string)entry["type"]!}s/{(string)entry["id"]!}']");
            await Expect(button).ToContainTextAsync((string)entry["summary"]!);
        }

        Assert.Equal(["Readouts (3)", "Claims (9)", "Statements (3)"], await explorer.Page.Locator("#timeline tbody th").AllInnerTextsAsync());
        Assert.Equal(["Fri 9 May 2025", "Sat 10 May 2025"], await explorer.Page.Locator("#timeline thead th").AllInnerTextsAsync());
        Assert.Empty(explorer.Errors);
    }

    [SkippableFact]
    public async Task SelectingAnEntryShowsItsQuotesPeoplePlacesAndSources()
    {
        var explorer = await browser.OpenAsync();
        var page = explorer.Page;
        await page.Locator($"#timeline button.entry[data-key='{Shorkot}']").ClickAsync();
        var details = page.Locator("#details");
        await Expect(details.Locator("h3")).ToHaveTextAsync("India hit Nur Khan Air Base, Shorkot Air Base and Murid Air Base from its jets, and all were intercepted.");
        await Expect(details).ToContainTextAsync("Ahmed Sharif Chaudhry");
        await Expect(details).ToContainTextAsync("Inter-Services Public Relations");
        await Expect(details).ToContainTextAsync("Shorkot Air Base (PAF Base Rafiqui)");
        await Expect(details).ToContainTextAsync("unverified");
        await Expect(details.GetByRole(AriaRole.Link, new() { Name = "JSON record" })).ToHaveAttributeAsync("href", "/v1/claims/2025-05-10-india-hit-three-air-bases-all-intercepted");

        await page.Locator("#timeline button.entry[data-key='readouts/2025-05-10-rubio-dar']").ClickAsync();
        await Expect(details).ToContainTextAsync("Ishaq Dar, Deputy Prime Minister and Minister of Foreign Affairs (Pakistan)");
        await Expect(details.Locator("blockquote").First).ToContainTextAsync("emphasized that both sides need to identify methods to de-escalate");
        await Expect(details.Locator("ul.sources li")).ToHaveCountAsync(3);
        Assert.Empty(explorer.Errors);
    }

    [SkippableFact]
    public async Task TheMapShowsAMarkerForEveryPlaceWithCoordinatesAndListsTheOthersWithTheirAliases()
    {
        var explorer = await browser.OpenAsync();
        var places = await browser.AllAsync("/v1/places?limit=100");
        var located = places.Where(p => p["coordinates"] is not null).Select(p => (string)p["id"]!).Order(StringComparer.Ordinal).ToArray();
        var unlocated = places.Where(p => p["coordinates"] is null).Select(p => (string)p["id"]!).Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(located);

        var markers = explorer.Page.Locator("#map .leaflet-marker-icon");
        await Expect(markers).ToHaveCountAsync(located.Length);
        Assert.Equal(located, (await markers.EvaluateAllAsync<string[]>("ms => ms.map(m => m.dataset.place)")).Order(StringComparer.Ordinal));
        await Expect(markers.First).ToHaveAttributeAsync("aria-label", "PAF Base Nur Khan (air base, Pakistan)");
        // The base layer is the shipped outlines: country shapes drawn, no tile requested.
        Assert.True(await explorer.Page.Locator("#map path.land").CountAsync() > 100);

        var list = explorer.Page.Locator("#unlocated > li");
        Assert.Equal(unlocated, (await list.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.place)")).Order(StringComparer.Ordinal));
        var rafiqui = list.Filter(new() { Has = explorer.Page.GetByRole(AriaRole.Button, new() { Name = "PAF Base Rafiqui", Exact = true }) });
        Assert.Equal(["Shorkot Air Base", "Rafiqui Air Force Base in Shorkot", "PAF Base Shorkot"], await rafiqui.Locator("ul.aliases li").AllInnerTextsAsync());

        await markers.First.ClickAsync();
        await Expect(explorer.Page.Locator("#details h3")).ToHaveTextAsync("PAF Base Nur Khan");
        await Expect(explorer.Page.Locator("#details")).ToContainTextAsync("33.616389, 73.099167");
        Assert.Empty(explorer.Errors);
    }

    [SkippableFact]
    public async Task FilteringTheBoardByRafiquiAirBaseShowsTheShorkotAndTheRafiquiClaims()
    {
        var explorer = await browser.OpenAsync();
        var page = explorer.Page;
        await Expect(page.Locator("#board tr[data-key]")).ToHaveCountAsync(9);

        await page.GetByLabel("Place", new() { Exact = true }).SelectOptionAsync("rafiqui-air-base");
        await Expect(page.Locator("#board tr[data-key]")).ToHaveCountAsync(2);
        Assert.Equal([Rafiqui, Shorkot], (await explorer.BoardKeysAsync()).Order(StringComparer.Ordinal));
        var places = page.Locator("#board td[data-label='Places']");
        await Expect(places.Filter(new() { HasText = "Shorkot Air Base (PAF Base Rafiqui)" })).ToHaveCountAsync(1);
        await Expect(places.Filter(new() { HasText = "Rafiqui Air Force Base in Shorkot (PAF Base Rafiqui)" })).ToHaveCountAsync(1);
        await Expect(page.Locator("#board-summary")).ToContainTextAsync("2 of 9 claims");

        // The API did the filtering, with the parameter an app would send; the page's URL says so too.
        Assert.Contains(explorer.ApiRequests, u => u.StartsWith("/v1/claims?place=rafiqui-air-base&", StringComparison.Ordinal));
        Assert.EndsWith("/explore?place=rafiqui-air-base", page.Url, StringComparison.Ordinal);

        // The other filters are the API's too; filters combine.
        await page.GetByLabel("Event kind", new() { Exact = true }).SelectOptionAsync("accusation");
        await Expect(page.Locator("#board-summary")).ToContainTextAsync("0 of 9 claims");
        await Expect(page.Locator("#board")).ToHaveTextAsync("No claim matches these filters.");
        await page.GetByLabel("Place", new() { Exact = true }).SelectOptionAsync("");
        await Expect(page.Locator("#board tr[data-key]")).ToHaveCountAsync(2);
        Assert.Contains(explorer.ApiRequests, u => u.StartsWith("/v1/claims?eventKind=accusation&", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Clear" }).ClickAsync();
        await Expect(page.Locator("#board tr[data-key]")).ToHaveCountAsync(9);
        Assert.EndsWith("/explore", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("Words", new() { Exact = true }).FillAsync("intercepted");
        await Expect(page.Locator("#board tr[data-key]")).ToHaveCountAsync(3);
        Assert.Contains(explorer.ApiRequests, u => u.StartsWith("/v1/claims?q=intercepted&", StringComparison.Ordinal));
        Assert.Empty(explorer.Errors);
    }

    [SkippableFact]
    public async Task APermalinkReproducesTheView()
    {
        var first = await browser.OpenAsync();
        var page = first.Page;
        await page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("unverified");
        await page.GetByLabel("Place", new() { Exact = true }).SelectOptionAsync("rafiqui-air-base");
        await Expect(page.Locator("#board tr[data-key]")).ToHaveCountAsync(2);
        await page.Locator($"#board tr[data-key='{Rafiqui}'] button.claim-text").ClickAsync();
        await Expect(page.Locator("#details h3")).ToContainTextAsync("cruise missiles");
        var view = await ViewAsync(first);

        var link = page.Url;
        Assert.EndsWith($"/explore?place=rafiqui-air-base&status=unverified&select={Rafiqui}", link, StringComparison.Ordinal);
        var second = await browser.OpenAsync(link[browser.Origin.Length..]);
        await Expect(second.Page.Locator("#board tr[data-key]")).ToHaveCountAsync(2);
        Assert.Equal(view, await ViewAsync(second));

        // Back restores the view before the selection.
        await page.GoBackAsync();
        await Expect(page.Locator("#details h3")).ToHaveCountAsync(0);
        Assert.Empty(first.Errors);
        Assert.Empty(second.Errors);
    }

    [SkippableFact]
    public async Task TheKeyboardMovesThroughTheTimelineAndOpensAnEntry()
    {
        var explorer = await browser.OpenAsync();
        var page = explorer.Page;
        // One tab stop in the timeline; arrows move, Enter opens.
        await Expect(page.Locator("#timeline button.entry[tabindex='0']")).ToHaveCountAsync(1);
        await page.Locator("#timeline button.entry[tabindex='0']").FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowDown");
        var focused = await page.EvaluateAsync<string>("document.activeElement.dataset.key");
        Assert.Equal("readouts/2025-05-10-rubio-jaishankar", focused);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#details h3")).ToHaveTextAsync("Secretary Rubio's call with Indian External Affairs Minister Subrahmanyam Jaishankar");
        await page.Keyboard.PressAsync("End");
        Assert.Equal("statements/2025-05-10-pakistan-x-post-prepare-for-response", await page.EvaluateAsync<string>("document.activeElement.dataset.key"));

        // A map marker is a button: Enter shows its place.
        await page.Locator("#map .leaflet-marker-icon").First.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#details h3")).ToHaveTextAsync("PAF Base Nur Khan");

        // The skip link leads to the board.
        await page.Locator("a.skip").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("board-heading", await page.EvaluateAsync<string>("document.activeElement.id"));
        Assert.Empty(explorer.Errors);
    }

    [SkippableFact]
    public async Task WithFourRecordsAPageThePageFollowsTheCursors()
    {
        var explorer = await browser.OpenAsync("/explore?limit=4");
        Assert.Equal(15, (await explorer.EntryKeysAsync()).Length);
        await Expect(explorer.Page.Locator("#board tr[data-key]")).ToHaveCountAsync(9);
        var timeline = explorer.ApiRequests.Where(u => u.StartsWith("/v1/timeline?", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, timeline.Count);
        Assert.Equal("/v1/timeline?limit=4", timeline[0]);
        Assert.All(timeline.Skip(1), u => Assert.Contains("&cursor=", u, StringComparison.Ordinal));
        Assert.Empty(explorer.Errors);
    }

    [SkippableFact]
    public async Task CheckingForNewDataRevalidatesEveryListWithItsETag()
    {
        var explorer = await browser.OpenAsync();
        var before = explorer.Requests.Count;
        await explorer.Page.GetByRole(AriaRole.Button, new() { Name = "Check for new data" }).ClickAsync();
        await Expect(explorer.Page.Locator("#status")).ToContainTextAsync("Checked: 6 of 6 requests answered 304 Not Modified.");
        var again = explorer.Requests.Skip(before).ToList();
        Assert.Equal(6, again.Count);
        foreach (var request in again)
        {
            Assert.Matches("^\"[A-Za-z0-9_-]{20}(-br|-gzip)?\"$", await request.HeaderValueAsync("if-none-match") ?? "");
        }

        Assert.Empty(explorer.Errors);
    }

    [SkippableFact]
    public async Task AxeCoreFindsNoSeriousOrCriticalViolationOnTheDesktopOrThePhone()
    {
        var axe = ExplorerBrowser.AxeScript();
        foreach (var (width, height) in new[] { (1280, 800), (390, 844) })
        {
            var explorer = await browser.OpenAsync($"/explore?select={Shorkot}", width, height, axe);
            await Expect(explorer.Page.Locator("#details h3")).ToContainTextAsync("Shorkot");
            Assert.Empty(await explorer.SeriousViolationsAsync());
            await explorer.Page.GetByLabel("Place", new() { Exact = true }).SelectOptionAsync("rafiqui-air-base");
            await Expect(explorer.Page.Locator("#board tr[data-key]")).ToHaveCountAsync(2);
            Assert.Empty(await explorer.SeriousViolationsAsync());
            Assert.Empty(explorer.Errors);
        }
    }

    [SkippableFact]
    public async Task ThePageMakesNoRequestOutsideTheAppAndItsPolicyAllowsNone()
    {
        var explorer = await browser.OpenAsync($"/explore?select={Rafiqui}");
        var page = explorer.Page;
        await page.Locator("#map .leaflet-marker-icon").First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoom in" }).ClickAsync();
        await page.GetByLabel("Event kind", new() { Exact = true }).SelectOptionAsync("interception");
        await Expect(page.Locator("#board tr[data-key]")).ToHaveCountAsync(3);
        await page.Locator("#timeline button.entry").Last.ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Empty(explorer.Foreign);
        Assert.Contains(explorer.Requests, r => r.Url.Contains("/explore/assets/countries-50m-", StringComparison.Ordinal));
        Assert.True(explorer.ApiRequests.Count() >= 7);
        var policy = await explorer.Document!.HeaderValueAsync("content-security-policy");
        Assert.Equal(ReadoutApi.Http.ExplorerFiles.ContentSecurityPolicy, policy);
        Assert.DoesNotContain("http", policy, StringComparison.Ordinal);
        // Nothing refused, nothing thrown: the page lives within its policy.
        Assert.Empty(explorer.Errors);
    }

    /// <summary>
    /// What the explorer cannot show, being on the API's own origin: a page on another origin (the app by its address)
    /// reads the API (the app by the name localhost) through CORS, its exposed ETag and Link headers, a cursor, and a 304.
    /// </summary>
    [SkippableFact]
    public async Task FromAnotherOriginABrowserReadsTheApiWithItsCursorsAndETags()
    {
        var page = await browser.OpenPlainAsync(browser.Origin + "/health/live");
        var api = browser.Origin.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        var seen = await page.EvaluateAsync<string[]>("""
            async api => {
              const first = await fetch(api + '/v1/claims?limit=4');
              const body = await first.json();
              const etag = first.headers.get('ETag');
              const next = await fetch(api + body.links.next);
              const again = await fetch(api + '/v1/claims?limit=4', { headers: { 'If-None-Match': etag } });
              return [location.origin, first.status, body.data.length, etag, first.headers.get('Link'), next.status, (await next.json()).data.length, again.status]
                .map(String);
            }
            """, api);

        Assert.Equal(browser.Origin, seen[0]);
        Assert.Equal(["200", "4"], seen[1..3]);
        Assert.Matches("^\"[A-Za-z0-9_-]{20}(-br|-gzip)?\"$", seen[3]);
        Assert.Contains("rel=\"next\"", seen[4], StringComparison.Ordinal);
        Assert.Equal(["200", "4", "304"], seen[5..]);
    }

    /// <summary>Also writes docs/explorer-desktop.png and docs/explorer-phone.png when UPDATE_SCREENSHOTS=1.</summary>
    [SkippableFact]
    public async Task OnAPhoneNothingScrollsSidewaysAndTheScreenshotsShowTheView()
    {
        var update = Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1";
        foreach (var (name, width, height) in new[] { ("desktop", 1280, 800), ("phone", 390, 844) })
        {
            var explorer = await browser.OpenAsync($"/explore?select={Rafiqui}", width, height);
            var page = explorer.Page;
            await Expect(page.Locator("#details h3")).ToContainTextAsync("cruise missiles");
            await Expect(page.Locator("#map .leaflet-marker-icon")).ToHaveCountAsync(1);
            Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= width, $"the page is wider than {width} pixels");
            var shot = await page.ScreenshotAsync();
            Assert.True(shot.Length > 20_000, $"the {name} screenshot is nearly blank");
            if (update)
            {
                await File.WriteAllBytesAsync(Path.Combine(Path.GetDirectoryName(TestPaths.RepoSeed)!, "docs", $"explorer-{name}.png"), shot);
            }

            Assert.Empty(explorer.Errors);
        }
    }

    private static async Task<string> ViewAsync(ExplorerPage explorer)
    {
        var page = explorer.Page;
        var filters = await page.Locator("#filters select, #filters input").EvaluateAllAsync<string[]>("fs => fs.map(f => `${f.name}=${f.value}`)");
        var selected = await page.Locator("#timeline button.entry.selected").EvaluateAllAsync<string[]>("bs => bs.map(b => b.dataset.key)");
        return string.Join(" | ", [
            string.Join(",", filters),
            string.Join(",", await explorer.BoardKeysAsync()),
            string.Join(",", selected),
            await page.Locator("#details h3").InnerTextAsync(),
            await page.Locator("#board-summary").InnerTextAsync(),
        ]);
    }
}
