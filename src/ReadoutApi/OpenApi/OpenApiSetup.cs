using Microsoft.OpenApi;
using ReadoutApi.Collections;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ReadoutApi.OpenApi;

/// <summary>The OpenAPI document: info, XML comments, and the query parameters of every list.</summary>
public static class OpenApiSetup
{
    /// <summary>Registers Swashbuckle's generator.</summary>
    public static IServiceCollection AddReadoutOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "ReadoutApi",
                Version = "v1",
                Description =
                    "Diplomatic readouts of U.S. Secretary of State Marco Rubio's May 2025 calls with Indian and Pakistani officials, " +
                    "and the claims governments made about the military events around them, each with who claimed it, through which " +
                    "channel and its verification status. Read-only; every error is application/problem+json. " +
                    "To look rather than read JSON: [the explorer](/explore) shows the timeline, the map and the claims, using only this API.",
                Contact = new OpenApiContact { Name = "ReadoutApi maintainers" },
                License = new OpenApiLicense { Name = LicenseName, Url = new Uri(LicenseUrl) },
            });
            options.IncludeXmlComments(Path.Combine(AppContext.BaseDirectory, "ReadoutApi.xml"));
            options.SupportNonNullableReferenceTypes();
            // A nullable reference (coordinates, organization) becomes allOf + nullable, so null examples validate.
            options.UseAllOfToExtendReferenceSchemas();
            // Schemas are named for what they are (Readout, ReadoutListResponse), not for the C# records (ReadoutDto).
            options.CustomSchemaIds(SchemaId);
            options.SchemaFilter<NullableReferenceFilter>();
            options.SchemaFilter<ProblemSchemaFilter>();
            options.OperationFilter<OpenApiParameters>();
            options.OperationFilter<OpenApiHeaders>();
            options.OperationFilter<ResponsesInStatusOrder>();
            options.OperationFilter<OpenApiExamples>();
            options.OperationFilter<OpenApiJsonLd>();
            options.OperationFilter<OpenApiChanges>();
            options.DocumentFilter<OpenApiDocumentShape>();
            // Relative, so that Swagger UI and generated clients call whichever host served the document.
            options.AddServer(new OpenApiServer { Url = "/", Description = "The host that serves this document" });
            // Every operation also answers HEAD; documenting it twice would repeat each operationId.
            options.DocInclusionPredicate((_, api) => api.HttpMethod != HttpMethods.Head);
        });
        services.AddSingleton<OpenApiDocumentCache>();
        return services;
    }

    /// <summary>Serves the document and the UI when <c>Swagger:Enabled</c> (default true).</summary>
    public static WebApplication UseReadoutSwagger(this WebApplication app)
    {
        if (app.Configuration.GetValue("Swagger:Enabled", true))
        {
            var document = app.Services.GetRequiredService<OpenApiDocumentCache>();
            // Only requests for /swagger go through Swagger's middleware; API requests skip its path checks.
            app.UseWhen(context => context.Request.Path.StartsWithSegments("/swagger"), swagger =>
            {
                // The document, made once (in place of Swashbuckle's UseSwagger, which made it again for every request).
                swagger.Use(document.Serve);
                swagger.UseSwaggerUI(options =>
                {
                    options.SwaggerEndpoint(OpenApiDocumentCache.JsonPath, "ReadoutApi v1");
                    options.DocumentTitle = "ReadoutApi";
                    options.DisplayOperationId();
                    // Each tag and operation has its own URL (#/Readouts/listReadouts), to link to and to come back to.
                    options.EnableDeepLinking();
                });
            });
        }

        return app;
    }

    /// <summary>
    /// The document's license. The repository has no LICENSE file, so no licence has been granted: the document says
    /// so rather than claim one. Replace it when the owners choose a licence.
    /// </summary>
    public const string LicenseName = "No license granted (all rights reserved by the authors)";

    /// <summary>What having no licence means (the default copyright laws apply).</summary>
    public const string LicenseUrl = "https://choosealicense.com/no-permission/";

    /// <summary>A schema's name: the type's name without <c>Dto</c>; a list response is named for its record type.</summary>
    public static string SchemaId(Type type)
    {
        static string Name(Type t) => t.Name.EndsWith("Dto", StringComparison.Ordinal) ? t.Name[..^3] : t.Name;
        return type.IsGenericType
            ? string.Concat(type.GetGenericArguments().Select(SchemaId)) + type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]
            : Name(type);
    }

    /// <summary>A nullable object property (<c>allOf: [$ref]</c> with <c>nullable</c>) becomes <c>anyOf</c> the object or null, which null satisfies.</summary>
    private sealed class NullableReferenceFilter : ISchemaFilter
    {
        public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
        {
            foreach (var property in schema.Properties?.Values.OfType<OpenApiSchema>() ?? [])
            {
                if (property.AllOf is { Count: 1 } && property.Type is { } type && type.HasFlag(JsonSchemaType.Null))
                {
                    // allOf would require the object even when the value is null: anyOf the object or null.
                    property.AnyOf = [property.AllOf[0], new OpenApiSchema { Type = JsonSchemaType.Object | JsonSchemaType.Null, Enum = [null!] }];
                    property.AllOf = null;
                    property.Type = JsonSchemaType.Object | JsonSchemaType.Null;
                }
            }
        }
    }

    /// <summary>The RFC 9457 problem schemas: every member described, and the <c>traceId</c> every problem carries.</summary>
    private sealed class ProblemSchemaFilter : ISchemaFilter
    {
        private static readonly Dictionary<string, string> Members = new(StringComparer.Ordinal)
        {
            ["type"] = "A URI reference that identifies the problem type (RFC 9457): the section of RFC 9110 or RFC 6585 for the status.",
            ["title"] = "A short summary of the problem type.",
            ["status"] = "The HTTP status code.",
            ["detail"] = "What went wrong with this request, and what to do instead.",
            ["instance"] = "The request path.",
            ["errors"] = "Each invalid query parameter with what is wrong with it.",
        };

        public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
        {
            if (!typeof(Microsoft.AspNetCore.Mvc.ProblemDetails).IsAssignableFrom(context.Type) || schema is not OpenApiSchema problem)
            {
                return;
            }

            problem.Description = typeof(Microsoft.AspNetCore.Http.HttpValidationProblemDetails).IsAssignableFrom(context.Type)
                ? "An RFC 9457 problem naming every invalid query parameter."
                : "An RFC 9457 problem: every error the API answers is one.";
            problem.Properties ??= new Dictionary<string, IOpenApiSchema>();
            foreach (var (name, property) in problem.Properties)
            {
                if (Members.TryGetValue(name, out var description) && property is OpenApiSchema member)
                {
                    member.Description = description;
                }
            }

            problem.Properties["traceId"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "The request's W3C trace context id (00-<trace id>-<span id>-<flags>); its trace id is in the log lines and, " +
                    "unless the client sent its own, in X-Request-Id.",
                Pattern = "^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$",
            };
        }
    }

    /// <summary>
    /// Lists each operation's responses by status code, whichever declared them first: the route (200), its handler's
    /// result types (304, 400, 404, 406) or the pipeline (405, 429).
    /// </summary>
    private sealed class ResponsesInStatusOrder : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            if (operation.Responses is not { Count: > 1 } responses)
            {
                return;
            }

            var sorted = responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
            responses.Clear();
            foreach (var (status, response) in sorted)
            {
                responses.Add(status, response);
            }
        }
    }
}

/// <summary>Endpoint metadata of a list operation, for the OpenAPI document.</summary>
/// <param name="Module">The collection.</param>
public sealed record ListOperation(CollectionModule Module);

/// <summary>Endpoint metadata of a record operation, for the OpenAPI document.</summary>
/// <param name="Module">The collection.</param>
public sealed record RecordOperation(CollectionModule Module);
