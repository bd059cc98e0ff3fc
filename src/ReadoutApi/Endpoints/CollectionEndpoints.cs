using Microsoft.AspNetCore.Http.HttpResults;
using ReadoutApi.Collections;
using ReadoutApi.Contracts;
using ReadoutApi.Http;
using ReadoutApi.OpenApi;
using ReadoutApi.Querying;
using ReadoutApi.Snapshots;

namespace ReadoutApi.Endpoints;

/// <summary>The list and record operations of every collection in <see cref="CollectionRegistry"/>.</summary>
public static class CollectionEndpoints
{
    /// <summary>GET and HEAD: the methods of every resource.</summary>
    public static readonly string[] ReadMethods = [HttpMethods.Get, HttpMethods.Head];

    private const string CsvMediaType = "text/csv; charset=utf-8; header=present";
    private const string NdjsonMediaType = "application/x-ndjson; charset=utf-8";
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    /// <summary>Maps <c>/v1/{collection}</c>, and <c>/v1/{collection}/{id}</c> where records are served one by one.</summary>
    public static IEndpointRouteBuilder MapCollections(this IEndpointRouteBuilder app)
    {
        foreach (var module in CollectionRegistry.All)
        {
            app.MapCollection(module);
        }

        return app;
    }

    private static void MapCollection(this IEndpointRouteBuilder app, CollectionModule module)
    {
        var descriptor = module.Descriptor;
        var docs = module.Docs;
        var name = char.ToUpperInvariant(descriptor.Name[0]) + descriptor.Name[1..];
        var group = app.MapGroup(descriptor.Path).WithTags(docs.Tag).ProducesPipelineResponses();
        string[] listTypes = [.. descriptor.Formats.Select(f => FormatNegotiation.MediaType(Enum.Parse<ResponseFormat>(f, ignoreCase: true)))];

        group.MapMethods("", ReadMethods, ([AsParameters] ListParameters parameters, HttpContext context, SnapshotStore store, CursorCodec cursors, HttpCaching caching, ExportCache exports) =>
                List(module, parameters, context, store, cursors, caching, exports))
            .WithName($"list{name}")
            .WithSummary(docs.ListSummary)
            .WithDescription(docs.ListDescription)
            .WithMetadata(new ListOperation(module), new ListFormats(descriptor.Formats))
            .Produces(StatusCodes.Status200OK, typeof(ListResponse<>).MakeGenericType(module.DtoType), listTypes[0], listTypes[1..]);

        if (docs.GetSummary is not null)
        {
            group.MapMethods("/{id}", ReadMethods, (string id, HttpContext context, SnapshotStore store, HttpCaching caching) =>
                    Get(module, id, context, store.Current, caching))
                .WithName($"get{Singular(name)}")
                .WithSummary(docs.GetSummary)
                .WithDescription(docs.GetDescription ?? docs.GetSummary)
                .WithMetadata(new RecordOperation(module))
                .Produces(StatusCodes.Status200OK, module.DtoType, "application/json", "text/csv", "application/x-ndjson");
        }
    }

    /// <summary>Documents what the pipeline may answer on any route, around the handler: 405, 429 and 503 (load shedding).</summary>
    public static TBuilder ProducesPipelineResponses<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder
        .ProducesProblem(StatusCodes.Status405MethodNotAllowed)
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <summary>A page of a collection (or the whole result as CSV or NDJSON), or a problem.</summary>
    public static Results<RepresentationResult, NotModified, ValidationProblem, NotAcceptable> List(
        CollectionModule module, ListParameters parameters, HttpContext context, SnapshotStore store, CursorCodec cursors, HttpCaching caching,
        ExportCache exports)
    {
        // A walk goes on in the snapshot it began on while that is held (a bad token is refused by the parser below).
        var snapshot = parameters.Cursor is [var token] && cursors.Decode(token) is { } cursor ? store.ForWalk(cursor.Version) : store.Current;
        var collection = snapshot[module];
        var request = context.Request;
        var negotiated = FormatNegotiation.Negotiate(request, module.Descriptor.Formats);
        if (negotiated is { Invalid: { } invalidFormat })
        {
            return invalidFormat;
        }

        if (negotiated is { NotAcceptable: { } notAcceptable })
        {
            return notAcceptable;
        }

        var format = negotiated.Format!.Value;
        if (!request.QueryString.HasValue && format == ResponseFormat.Json && request.Path.Value == module.Descriptor.Path)
        {
            // The first page with every parameter at its default is what most clients ask for: render it once.
            var rendered = snapshot.Memo(module.Descriptor.Path, (snapshot, collection, cursors), DefaultPage);
            if (rendered.LinkHeader is not null)
            {
                store.Walked(snapshot);
                context.Response.Headers.Link = rendered.LinkHeader;
            }

            return caching.IsNotModified(context, snapshot.Stamp, rendered.ETag) ? NotModified.Instance : new JsonBytesResult(rendered.Body);
        }

        var address = PageAddress.Of(request.Path, request.QueryString.Value ?? "", request.Query);
        if (format == ResponseFormat.Atom)
        {
            // A feed chosen by Accept links to feeds: its self, next and prev links say format=atom.
            address = address.WithFormat("atom");
        }

        if (QueryParser.Parse(parameters, request.Query, address, collection, cursors, out var errors) is not { } query)
        {
            return InvalidParameters(errors);
        }

        // Atom links are absolute: built on the request's origin (no PublicBaseUrl), they make the ETag differ by origin.
        if (format == ResponseFormat.Atom
                ? caching.IsNotModified(context, snapshot.Stamp, PublicLinks.ETagFor(
                    HttpCaching.ETag(snapshot.Stamp, request.Path, request.QueryString, format), PublicLinks.RequestOrigin(context)))
                : caching.IsNotModified(context, snapshot.Stamp, format))
        {
            return NotModified.Instance;
        }

        if (format is ResponseFormat.Csv or ResponseFormat.Ndjson)
        {
            return Export(module, collection, collection.Positions(query), format, $"{module.Title}.csv", caching, exports);
        }

        var page = collection.Execute(query, new PageContext(snapshot.Version, cursors));
        if (LinkHeader(page.Links) is { } link)
        {
            store.Walked(snapshot);
            context.Response.Headers.Link = link;
        }

        if (format == ResponseFormat.Atom)
        {
            var entries = page.Records.Select(json => module.AtomEntry(json, snapshot.References)).ToArray();
            return new AtomResult(
                $"ReadoutApi: {module.Title}", snapshot.LoadedAt, entries, page.Links.Self, page.Links.Next, page.Links.Prev,
                address.Identity(module.Descriptor.Path));
        }

        return new JsonPageResult(page);
    }

