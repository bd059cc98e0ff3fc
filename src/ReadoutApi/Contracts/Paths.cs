namespace ReadoutApi.Contracts;

/// <summary>The public URL shapes. Links are root-relative so they stay right behind any proxy.</summary>
public static class Paths
{
    /// <summary>The API's base path.</summary>
    public const string Base = "/v1";

    /// <summary>The path of one record.</summary>
    public static string Record(string collection, string id) => $"{Base}/{collection}/{Uri.EscapeDataString(id)}";

    /// <summary>The path of a collection filtered by one parameter.</summary>
    public static string Filtered(string collection, string parameter, string value) =>
        $"{Base}/{collection}?{parameter}={Uri.EscapeDataString(value)}";

    /// <summary>The collection that holds records of an actor kind (person, organization, country).</summary>
    public static string ActorCollection(string kind) => kind switch
    {
        "person" => "people",
        "organization" => "organizations",
        _ => "countries",
    };
}
