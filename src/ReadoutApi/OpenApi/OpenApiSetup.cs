using System.ComponentModel;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using ReadoutApi.Collections;
using ReadoutApi.Querying;
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
                    "channel and its verification status. Read-only; every error is application/problem+json.",
                Contact = new OpenApiContact { Name = "ReadoutApi maintainers" },
            });
            options.IncludeXmlComments(Path.Combine(AppContext.BaseDirectory, "ReadoutApi.xml"));
            options.SupportNonNullableReferenceTypes();
            // A nullable reference (coordinates, organization) becomes allOf + nullable, so null examples validate.
            options.UseAllOfToExtendReferenceSchemas();
            options.SchemaFilter<NullableReferenceFilter>();
            options.OperationFilter<QueryParameterFilter>();
            options.OperationFilter<ResponsesInStatusOrder>();
            options.OperationFilter<OpenApiExamples>();
            options.OperationFilter<OpenApiJsonLd>();
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
                });
            });
        }

        return app;
    }

    /// <summary>A nullable object property is <c>allOf: [$ref]</c> with <c>nullable</c>; OpenAPI 3.0 wants a <c>type</c> beside it.</summary>
    private sealed class NullableReferenceFilter : ISchemaFilter
    {
        public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
        {
            foreach (var property in schema.Properties?.Values.OfType<OpenApiSchema>() ?? [])
            {
                if (property.AllOf is { Count: > 0 } && property.Type is { } type && type.HasFlag(JsonSchemaType.Null))
                {
                    property.Type = JsonSchemaType.Object | JsonSchemaType.Null;
                }
            }
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

    /// <summary>
    /// Documents list and record parameters from the collection descriptors, the same objects the parser validates
    /// against, so the document cannot drift from the behaviour. The fixed list parameters keep the descriptions of
    /// <see cref="ListParameters"/>, where they are bound.
    /// </summary>
    private sealed class QueryParameterFilter : IOperationFilter
    {
        private static readonly HashSet<string> Bound =
        [
            ParameterNames.Limit, ParameterNames.Cursor, ParameterNames.Sort, ParameterNames.Query,
            ParameterNames.From, ParameterNames.To, ParameterNames.Facets, ParameterNames.Format,
        ];

        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
            operation.Parameters ??= [];
            if (metadata.OfType<ListOperation>().FirstOrDefault() is { } list)
            {
                var routeParameters = operation.Parameters.Where(p => !Bound.Contains(p.Name ?? "")).ToList();
                operation.Parameters.Clear();
                foreach (var parameter in routeParameters.Concat(ListParameters(list.Module.Descriptor)))
                {
                    operation.Parameters.Add(parameter);
                }
            }
            else if (metadata.OfType<RecordOperation>().FirstOrDefault() is { } record)
            {
                operation.Parameters.Add(Format(record.Module.Descriptor.RecordFormats));
                foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>().Where(p => p.Name == "id"))
                {
                    parameter.Description = $"The {record.Module.Descriptor.ItemType}'s id.";
                    parameter.Example = JsonValue.Create(record.Module.Docs.ExampleId);
                }
            }
        }

        private static IEnumerable<OpenApiParameter> ListParameters(CollectionDescriptor d)
        {
            yield return Query(ParameterNames.Limit, Describe(nameof(Querying.ListParameters.Limit)),
                new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = Querying.ListParameters.MaxLimit.ToString(System.Globalization.CultureInfo.InvariantCulture), Default = JsonValue.Create(Querying.ListParameters.DefaultLimit) },
                JsonValue.Create(2));
            yield return Query(ParameterNames.Cursor, Describe(nameof(Querying.ListParameters.Cursor)),
                new OpenApiSchema { Type = JsonSchemaType.String }, null);
            yield return Query(ParameterNames.Sort, $"{Describe(nameof(Querying.ListParameters.Sort))} Default `{d.DefaultSort}`.",
                new OpenApiSchema { Type = JsonSchemaType.String, Enum = d.SortFields.SelectMany(f => new[] { f, "-" + f }).Select(v => (JsonNode)JsonValue.Create(v)).ToList() },
                JsonValue.Create(d.DefaultSort));
            yield return Query(ParameterNames.Query, $"{Describe(nameof(Querying.ListParameters.Q))} At most {QueryParser.MaxQueryWords} distinct words.",
                new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = QueryParser.MaxQueryLength }, JsonValue.Create(d.SearchExample));
            if (d.Dated)
            {
                yield return Query(ParameterNames.From, Describe(nameof(Querying.ListParameters.From)),
                    new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" }, JsonValue.Create("2025-05-01"));
                yield return Query(ParameterNames.To, Describe(nameof(Querying.ListParameters.To)),
                    new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" }, JsonValue.Create("2025-05-31"));
            }

            foreach (var filter in d.Filters)
            {
                var schema = new OpenApiSchema { Type = JsonSchemaType.String };
                if (filter.AllowedValues is { } allowed)
                {
                    schema.Enum = allowed.Select(v => (JsonNode)JsonValue.Create(v)).ToList();
                }

                var parameter = Query(filter.Name, filter.Description + " Repeat for OR.",
                    new OpenApiSchema { Type = JsonSchemaType.Array, Items = schema }, new JsonArray(JsonValue.Create(filter.Example)));
                parameter.Style = ParameterStyle.Form;
                parameter.Explode = true;
                yield return parameter;
            }

            yield return Format(d.Formats);
            if (d.Filters.Count > 0)
            {
                yield return Query(ParameterNames.Facets, $"{Describe(nameof(Querying.ListParameters.Facets)).TrimEnd('.')}: {string.Join(", ", d.Filters.Select(f => f.Name))}.",
                    new OpenApiSchema { Type = JsonSchemaType.String }, JsonValue.Create(d.Filters[0].Name));
            }
        }

        private static OpenApiParameter Format(IReadOnlyList<string> formats) => Query(
            ParameterNames.Format,
            Describe(nameof(Querying.ListParameters.Format)),
            new OpenApiSchema { Type = JsonSchemaType.String, Enum = formats.Select(f => (JsonNode)JsonValue.Create(f)).ToList(), Default = JsonValue.Create("json") },
            JsonValue.Create("json"));

        private static string Describe(string property) =>
            typeof(ListParameters).GetProperty(property)!.GetCustomAttribute<DescriptionAttribute>()!.Description;

        private static OpenApiParameter Query(string name, string description, OpenApiSchema schema, JsonNode? example) => new()
        {
            Name = name,
            In = ParameterLocation.Query,
            Description = description,
            Required = false,
            Schema = schema,
            Example = example,
        };
    }
}

/// <summary>Endpoint metadata of a list operation, for the OpenAPI document.</summary>
/// <param name="Module">The collection.</param>
public sealed record ListOperation(CollectionModule Module);

/// <summary>Endpoint metadata of a record operation, for the OpenAPI document.</summary>
/// <param name="Module">The collection.</param>
public sealed record RecordOperation(CollectionModule Module);
