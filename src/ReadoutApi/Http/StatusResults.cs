using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace ReadoutApi.Http;

/// <summary>304: the client's copy is current. Documents itself on every route that can answer it.</summary>
public sealed class NotModified : IResult, IEndpointMetadataProvider
{
    /// <summary>The one instance (it carries nothing).</summary>
    public static readonly NotModified Instance = new();

    private NotModified()
    {
    }

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status304NotModified;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void)));
}

/// <summary>A problem+json error of one fixed status, documented on every route that can answer it.</summary>
/// <param name="status">The status code.</param>
/// <param name="detail">What went wrong, for the client.</param>
public abstract class StatusProblem(int status, string detail) : IResult
{
    private readonly ProblemHttpResult _problem = TypedResults.Problem(statusCode: status, detail: detail);

    /// <summary>What went wrong.</summary>
    public string Detail => detail;

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext) => _problem.ExecuteAsync(httpContext);

    /// <summary>The metadata of a problem+json response of that status.</summary>
    protected static void Document(EndpointBuilder builder, int status) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));
}

/// <summary>
/// 308: the id asked for is a name or alias of a record (<c>/v1/places/shorkot-air-base</c>); <c>Location</c> is the
/// record's canonical URL with the same query string. Permanent, because ids are the stable names; cacheable only as
/// long as the API's other responses, because the data may be reloaded.
/// </summary>
/// <param name="location">The record's path and the request's query string.</param>
public sealed class AliasRedirect(string location) : IResult, IEndpointMetadataProvider
{
    /// <summary>Where the record is.</summary>
    public string Location => location;

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
        httpContext.Response.Headers.Location = location;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status308PermanentRedirect, typeof(void)));
}

/// <summary>404: no record has the id asked for.</summary>
public sealed class NotFoundProblem(string detail) : StatusProblem(StatusCodes.Status404NotFound, detail), IEndpointMetadataProvider
{
    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Document(builder, StatusCodes.Status404NotFound);
}

/// <summary>406: none of the media types the client accepts is offered here.</summary>
public sealed class NotAcceptable(string detail) : StatusProblem(StatusCodes.Status406NotAcceptable, detail), IEndpointMetadataProvider
{
    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Document(builder, StatusCodes.Status406NotAcceptable);
}
