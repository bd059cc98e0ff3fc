namespace ReadoutApi;

/// <summary>The verbs the service's executable answers besides serving.</summary>
public static class CommandLine
{
    /// <summary>Runs a verb when the arguments name one.</summary>
    /// <returns>The exit code, or null when the arguments ask to serve.</returns>
    public static async Task<int?> TryRunAsync(string[] args) => args switch
    {
        ["healthcheck", var url] => await ProbeAsync(url),
        _ => null,
    };

    // The runtime image has no curl; the container's HEALTHCHECK runs this instead.
    private static async Task<int> ProbeAsync(string url)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await client.GetAsync(new Uri(url));
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            await Console.Error.WriteLineAsync($"healthcheck: {e.Message}");
            return 1;
        }
    }
}
