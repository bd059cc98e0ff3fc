using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using ReadoutApi.Client;

namespace ReadoutApi.Tests.Support;

/// <summary>The generated client over the app in memory: WebApplicationFactory's HttpClient under Kiota's adapter.</summary>
public static class ClientFactory
{
    public static ReadoutClient CreateReadoutClient(this ApiFactory factory, params DelegatingHandler[] handlers)
    {
        var http = factory.CreateDefaultClient(handlers);
        var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http)
        {
            BaseUrl = http.BaseAddress!.GetLeftPart(UriPartial.Authority),
        };
        return new ReadoutClient(adapter);
    }
}

/// <summary>Counts the requests that pass through it, so a test can tell how many pages a walk took.</summary>
public sealed class CountingHandler : DelegatingHandler
{
    private int _requests;

    public int Requests => _requests;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        return base.SendAsync(request, cancellationToken);
    }
}
