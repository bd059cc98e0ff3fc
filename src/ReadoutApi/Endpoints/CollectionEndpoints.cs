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
        string[] recordTypes = [.. descriptor.RecordFormats.Select(f => FormatNegotiation.MediaType(Enum.Parse<ResponseFormat>(f, ignoreCase: true)))];

        group.MapMethods("", ReadMethods, ([AsParameters] ListParameters parameters, HttpContext context, SnapshotStore store, CursorCodec cursors, HttpCaching caching, ExportCache exports, ExpensiveWork work) =>
                List(module, parameters, context, store, cursors, caching, exports, work))
            .WithName($"list{name}")
            .WithSummary(docs.ListSummary)
            .WithDescription(docs.ListDescription)
            .WithMetadata(new ListOperation(module), new ListFormats(descriptor.Formats))
            .Produces(StatusCodes.Status200OK, typeof(ListResponse<>).MakeGenericType(module.DtoType), listTypes[0], listTypes[1..]);

        if (docs.GetSummary is not null)
        {
            group.MapMethods("/{id}", ReadMethods, (string id, [AsParameters] RecordParameters parameters, HttpContext context, SnapshotStore store, HttpCaching caching) =>
                    Get(module, id, parameters, context, store.Current, caching))
                .WithName($"get{Singular(name)}")
                .WithSummary(docs.GetSummary)
                .WithDescription(docs.GetDescription ?? docs.GetSummary)
                .WithMetadata(new RecordOperation(module))
                .Produces(StatusCodes.Status200OK, module.DtoType, recordTypes[0], recordTypes[1..]);
        }
    }

    /// <summary>Documents what the pipeline may answer on any route, around the handler: 405, 429 and 503 (load shedding).</summary>
    public static TBuilder ProducesPipelineResponses<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder
        .ProducesProblem(StatusCodes.Status405MethodNotAllowed)
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <summary>A page of a collection (or the whole result as CSV or NDJSON), or a problem.</summary>
    public static async Task<Results<RepresentationResult, NotModified, ValidationProblem, NotAcceptable, BusyProblem>> List(
        CollectionModule module, ListParameters parameters, HttpContext context, SnapshotStore store, CursorCodec cursors, HttpCaching caching,
        ExportCache exports, ExpensiveWork work)
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
        if (format is ResponseFormat.Atom or ResponseFormat.JsonLd)
        {
            // A feed (or JSON-LD page) chosen by Accept links to feeds: its self, next and prev links say format=atom (jsonld).
            address = address.WithFormat(format == ResponseFormat.Atom ? "atom" : "jsonld");
        }

        if (QueryParser.Parse(parameters, request.Query, address, collection, cursors, out var errors) is not { } query)
        {
            return InvalidParameters(errors);
        }

        if (Representations.NotOffered(query.Projection, format) is { } notOffered)
        {
            return InvalidParameters(notOffered);
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
            // The query runs when the export is written, and only if it is not in the cache.
            return Representations.Export(module, snapshot, () => collection.Positions(query), query.Projection, format, $"{module.Title}.csv", caching, exports);
        }

        // A search whose words would union many positions is expensive work: it takes a turn.
        using var turn = query.Words.Count > 0 && collection.Index.Search.Cost(query.Words) > work.ExpensiveSearchPostings
            ? await work.TakeTurnAsync(context.RequestAborted)
            : null;
        if (turn is { IsAcquired: false })
        {
            return new BusyProblem(work);
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

        if (format == ResponseFormat.JsonLd)
        {
            var references = snapshot.References;
            return JsonLdResult.Page(page, (writer, json) => module.WriteLinkedData(writer, json, references, withContext: false));
        }

        return new JsonPageResult(Representations.Project(page.Records, query.Projection, snapshot), page.Meta, page.Links);
    }

    /// <summary>One record, a 308 to it from one of its names or aliases, or a 404 naming the id.</summary>
    public static Results<RepresentationResult, NotModified, AliasRedirect, ValidationProblem, NotAcceptable, NotFoundProblem> Get(
        CollectionModule module, string id, RecordParameters parameters, HttpContext context, Snapshot snapshot, HttpCaching caching)
    {
        var collection = snapshot[module];
        var request = context.Request;
        if (OnlyParametersAllowed(request, $"A single {module.Descriptor.ItemType}", UnknownParameters.OfRecord) is { } invalid)
        {
            return invalid;
        }

        if (parameters.Projection(collection.Shape, request.Query, out var projectionErrors) is not { } projection)
        {
            return InvalidParameters(projectionErrors);
        }

        var negotiated = FormatNegotiation.Negotiate(request, module.Descriptor.RecordFormats);
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
            if (module.AliasKind is { } aliases && snapshot.References.Resolve(aliases, id) is { } canonical)
            {
                context.Response.Headers.CacheControl = caching.CacheControl;
                return new AliasRedirect(Paths.Record(module.Descriptor.Name, canonical) + request.QueryString.Value);
            }

            var shown = id.Length > 100 ? id[..100] + "…" : id;
            return new NotFoundProblem($"No {module.Descriptor.ItemType} has the id '{shown}'. List them at {module.Descriptor.Path}.");
        }

        var format = negotiated.Format!.Value;
        if (Representations.NotOffered(projection, format) is { } notOffered)
        {
            return InvalidParameters(notOffered);
        }

        // A record's own representations change with it alone: its meta validates them, the times included, since they are
        // in the bytes (replicas with journals of their own may disagree on them). What also shows other records (expanded
        // links, the names JSON-LD writes) is validated by the data version.
        var meta = collection.Records.Meta(position);
        var stamp = projection.Expands || format == ResponseFormat.JsonLd
            ? snapshot.Stamp
            : new DataStamp($"{meta.Version}/{meta.FirstSeen.ToUnixTimeSeconds()}/{meta.LastChanged.ToUnixTimeSeconds()}", meta.LastChanged);
        if (caching.IsNotModified(context, stamp, format))
        {
            return NotModified.Instance;
        }

        if (format == ResponseFormat.JsonLd)
        {
            var json = collection.Records.Json(position);
            return new JsonLdResult(writer => module.WriteLinkedData(writer, json, snapshot.References, withContext: true));
        }

        // The file is named by the record's own id, not by the id as asked for (which may differ in case, or be any text).
        return format == ResponseFormat.Json
            ? new JsonBytesResult(Representations.Project([collection.Records.Json(position)], projection, snapshot)[0])
            : Representations.Export(
                module, snapshot, () => [position], projection, format, $"{module.Title}-{collection.Records.IdAt(position)}.csv", caching, cache: null);
    }

    /// <summary>A 400 naming every query parameter the resource does not take; else null.</summary>
    public static ValidationProblem? OnlyParametersAllowed(HttpRequest request, string resource, IReadOnlyList<string> allowed)
    {
        if (!request.QueryString.HasValue)
        {
            return null;
        }

        var unknown = UnknownParameters.Errors(resource, request.Query.Keys, allowed);
        return unknown.Count == 0 ? null : InvalidParameters(unknown);
    }

    /// <summary>A 400 problem naming each bad parameter.</summary>
    public static ValidationProblem InvalidParameters(Dictionary<string, string[]> errors) =>
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
