using Microsoft.AspNetCore.Http.HttpResults;
using ReadoutApi.Contracts;
using ReadoutApi.Data;
using ReadoutApi.Querying;

namespace ReadoutApi.Endpoints;

/// <summary>What the OpenAPI document says of a collection's operations.</summary>
/// <param name="Tag">The tag grouping the resource's operations.</param>
/// <param name="ListSummary">One line for the list operation.</param>
/// <param name="ListDescription">What the list holds and how to query it.</param>
/// <param name="GetSummary">One line for the record operation, when the collection has one.</param>
/// <param name="GetDescription">What a record holds.</param>
/// <param name="ExampleId">An id of the seed data, for "Try it out".</param>
public sealed record CollectionDocs(
    string Tag, string ListSummary, string ListDescription, string? GetSummary = null, string? GetDescription = null, string? ExampleId = null);

/// <summary>The list and record operations every collection shares.</summary>
public static class CollectionEndpoints
{
    /// <summary>Maps <c>GET /v1/{collection}</c>, and <c>GET /v1/{collection}/{id}</c> when documented.</summary>
    public static RouteGroupBuilder MapCollection<T, TDto>(
        this IEndpointRouteBuilder app,
        CollectionDescriptor descriptor,
        Func<Snapshot, Collection<T, TDto>> select,
        CollectionDocs docs)
    {
        var name = char.ToUpperInvariant(descriptor.Name[0]) + descriptor.Name[1..];
        var group = app.MapGroup($"{Paths.Base}/{descriptor.Name}").WithTags(docs.Tag);

        group.MapGet("", (HttpRequest request, SnapshotStore store) => List(request, select(store.Current)))
            .WithName($"list{name}")
            .WithSummary(docs.ListSummary)
            .WithDescription(docs.ListDescription)
            .WithMetadata(descriptor);

        if (docs.GetSummary is not null)
        {
            group.MapGet("/{id}", (string id, HttpRequest request, SnapshotStore store) =>
                    Get(id, request, select(store.Current)))
                .WithName($"get{Singular(name)}")
                .WithSummary(docs.GetSummary)
                .WithDescription(docs.GetDescription ?? docs.GetSummary)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .WithMetadata(new RecordOperation(descriptor, docs.ExampleId ?? ""));
        }

        return group;
    }

    /// <summary>A page of a collection, or a 400 naming every bad parameter.</summary>
    public static Results<Ok<ListResponse<TDto>>, ValidationProblem> List<T, TDto>(
        HttpRequest request, Collection<T, TDto> collection)
    {
        var query = QueryParser.Parse(request.Query, collection, out var errors);
        if (query is null)
        {
            return InvalidParameters(errors);
        }

        var page = collection.Execute(query);
        var next = page.Next is { } n ? WithCursor(request, n) : null;
        var prev = page.Prev is { } p ? WithCursor(request, p) : null;
        var links = new List<string>(2);
        if (next is not null)
        {
            links.Add($"<{next}>; rel=\"next\"");
        }

        if (prev is not null)
        {
            links.Add($"<{prev}>; rel=\"prev\"");
        }

        if (links.Count > 0)
        {
            request.HttpContext.Response.Headers.Link = string.Join(", ", links);
        }

        return TypedResults.Ok(new ListResponse<TDto>(
            page.Items,
            new ListMeta(page.Total, query.Limit, query.Sort.ToString(), page.Facets),
            new ListLinks(request.Path + request.QueryString, next, prev)));
    }

    /// <summary>One record, or a 404 naming the id.</summary>
    public static Results<Ok<TDto>, ProblemHttpResult, ValidationProblem> Get<T, TDto>(
        string id, HttpRequest request, Collection<T, TDto> collection)
    {
        var unknown = request.Query.Keys.Where(k => k != ListParameters.Format).ToArray();
        if (unknown.Length > 0)
        {
            return InvalidParameters(unknown.ToDictionary(
                k => k, _ => new[] { $"unknown parameter. A single {collection.Descriptor.ItemType} takes only: {ListParameters.Format}." }));
        }

        // Ids are lowercase slugs and country codes uppercase; either is accepted in any case.
        if (collection.TryGet(id, out var dto) ||
            collection.TryGet(id.ToLowerInvariant(), out dto) ||
            collection.TryGet(id.ToUpperInvariant(), out dto))
        {
            return TypedResults.Ok(dto);
        }

        var shown = id.Length > 100 ? id[..100] + "…" : id;
        return TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            detail: $"No {collection.Descriptor.ItemType} has the id '{shown}'. List them at {Paths.Base}/{collection.Descriptor.Name}.");
    }

    private static ValidationProblem InvalidParameters(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(
            errors,
            detail: $"{errors.Count} query parameter(s) are not valid: {string.Join(", ", errors.Keys)}. See 'errors' for each.",
            title: "Invalid query parameters");

    private static string WithCursor(HttpRequest request, Cursor cursor)
    {
        var parameters = request.Query
            .Where(p => p.Key != ListParameters.Cursor)
            .SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v)))
            .Append(KeyValuePair.Create(ListParameters.Cursor, (string?)cursor.Encode()));
        return request.Path + QueryString.Create(parameters).ToUriComponent();
    }

    private static string Singular(string plural) => plural switch
    {
        "People" => "Person",
        "Countries" => "Country",
        _ => plural.TrimEnd('s'),
    };
}

/// <summary>Endpoint metadata of a record operation, for the OpenAPI document.</summary>
/// <param name="Descriptor">The collection.</param>
/// <param name="ExampleId">An id of the seed data.</param>
public sealed record RecordOperation(CollectionDescriptor Descriptor, string ExampleId);
