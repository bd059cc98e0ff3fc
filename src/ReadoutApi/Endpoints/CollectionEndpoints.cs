using Microsoft.AspNetCore.Http.HttpResults;
using ReadoutApi.Contracts;
using ReadoutApi.Data;
using ReadoutApi.Http;
using ReadoutApi.Http.Formats;
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
    /// <summary>GET and HEAD: the methods of every resource.</summary>
    public static readonly string[] ReadMethods = [HttpMethods.Get, HttpMethods.Head];

    private static readonly string[] RecordFormats = ["json", "csv", "ndjson"];

    /// <summary>Maps <c>/v1/{collection}</c>, and <c>/v1/{collection}/{id}</c> when documented.</summary>
    public static RouteGroupBuilder MapCollection<T, TDto>(
        this IEndpointRouteBuilder app,
        CollectionDescriptor descriptor,
        Func<Snapshot, Collection<T, TDto>> select,
        Representation<TDto> representation,
        CollectionDocs docs)
    {
        var name = char.ToUpperInvariant(descriptor.Name[0]) + descriptor.Name[1..];
        var group = app.MapGroup($"{Paths.Base}/{descriptor.Name}").WithTags(docs.Tag);
        string[] listTypes = ["application/json", .. descriptor.Formats.Where(f => f != "json").Select(f => FormatNegotiation.MediaType(Enum.Parse<ResponseFormat>(f, ignoreCase: true)))];

        group.MapMethods("", ReadMethods, (HttpContext context, SnapshotStore store, HttpCaching caching) =>
                List(context, store.Current, select, representation, caching))
            .WithName($"list{name}")
            .WithSummary(docs.ListSummary)
            .WithDescription(docs.ListDescription)
            .WithMetadata(descriptor)
            .WithMetadata(new ListExampleRecord(docs.ExampleId ?? ""))
            .Produces<ListResponse<TDto>>(StatusCodes.Status200OK, listTypes[0], listTypes[1..])
            .ProducesCommonResponses();

        if (docs.GetSummary is not null)
        {
            group.MapMethods("/{id}", ReadMethods, (string id, HttpContext context, SnapshotStore store, HttpCaching caching) =>
                    Get(id, context, store.Current, select, representation, caching))
                .WithName($"get{Singular(name)}")
                .WithSummary(docs.GetSummary)
                .WithDescription(docs.GetDescription ?? docs.GetSummary)
                .WithMetadata(new RecordOperation(descriptor, docs.ExampleId ?? ""))
                .Produces<TDto>(StatusCodes.Status200OK, "application/json", "text/csv", "application/x-ndjson")
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesCommonResponses();
        }

        return group;
    }

    /// <summary>Documents what every read operation may answer besides its 200.</summary>
    public static RouteHandlerBuilder ProducesCommonResponses(this RouteHandlerBuilder builder) => builder
        .Produces(StatusCodes.Status304NotModified)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status405MethodNotAllowed)
        .ProducesProblem(StatusCodes.Status406NotAcceptable)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);

    /// <summary>A page of a collection (or the whole result as CSV or NDJSON), or a problem.</summary>
    public static IResult List<T, TDto>(
        HttpContext context,
        Snapshot snapshot,
        Func<Snapshot, Collection<T, TDto>> select,
        Representation<TDto> representation,
        HttpCaching caching)
    {
        var collection = select(snapshot);
        var request = context.Request;
        if (FormatNegotiation.Negotiate(request, collection.Descriptor.Formats, out var formatError) is not { } format)
        {
            return formatError!;
        }

        if (!request.QueryString.HasValue && format == ResponseFormat.Json && request.Path.Value == collection.Descriptor.Path)
        {
            // The first page with every parameter at its default is what most clients ask for: render it once.
            var rendered = snapshot.Memo(collection.Descriptor.Path, (context, snapshot, collection), DefaultPage);
            if (rendered.LinkHeader is not null)
            {
                context.Response.Headers.Link = rendered.LinkHeader;
            }

            return caching.IsNotModified(context, snapshot, rendered.ETag)
                ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
                : new JsonBytesResult(rendered.Body);
        }

        var query = QueryParser.Parse(request.Query, collection, out var errors);
        if (query is null)
        {
            return InvalidParameters(errors);
        }

        if (caching.IsNotModified(context, snapshot, format))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        switch (format)
        {
            case ResponseFormat.Csv:
                return new CsvResult<TDto>(collection.Enumerate(query).Select(collection.Dto), representation.Csv, $"{representation.Title}.csv");
            case ResponseFormat.Ndjson:
                return new NdjsonResult(collection.Enumerate(query).Select(collection.Json));
        }

        var page = collection.Execute(query);
        var self = request.Path + request.QueryString;
        var next = page.Next is { } n ? WithCursor(request, n) : null;
        var prev = page.Prev is { } p ? WithCursor(request, p) : null;
        if (LinkHeader(next, prev) is { } link)
        {
            context.Response.Headers.Link = link;
        }

        if (format == ResponseFormat.Atom)
        {
            var entries = page.Positions.Select(p => representation.Atom!(collection.Dto(p), snapshot.References)).ToArray();
            return new AtomResult($"ReadoutApi: {representation.Title}", snapshot.LoadedAt, entries, self, next, prev);
        }

        return PageResult(collection, query, page, self, next, prev);
    }

    private static JsonPageResult PageResult<T, TDto>(
        Collection<T, TDto> collection, ListQuery query, QueryPage page, string self, string? next, string? prev) =>
        new(
            page.Positions.Select(collection.Json).ToArray(),
            new ListMeta(page.Total, query.Limit, query.Sort.ToString(), page.Facets),
            new ListLinks(self, next, prev));

    private static RenderedPage DefaultPage<T, TDto>((HttpContext Context, Snapshot Snapshot, Collection<T, TDto> Collection) state)
    {
        var (context, snapshot, collection) = state;
        var request = context.Request;
        var query = QueryParser.Parse([], collection, out _)!;
        var page = collection.Execute(query);
        var next = page.Next is { } n ? WithCursor(request, n) : null;
        var body = PageResult(collection, query, page, request.Path, next, prev: null).Render();
        return new RenderedPage(body, HttpCaching.ETag(snapshot, request.Path, QueryString.Empty, ResponseFormat.Json), LinkHeader(next, null));
    }

    /// <summary>One record, or a 404 naming the id.</summary>
    public static IResult Get<T, TDto>(
        string id,
        HttpContext context,
        Snapshot snapshot,
        Func<Snapshot, Collection<T, TDto>> select,
        Representation<TDto> representation,
        HttpCaching caching)
    {
        var collection = select(snapshot);
        var request = context.Request;
        if (OnlyFormatAllowed(request, $"A single {collection.Descriptor.ItemType}") is { } invalid)
        {
            return invalid;
        }

        if (FormatNegotiation.Negotiate(request, RecordFormats, out var formatError) is not { } format)
        {
            return formatError!;
        }

        // Ids are lowercase slugs and country codes uppercase; either is accepted in any case.
        if (!collection.TryFind(id, out var position) &&
            !collection.TryFind(id.ToLowerInvariant(), out position) &&
            !collection.TryFind(id.ToUpperInvariant(), out position))
        {
            var shown = id.Length > 100 ? id[..100] + "…" : id;
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                detail: $"No {collection.Descriptor.ItemType} has the id '{shown}'. List them at {Paths.Base}/{collection.Descriptor.Name}.");
        }

        if (caching.IsNotModified(context, snapshot, format))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return format switch
        {
            ResponseFormat.Csv => new CsvResult<TDto>([collection.Dto(position)], representation.Csv, $"{representation.Title}-{id}.csv"),
            ResponseFormat.Ndjson => new NdjsonResult([collection.Json(position)]),
            _ => new JsonBytesResult(collection.Json(position)),
        };
    }

    /// <summary>A 400 naming every query parameter other than <c>format</c>, for resources that take no other; else null.</summary>
    public static ValidationProblem? OnlyFormatAllowed(HttpRequest request, string resource)
    {
        if (!request.QueryString.HasValue)
        {
            return null;
        }

        var unknown = request.Query.Keys.Where(k => k != ListParameters.Format).ToArray();
        return unknown.Length == 0
            ? null
            : InvalidParameters(unknown.ToDictionary(k => k, _ => new[] { $"unknown parameter. {resource} takes only: {ListParameters.Format}." }));
    }

    private static ValidationProblem InvalidParameters(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(
            errors,
            detail: $"{errors.Count} query parameter(s) are not valid: {string.Join(", ", errors.Keys)}. See 'errors' for each.",
            title: "Invalid query parameters");

    private static string? LinkHeader(string? next, string? prev) => (next, prev) switch
    {
        (null, null) => null,
        (_, null) => $"<{next}>; rel=\"next\"",
        (null, _) => $"<{prev}>; rel=\"prev\"",
        _ => $"<{next}>; rel=\"next\", <{prev}>; rel=\"prev\"",
    };

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

/// <summary>A list's default first page, rendered once per snapshot.</summary>
/// <param name="Body">The JSON body.</param>
/// <param name="ETag">Its strong ETag, as <see cref="HttpCaching.ETag"/> computes it for the request.</param>
/// <param name="LinkHeader">The <c>Link</c> header to the next page, if there is one.</param>
internal sealed record RenderedPage(byte[] Body, string ETag, string? LinkHeader);

/// <summary>Endpoint metadata of a record operation, for the OpenAPI document.</summary>
/// <param name="Descriptor">The collection.</param>
/// <param name="ExampleId">An id of the seed data.</param>
public sealed record RecordOperation(CollectionDescriptor Descriptor, string ExampleId);
