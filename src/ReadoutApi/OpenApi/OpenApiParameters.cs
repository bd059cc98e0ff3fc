using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using ReadoutApi.Querying;
using ReadoutApi.Snapshots;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ReadoutApi.OpenApi;

/// <summary>
/// Documents list and record parameters from the collection descriptors, the same objects the parser validates
/// against, so the document cannot drift from the behaviour. Each schema says what the parser accepts: no empty values,
/// the closed vocabularies (and the country codes and topics of the data served) as enums, <c>facets</c> as a list of the
/// collection's filter names, the cursor's alphabet and length. Examples are in the descriptions only: Swagger UI fills
/// "Try it out" with a parameter's <c>example</c>, <c>examples</c> or <c>default</c>, and a list must answer in full on
/// the first click.
/// </summary>
internal sealed class OpenApiParameters(SnapshotStore store) : IOperationFilter
{
    /// <summary>A cursor token: unpadded base64url (RFC 4648, section 5), as <see cref="CursorCodec"/> writes it.</summary>
    public const string CursorPattern = "^[A-Za-z0-9_-]+$";

    /// <summary>A value with at least one character that is not white space (an empty or blank filter value is a 400).</summary>
    public const string NotBlankPattern = "\\S";

    private static readonly HashSet<string> Bound =
    [
        ParameterNames.Limit, ParameterNames.Cursor, ParameterNames.Sort, ParameterNames.Query,
        ParameterNames.From, ParameterNames.To, ParameterNames.Facets, ParameterNames.Format,
        ParameterNames.Fields, ParameterNames.Expand,
    ];

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        operation.Parameters ??= [];
        if (metadata.OfType<ListOperation>().FirstOrDefault() is { } list)
        {
            var routeParameters = operation.Parameters.Where(p => !Bound.Contains(p.Name ?? "")).ToList();
            operation.Parameters.Clear();
            foreach (var parameter in routeParameters.Concat(Projection(list.Module.Shape)).Concat(ListParameters(store.Current[list.Module], store.Current)))
            {
                operation.Parameters.Add(parameter);
            }
        }
        else if (metadata.OfType<RecordOperation>().FirstOrDefault() is { } record)
        {
            var path = operation.Parameters.Where(p => !Bound.Contains(p.Name ?? "")).ToList();
            operation.Parameters.Clear();
            foreach (var parameter in path.Concat(Projection(record.Module.Shape)).Append(Format(record.Module.Descriptor.RecordFormats)))
            {
                operation.Parameters.Add(parameter);
            }

            foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>().Where(p => p.Name == "id"))
            {
                // A path parameter is required: its example fills "Try it out", so Execute works on the first click.
                parameter.Description = $"The {record.Module.Descriptor.ItemType}'s id (any case).";
                parameter.Example = JsonValue.Create(record.Module.Docs.ExampleId);
                if (parameter.Schema is OpenApiSchema schema)
                {
                    schema.MinLength = 1;
                }
            }
        }
        else if (context.ApiDescription.RelativePath?.TrimEnd('/') == Contracts.Paths.Base[1..])
        {
            operation.Parameters.Add(Query(ParameterNames.Format, "The representation: only `json` here (any other value is a 400).",
                new OpenApiSchema { Type = JsonSchemaType.String, Enum = Strings(["json"]) }));
        }
    }

    private static IEnumerable<OpenApiParameter> ListParameters(Collection collection, Snapshot snapshot)
    {
        var d = collection.Descriptor;
        yield return Query(ParameterNames.Limit, $"{Describe(nameof(Querying.ListParameters.Limit))} Example: `2`.",
            new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = Number(Querying.ListParameters.MaxLimit) });
        yield return Query(ParameterNames.Cursor, Describe(nameof(Querying.ListParameters.Cursor)),
            new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = CursorCodec.MaxTokenLength, Pattern = CursorPattern });
        yield return Query(ParameterNames.Sort, $"{Describe(nameof(Querying.ListParameters.Sort))} Default `{d.DefaultSort}`.",
            new OpenApiSchema { Type = JsonSchemaType.String, Enum = Strings(d.SortFields.SelectMany(f => new[] { f, "-" + f })) });
        yield return Query(ParameterNames.Query,
            $"{Describe(nameof(Querying.ListParameters.Q))} At least one word (a run of letters, digits or combining marks), at most " +
            $"{QueryParser.MaxQueryWords} distinct words and {QueryParser.MaxQueryLength} characters. Example: `{d.SearchExample}`.",
            new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = QueryParser.MaxQueryLength, Pattern = NotBlankPattern });
        if (d.Dated)
        {
            yield return Query(ParameterNames.From, $"{Describe(nameof(Querying.ListParameters.From))} Example: `2025-05-01`.",
                new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" });
            yield return Query(ParameterNames.To, $"{Describe(nameof(Querying.ListParameters.To))} Example: `2025-05-31`.",
                new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" });
        }

        foreach (var filter in d.Filters)
        {
            var values = Values(filter, collection, snapshot);
            var schema = values is null
                ? new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, Pattern = NotBlankPattern }
                : new OpenApiSchema { Type = JsonSchemaType.String, Enum = Strings(values) };
            var parameter = Query(filter.Name, $"{filter.Description} Repeat for OR. Example: `{filter.Example}`.",
                new OpenApiSchema { Type = JsonSchemaType.Array, Items = schema });
            parameter.Style = ParameterStyle.Form;
            parameter.Explode = true;
            yield return parameter;
        }

        yield return Format(d.Formats);
        if (d.Filters.Count > 0)
        {
            var names = d.Filters.Select(f => f.Name).ToList();
            yield return CommaList(ParameterNames.Facets,
                $"{Describe(nameof(Querying.ListParameters.Facets)).TrimEnd('.')}, one or more of: {string.Join(", ", names)}. Example: `{names[0]}`.",
                names);
        }
    }

    // A comma list (facets=eventKind,claimant) is an array serialized as form, not exploded.
    // fields and expand: comma lists (an array serialized as form, not exploded) of the paths the record's shape has.
    // A collection without links takes no expand, and the document does not offer it.
    private static IEnumerable<OpenApiParameter> Projection(FieldTree shape)
    {
        yield return CommaList(ParameterNames.Fields, Describe(nameof(Querying.ListParameters.Fields)) + " Example: `" + string.Join(',', shape.Names.Take(2)) + "`.",
            shape.FieldPaths());
        var links = shape.LinkPaths().ToList();
        if (links.Count > 0)
        {
            yield return CommaList(ParameterNames.Expand, Describe(nameof(Querying.ListParameters.Expand)) + $" Example: `{links[0]}`.", links);
        }
    }

    private static OpenApiParameter CommaList(string name, string description, IEnumerable<string> values)
    {
        var parameter = Query(name, description,
            new OpenApiSchema { Type = JsonSchemaType.Array, MinItems = 1, Items = new OpenApiSchema { Type = JsonSchemaType.String, Enum = Strings(values.Distinct(StringComparer.Ordinal)) } });
        parameter.Style = ParameterStyle.Form;
        parameter.Explode = false;
        return parameter;
    }

    // The accepted values of a filter whose values are a closed list: its vocabulary, the country codes of the data, or
    // the values the data has (topics). Null for filters that take ids, names and aliases.
    private static IEnumerable<string>? Values(FilterInfo filter, Collection collection, Snapshot snapshot) => filter.Kind switch
    {
        ValueKind.Vocabulary => filter.AllowedValues,
        ValueKind.Country => snapshot.References.Countries.Keys.Order(StringComparer.Ordinal),
        ValueKind.Indexed => collection.Index.Values(filter.Name).Order(StringComparer.Ordinal),
        _ => null,
    };

    private static OpenApiParameter Format(IReadOnlyList<string> formats) => Query(
        ParameterNames.Format,
        $"{Describe(nameof(Querying.ListParameters.Format))} Offered here: {string.Join(", ", formats)}; default `json` (or as `Accept` asks).",
        new OpenApiSchema { Type = JsonSchemaType.String, Enum = Strings(formats) });

    /// <summary>An enum's values as JSON strings.</summary>
    public static List<JsonNode> Strings(IEnumerable<string> values) => values.Select(v => (JsonNode)JsonValue.Create(v)).ToList();

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Describe(string property) =>
        typeof(ListParameters).GetProperty(property)!.GetCustomAttribute<DescriptionAttribute>()!.Description;

    /// <summary>An optional query parameter, with nothing for Swagger UI to fill in.</summary>
    public static OpenApiParameter Query(string name, string description, OpenApiSchema schema) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Description = description,
        Required = false,
        Schema = schema,
    };
}
