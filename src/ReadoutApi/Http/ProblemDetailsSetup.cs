using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using ReadoutApi.Contracts;

namespace ReadoutApi.Http;

/// <summary>Every error is RFC 9457 problem+json with the request path and a trace id.</summary>
public static class ProblemDetailsSetup
{
    private static readonly Dictionary<int, string> Types = new()
    {
        [400] = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        [404] = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        [405] = "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        [406] = "https://tools.ietf.org/html/rfc9110#section-15.5.7",
        [429] = "https://tools.ietf.org/html/rfc6585#section-4",
        [500] = "https://tools.ietf.org/html/rfc9110#section-15.6.1",
        [503] = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
    };

    /// <summary>Registers problem details with the fields every error carries.</summary>
    public static IServiceCollection AddReadoutProblemDetails(this IServiceCollection services)
    {
        // First in line, so errors are problem+json even when the client's Accept asks for something else
        // (the default writer then declines, and a plain-text body would go out).
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        return services.AddProblemDetails(options => options.CustomizeProblemDetails = Complete);
    }

    private static void Complete(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Status = status;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(status);
        problem.Type ??= Types.GetValueOrDefault(status, "about:blank");
        problem.Instance ??= context.HttpContext.Request.Path;
        problem.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        problem.Detail ??= status switch
        {
            StatusCodes.Status404NotFound => $"Nothing is served at '{context.HttpContext.Request.Path}'. See /v1 for the collections.",
            StatusCodes.Status405MethodNotAllowed => "This resource is read-only: use GET or HEAD.",
            StatusCodes.Status500InternalServerError => "The server failed to answer. The trace id identifies the failure in the logs.",
            _ => ReasonPhrases.GetReasonPhrase(status) + ".",
        };
    }

    /// <summary>Writes any problem as application/problem+json with the source-generated serializer.</summary>
    private sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> options) : IProblemDetailsWriter
    {
        public bool CanWrite(ProblemDetailsContext context) => true;

        public ValueTask WriteAsync(ProblemDetailsContext context)
        {
            options.Value.CustomizeProblemDetails?.Invoke(context);
            var response = context.HttpContext.Response;
            return new(context.ProblemDetails is HttpValidationProblemDetails validation
                ? response.WriteAsJsonAsync(validation, ReadoutJsonContext.Default.HttpValidationProblemDetails, "application/problem+json")
                : response.WriteAsJsonAsync(context.ProblemDetails, ReadoutJsonContext.Default.ProblemDetails, "application/problem+json"));
        }
    }
}
