namespace ReadoutApi.Client.Tests;

/// <summary>The hand-written walker alone: reading a cursor off a link, and stopping on a page that repeats one.</summary>
public class PagingTests
{
    [Theory]
    [InlineData("/v1/claims?limit=2&cursor=abc_-123", "abc_-123")]
    [InlineData("/v1/claims?cursor=a%2Bb%3D&limit=2", "a+b=")]
    [InlineData("http://localhost:5080/v1/people?cursor=xyz#top", "xyz")]
    [InlineData("/v1/claims?precursor=1&cursor=right", "right")]
    [InlineData("/v1/claims?limit=2", null)]
    [InlineData("/v1/claims", null)]
    public void CursorOfReadsTheCursorParameter(string link, string? cursor) =>
        Assert.Equal(cursor, Paging.CursorOf(link));

    [Fact]
    public async Task WalkAsyncFollowsCursorsUntilNextIsNull()
    {
        var pages = new Dictionary<string, Page>
        {
            [""] = new([1, 2], "/v1/x?cursor=b"),
            ["b"] = new([3, 4], "/v1/x?cursor=c"),
            ["c"] = new([5], null),
        };
        var asked = new List<string?>();

        var items = await Paging.WalkAsync(
            (cursor, _) => { asked.Add(cursor); return Task.FromResult<Page?>(pages[cursor ?? ""]); },
            page => page.Items,
            page => page.Next).ToListAsync();

        Assert.Equal([1, 2, 3, 4, 5], items);
        Assert.Equal([null, "b", "c"], asked);
    }

    [Fact]
    public async Task WalkAsyncStopsOnANextLinkThatRepeatsItsCursor()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Paging.WalkAsync(
            (cursor, _) => Task.FromResult<string[]?>([cursor ?? "first"]),
            page => page,
            _ => "/v1/x?cursor=same").ToListAsync().AsTask());

        Assert.Contains("repeats", error.Message, StringComparison.Ordinal);
    }

    private sealed record Page(int[] Items, string? Next);
}
