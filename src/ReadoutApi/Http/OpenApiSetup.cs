using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using ReadoutApi.Endpoints;
using ReadoutApi.Querying;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ReadoutApi.Http;

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
            options.OperationFilter<OpenApiExamples>();
            // Relative, so that Swagger UI and generated clients call whichever host served the document.
            options.AddServer(new OpenApiServer { Url = "/", Description = "The host that serves this document" });
            // Every operation also answers HEAD; documenting it twice would repeat each operationId.
            options.DocInclusionPredicate((_, api) => api.HttpMethod != HttpMethods.Head);
        });
        return services;
    }

    /// <summary>Serves the document and the UI when <c>Swagger:Enabled</c> (default true).</summary>
    public static WebApplication UseReadoutSwagger(this WebApplication app)
    {
        if (app.Configuration.GetValue("Swagger:Enabled", true))
        {
            // Only requests for /swagger go through Swagger's middleware; API requests skip its path checks.
            app.UseWhen(context => context.Request.Path.StartsWithSegments("/swagger"), swagger =>
            {
                swagger.UseSwagger();
                swagger.UseSwaggerUI(options =>
                {
                    options.SwaggerEndpoint("/swagger/v1/swagger.json", "ReadoutApi v1");
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
    /// Documents list and record parameters from the collection descriptors, the same objects the parser
    /// validates against, so the document cannot drift from the behaviour.
    /// </summary>
    private sealed class QueryParameterFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
            operation.Parameters ??= [];
            if (metadata.OfType<CollectionDescriptor>().FirstOrDefault() is { } descriptor)
            {
                foreach (var parameter in ListParameters(descriptor))
                {
                    operation.Parameters.Add(parameter);
                }
            }
            else if (metadata.OfType<RecordOperation>().FirstOrDefault() is { } record)
            {
                operation.Parameters.Add(Format(["json", "csv", "ndjson"]));
                foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>().Where(p => p.Name == "id"))
                {
                    parameter.Description = $"The {record.Descriptor.ItemType}'s id.";
                    parameter.Example = JsonValue.Create(record.ExampleId);
                }
            }
        }

        private static IEnumerable<OpenApiParameter> ListParameters(CollectionDescriptor d)
        {
            yield return Query(Querying.ListParameters.Limit, $"Page size, 1 to {Querying.ListParameters.MaxLimit} (default {Querying.ListParameters.DefaultLimit}). Anything else is a 400, never a silent clamp.",
                new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = Querying.ListParameters.MaxLimit.ToString(System.Globalization.CultureInfo.InvariantCulture), Default = JsonValue.Create(Querying.ListParameters.DefaultLimit) },
                JsonValue.Create(2));
            yield return Query(Querying.ListParameters.Cursor, "The opaque token from `links.next` or `links.prev` of a page of the same query. A forged, stale or malformed one is a 400.",
                new OpenApiSchema { Type = JsonSchemaType.String }, null);
            yield return Query(Querying.ListParameters.Sort, $"Sort field, `-` for descending; ties broken by id. Default `{d.DefaultSort}`.",
                new OpenApiSchema { Type = JsonSchemaType.String, Enum = d.SortFields.SelectMany(f => new[] { f, "-" + f }).Select(v => (JsonNode)JsonValue.Create(v)).ToList() },
                JsonValue.Create(d.DefaultSort));
            yield return Query(Querying.ListParameters.Query, "Full-text search: every word must match (as a word prefix), case- and accent-insensitive.",
                new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 500 }, JsonValue.Create(d.SearchExample));
            if (d.Dated)
            {
                yield return Query(Querying.ListParameters.From, "Inclusive lower bound on the record's date (YYYY-MM-DD).",
                    new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" }, JsonValue.Create("2025-05-01"));
                yield return Query(Querying.ListParameters.To, "Inclusive upper bound on the record's date (YYYY-MM-DD); not before `from`.",
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
                yield return Query(Querying.ListParameters.Facets, $"Comma-separated fields to count over the whole filtered result: {string.Join(", ", d.Filters.Select(f => f.Name))}.",
                    new OpenApiSchema { Type = JsonSchemaType.String }, JsonValue.Create(d.Filters[0].Name));
            }
        }

        private static OpenApiParameter Format(IReadOnlyList<string> formats) => Query(
            Querying.ListParameters.Format,
            "The representation; wins over Accept. json: the paged envelope; csv (RFC 4180, lists joined by '; ') and ndjson: the whole filtered result; atom: the page as an Atom 1.0 feed.",
            new OpenApiSchema { Type = JsonSchemaType.String, Enum = formats.Select(f => (JsonNode)JsonValue.Create(f)).ToList(), Default = JsonValue.Create("json") },
            JsonValue.Create("json"));

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
