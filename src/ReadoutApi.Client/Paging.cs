using System.Runtime.CompilerServices;
using ReadoutApi.Client.Models;
using ReadoutApi.Client.V1.Claims;
using ReadoutApi.Client.V1.Countries;
using ReadoutApi.Client.V1.Organizations;
using ReadoutApi.Client.V1.People;
using ReadoutApi.Client.V1.Places;
using ReadoutApi.Client.V1.Readouts;
using ReadoutApi.Client.V1.Sources;
using ReadoutApi.Client.V1.Statements;
using ReadoutApi.Client.V1.Timeline;

namespace ReadoutApi.Client;

/// <summary>
/// Every record of a list, page after page: <c>GetAllAsync</c> asks for the first page with the query given, then
/// for each next page with the same query and the cursor of <c>links.next</c>, until <c>links.next</c> is null.
/// The API keeps a walk on the data it began on, so every matching record comes exactly once.
/// </summary>
public static class Paging
{
    /// <summary>Every readout that matches <paramref name="query"/>, in its order.</summary>
    public static IAsyncEnumerable<Readout> GetAllAsync(this ReadoutsRequestBuilder list, Action<ReadoutsRequestBuilder.ReadoutsRequestBuilderGetQueryParameters>? query = null, CancellationToken cancellationToken = default) =>
        WalkAsync((cursor, ct) => list.GetAsync(r => { query?.Invoke(r.QueryParameters); r.QueryParameters.Cursor = cursor; }, ct), page => page.Data, page => page.Links?.Next, cancellationToken);

    /// <summary>Every claim that matches <paramref name="query"/>, in its order.</summary>
    public static IAsyncEnumerable<Claim> GetAllAsync(this ClaimsRequestBuilder list, Action<ClaimsRequestBuilder.ClaimsRequestBuilderGetQueryParameters>? query = null, CancellationToken cancellationToken = default) =>
        WalkAsync((cursor, ct) => list.GetAsync(r => { query?.Invoke(r.QueryParameters); r.QueryParameters.Cursor = cursor; }, ct), page => page.Data, page => page.Links?.Next, cancellationToken);

    /// <summary>Every statement that matches <paramref name="query"/>, in its order.</summary>
    public static IAsyncEnumerable<Statement> GetAllAsync(this StatementsRequestBuilder list, Action<StatementsRequestBuilder.StatementsRequestBuilderGetQueryParameters>? query = null, CancellationToken cancellationToken = default) =>
        WalkAsync((cursor, ct) => list.GetAsync(r => { query?.Invoke(r.QueryParameters); r.QueryParameters.Cursor = cursor; }, ct), page => page.Data, page => page.Links?.Next, cancellationToken);

    /// <summary>Every person who matches <paramref name="query"/>, in its order.</summary>
    public static IAsyncEnumerable<Person> GetAllAsync(this PeopleRequestBuilder list, Action<PeopleRequestBuilder.PeopleRequestBuilderGetQueryParameters>? query = null, CancellationToken cancellationToken = default) =>
        WalkAsync((cursor, ct) => list.GetAsync(r => { query?.Invoke(r.QueryParameters); r.QueryParameters.Cursor = cursor; }, ct), page => page.Data, page => page.Links?.Next, cancellationToken);

    /// <summary>Every organization that matches <paramref name="query"/>, in its order.</summary>
    public static IAsyncEnumerable<Organization> GetAllAsync(this OrganizationsRequestBuilder list, Action<OrganizationsRequestBuilder.OrganizationsRequestBuilderGetQueryParameters>? query = null, CancellationToken cancellationToken = default) =>
        WalkAsync((cursor, ct) => list.GetAsync(r => { query?.Invoke(r.QueryParameters); r.QueryParameters.Cursor = cursor; }, ct), page => page.Data, page => page.Links?.Next, cancellationToken);

