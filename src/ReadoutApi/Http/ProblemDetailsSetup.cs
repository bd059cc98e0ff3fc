using System.Diagnostics;

namespace ReadoutApi.Http;

/// <summary>Every error is RFC 9457 problem+json with the request path and a trace id.</summary>
public static class ProblemDetailsSetup
{
    /// <summary>Registers problem details with the fields every error carries.</summary>
    public static IServiceCollection AddReadoutProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Instance ??= context.HttpContext.Request.Path;
            problem.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
            problem.Detail ??= problem.Status switch
            {
                StatusCodes.Status404NotFound => $"Nothing is served at '{context.HttpContext.Request.Path}'. See /v1 for the collections.",
                StatusCodes.Status405MethodNotAllowed => "This resource is read-only: use GET or HEAD.",
                StatusCodes.Status500InternalServerError => "The server failed to answer. The trace id identifies the failure in the logs.",
                _ => null,
            };
        });
}