    /// <summary>One record, or a 404 naming the id.</summary>
    public static Results<RepresentationResult, NotModified, ValidationProblem, NotAcceptable, NotFoundProblem> Get(
        CollectionModule module, string id, HttpContext context, Snapshot snapshot, HttpCaching caching)
    {
        var collection = snapshot[module];
        var request = context.Request;
        if (OnlyFormatAllowed(request, $"A single {module.Descriptor.ItemType}") is { } invalid)
        {
            return invalid;
        }

        var negotiated = FormatNegotiation.Negotiate(request, CollectionDescriptor.AllFormats);
        if (negotiated is { Invalid: { } invalidFormat })
        {
            return invalidFormat;
        }

        if (negotiated is { NotAcceptable: { } notAcceptable })
        {
            return notAcceptable;
        }

        // Ids are lowercase slugs and country codes uppercase; either is accepted in any case.
        if (!collection.Records.TryFind(id, out var position) &&
            !collection.Records.TryFind(id.ToLowerInvariant(), out position) &&
            !collection.Records.TryFind(id.ToUpperInvariant(), out position))
        {
            var shown = id.Length > 100 ? id[..100] + "…" : id;
            return new NotFoundProblem($"No {module.Descriptor.ItemType} has the id '{shown}'. List them at {module.Descriptor.Path}.");
        }

        var format = negotiated.Format!.Value;
        if (caching.IsNotModified(context, snapshot.Stamp, format))
        {
            return NotModified.Instance;
        }

        // The file is named by the record's own id, not by the id as asked for (which may differ in case, or be any text).
        return format == ResponseFormat.Json
            ? new JsonBytesResult(collection.Records.Json(position))
            : Export(module, collection, [position], format, $"{module.Title}-{collection.Records.IdAt(position)}.csv", caching, cache: null);
    }

    // A CSV or NDJSON body of records, copied from what each record rendered once.
    private static ExportResult Export(
        CollectionModule module, Collection collection, IReadOnlyList<int> positions, ResponseFormat format, string fileName, HttpCaching caching,
        ExportCache? cache) =>
        format == ResponseFormat.Csv
            ? new ExportResult(new ExportBody(module.CsvHeader, positions, collection.Records.Csv, default), CsvMediaType, fileName, caching, cache)
            : new ExportResult(new ExportBody(default, positions, collection.Records.Json, NewLine), NdjsonMediaType, null, caching, cache);

    /// <summary>A 400 naming every query parameter other than <c>format</c>, for resources that take no other; else null.</summary>
    public static ValidationProblem? OnlyFormatAllowed(HttpRequest request, string resource)
    {
        if (!request.QueryString.HasValue)
        {
            return null;
        }

        var unknown = request.Query.Keys.Where(k => k != ParameterNames.Format).ToArray();
        return unknown.Length == 0
            ? null
            : InvalidParameters(unknown.ToDictionary(k => k, _ => new[] { $"unknown parameter. {resource} takes only: {ParameterNames.Format}." }));
    }

    private static ValidationProblem InvalidParameters(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(
            errors,
            detail: $"{errors.Count} query parameter(s) are not valid: {string.Join(", ", errors.Keys)}. See 'errors' for each.",
            title: "Invalid query parameters");

    private static RenderedPage DefaultPage((Snapshot Snapshot, Collection Collection, CursorCodec Cursors) state)
    {
        var (snapshot, collection, cursors) = state;
        var path = collection.Descriptor.Path;
        var page = collection.Execute(QueryParser.Parse(path, "", collection, out _)!, new PageContext(snapshot.Version, cursors));
        return new RenderedPage(
            new JsonPageResult(page).Render(),
            HttpCaching.ETag(snapshot.Stamp, path, QueryString.Empty, ResponseFormat.Json),
            LinkHeader(page.Links));
    }

    private static string? LinkHeader(ListLinks links) => (links.Next, links.Prev) switch
    {
        (null, null) => null,
        (var next, null) => $"<{next}>; rel=\"next\"",
        (null, var prev) => $"<{prev}>; rel=\"prev\"",
        (var next, var prev) => $"<{next}>; rel=\"next\", <{prev}>; rel=\"prev\"",
    };

    private static string Singular(string plural) => plural switch
    {
        "People" => "Person",
        "Countries" => "Country",
        _ => plural.TrimEnd('s'),
    };

    /// <summary>A list's default first page, rendered once per snapshot.</summary>
    /// <param name="Body">The JSON body.</param>
    /// <param name="ETag">Its strong ETag, as <see cref="HttpCaching.ETag"/> computes it for the request.</param>
    /// <param name="LinkHeader">The <c>Link</c> header to the next page, if there is one.</param>
    private sealed record RenderedPage(byte[] Body, string ETag, string? LinkHeader);
}
