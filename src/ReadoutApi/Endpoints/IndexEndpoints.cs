using Microsoft.AspNetCore.Http.HttpResults;
using ReadoutApi.Contracts;
using ReadoutApi.Data;

namespace ReadoutApi.Endpoints;

/// <summary>The API's entry points: the index and the redirect to the documentation.</summary>
public static class IndexEndpoints
{
    /// <summary>Maps <c>GET /</c> and <c>GET /v1</c>.</summary>
    public static IEndpointRouteBuilder MapIndexEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", RedirectToDocs).ExcludeFromDescription();
        app.MapGet(Paths.Base, GetIndex)
            .WithTags("Index")
            .WithName("getIndex")
            .WithSummary("List the collections")
            .WithDescription("Links to every collection with its record count, and the data version (a hash of the loaded seed snapshot) with its load time.");
        return app;
    }

    /// <summary>Sends a browser to the Swagger UI.</summary>
    public static RedirectHttpResult RedirectToDocs() => TypedResults.Redirect("/swagger");

    /// <summary>The collections, their counts and the data version.</summary>
    public static Ok<ApiIndex> GetIndex(SnapshotStore store)
    {
        var snapshot = store.Current;
        return TypedResults.Ok(new ApiIndex(
            "ReadoutApi",
            snapshot.Version,
            snapshot.LoadedAt,
            snapshot.Counts().Select(c => new CollectionSummary(c.Name, c.Count, $"{Paths.Base}/{c.Name}")).ToArray(),
            new IndexLinks(Paths.Base, "/swagger/v1/swagger.json", "/swagger")));
    }
}