    /// <summary>Every country that matches <paramref name="query"/>, in its order.</summary>
    public static IAsyncEnumerable<Country> GetAllAsync(this CountriesRequestBuilder list, Action<CountriesRequestBuilder.CountriesRequestBuilderGetQueryParameters>? query = null, CancellationToken cancellationToken = default) =>
        WalkAsync((cursor, ct) => list.GetAsync(r => { query?.Invoke(r.QueryParameters); r.QueryParameters.Cursor = cursor; }, ct), page => page.Data, page => page.Links?.Next, cancellationToken);

    /// <summary>Every place that matches <paramref name="query"/>, in its order.</summary>
    public static IAsyncEnumerable<Place> GetAllAsync(this PlacesRequestBuilder list, Action<PlacesRequestBuilder.PlacesRequestBuilderGetQueryParameters>? query = null, CancellationToken cancellationToken = default) =>
        WalkAsync((cursor, ct) => list.GetAsync(r => { query?.Invoke(r.QueryParameters); r.QueryParameters.Cursor = cursor; }, ct), page => page.Data, page => page.Links?.Next, cancellationToken);

    /// <summary>Every source that matches <paramref name="query"/>, in its order.</summary>
    public static IAsyncEnumerable<Source> GetAllAsync(this SourcesRequestBuilder list, Action<SourcesRequestBuilder.SourcesRequestBuilderGetQueryParameters>? query = null, CancellationToken cancellationToken = default) =>
        WalkAsync((cursor, ct) => list.GetAsync(r => { query?.Invoke(r.QueryParameters); r.QueryParameters.Cursor = cursor; }, ct), page => page.Data, page => page.Links?.Next, cancellationToken);

    /// <summary>Every timeline item that matches <paramref name="query"/>, in its order.</summary>
    public static IAsyncEnumerable<TimelineItem> GetAllAsync(this TimelineRequestBuilder list, Action<TimelineRequestBuilder.TimelineRequestBuilderGetQueryParameters>? query = null, CancellationToken cancellationToken = default) =>
        WalkAsync((cursor, ct) => list.GetAsync(r => { query?.Invoke(r.QueryParameters); r.QueryParameters.Cursor = cursor; }, ct), page => page.Data, page => page.Links?.Next, cancellationToken);

    /// <summary>
    /// Walks any list: <paramref name="getPage"/> fetches the page at a cursor (null: the first page),
    /// <paramref name="items"/> reads a page's records and <paramref name="nextLink"/> its <c>links.next</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A <c>links.next</c> without a cursor, or the same cursor twice in a row.</exception>
    public static async IAsyncEnumerable<TItem> WalkAsync<TPage, TItem>(
        Func<string?, CancellationToken, Task<TPage?>> getPage,
        Func<TPage, IEnumerable<TItem>?> items,
        Func<TPage, string?> nextLink,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TPage : class
    {
        ArgumentNullException.ThrowIfNull(getPage);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(nextLink);

        string? cursor = null;
        do
        {
            var page = await getPage(cursor, cancellationToken).ConfigureAwait(false);
            if (page is null)
            {
                yield break;
            }

            foreach (var item in items(page) ?? [])
            {
                yield return item;
            }

            var next = nextLink(page);
            var nextCursor = next is null ? null : CursorOf(next) ?? throw new InvalidOperationException($"links.next has no cursor: {next}");
            if (nextCursor is not null && nextCursor == cursor)
            {
                throw new InvalidOperationException($"links.next repeats the cursor of the page it is on: {next}");
            }

            cursor = nextCursor;
        }
        while (cursor is not null);
    }

    /// <summary>The <c>cursor</c> query parameter of a link (relative or absolute), unescaped; null if it has none.</summary>
    public static string? CursorOf(string link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var query = link.IndexOf('?', StringComparison.Ordinal);
        if (query < 0)
        {
            return null;
        }

        var end = link.IndexOf('#', query);
        foreach (var pair in link[(query + 1)..(end < 0 ? link.Length : end)].Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            if (name == "cursor")
            {
                return equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            }
        }

        return null;
    }
}
