using Microsoft.AspNetCore.Http.HttpResults;
using ReadoutApi.Contracts;
using ReadoutApi.Http;
using ReadoutApi.Snapshots;

namespace ReadoutApi.Endpoints;

/// <summary>The API's entry points: the index and the redirect to the documentation.</summary>
public static class IndexEndpoints
{
    private static readonly string[] JsonOnly = ["json"];

    /// <summary>Maps <c>GET /</c> and <c>GET /v1</c>.</summary>
    public static IEndpointRouteBuilder MapIndexEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/", CollectionEndpoints.ReadMethods, RedirectToDocs).ExcludeFromDescription();
        app.MapMethods(Paths.Base, CollectionEndpoints.ReadMethods, GetIndex)
            .WithTags("Index")
            .WithName("getIndex")
            .WithSummary("List the collections")
            .WithDescription("Links to every collection with its record count, and the data version (a hash of the loaded seed snapshot) with its load time.")
            .ProducesPipelineResponses();
        return app;
    }

    /// <summary>Sends a browser to the Swagger UI.</summary>
    public static RedirectHttpResult RedirectToDocs() => TypedResults.Redirect("/swagger");

    /// <summary>The collections, their counts and the data version.</summary>
    public static Results<Ok<ApiIndex>, NotModified, ValidationProblem, NotAcceptable> GetIndex(
        HttpContext context, SnapshotStore store, HttpCaching caching)
    {
        if (CollectionEndpoints.OnlyParametersAllowed(context.Request, "The index", Querying.UnknownParameters.OfIndex) is { } invalid)
        {
            return invalid;
        }

        var negotiated = FormatNegotiation.Negotiate(context.Request, JsonOnly);
        if (negotiated is { Invalid: { } invalidFormat })
        {
            return invalidFormat;
        }

        if (negotiated is { NotAcceptable: { } notAcceptable })
        {
            return notAcceptable;
        }

        var snapshot = store.Current;
        if (caching.IsNotModified(context, snapshot.Stamp, negotiated.Format!.Value))
        {
            return NotModified.Instance;
        }

        return TypedResults.Ok(new ApiIndex(
            "ReadoutApi",
            snapshot.Version,
            snapshot.LoadedAt,
            snapshot.Counts().Select(c => new CollectionSummary(c.Name, c.Count, $"{Paths.Base}/{c.Name}")).ToArray(),
            new IndexLinks(Paths.Base, "/swagger/v1/swagger.json", "/swagger")));
    }
}
