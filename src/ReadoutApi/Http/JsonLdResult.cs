using System.Text.Json;
using ReadoutApi.Querying;

namespace ReadoutApi.Http;

/// <summary>
/// A compacted JSON-LD document (<c>application/ld+json</c>) on the schema.org context: one record's node, or a page of
/// them as a schema.org <c>ItemList</c> that is also a Hydra <c>PartialCollectionView</c>, whose <c>next</c> and
/// <c>previous</c> are the page's links (the same as in the <c>Link</c> header). Every link is the API's relative URL,
/// which a JSON-LD processor resolves against the document's address.
/// </summary>
/// <param name="write">Writes the document.</param>
public sealed class JsonLdResult(Action<Utf8JsonWriter> write) : RepresentationResult
{
    /// <summary>The schema.org context, by the address schema.org publishes it at.</summary>
    public const string SchemaOrg = "https://schema.org";

    /// <summary>The Hydra Core vocabulary, whose <c>next</c> and <c>previous</c> link the pages.</summary>
    public const string Hydra = "http://www.w3.org/ns/hydra/core#";

    /// <summary>The media type of every JSON-LD response.</summary>
    public const string ContentType = $"application/ld+json; profile=\"{FormatNegotiation.JsonLdProfile}\"";

    /// <summary>A page: the records' nodes in a list, with the links to the pages before and after.</summary>
    /// <param name="page">The finished page.</param>
    /// <param name="writeItem">Writes one record's node (without <c>@context</c>) from its JSON.</param>
    public static JsonLdResult Page(ListPage page, Action<Utf8JsonWriter, ReadOnlyMemory<byte>> writeItem) => new(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("@context");
        w.WriteStringValue(SchemaOrg);
        w.WriteStartObject();
        w.WriteString("hydra", Hydra);
        LinkTerm(w, "next");
        LinkTerm(w, "previous");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("@type");
        w.WriteStringValue("ItemList");
        w.WriteStringValue("hydra:PartialCollectionView");
        w.WriteEndArray();
        w.WriteString("@id", page.Links.Self);
        if (page.Links.Next is { } next)
        {
            w.WriteString("next", next);
        }

        if (page.Links.Prev is { } prev)
        {
            w.WriteString("previous", prev);
        }

        // The list is this page: its positions count from 1 on every page (a cursor is not an offset).
        w.WriteNumber("numberOfItems", page.Records.Count);
        w.WriteStartArray("itemListElement");
        for (var i = 0; i < page.Records.Count; i++)
        {
            w.WriteStartObject();
            w.WriteString("@type", "ListItem");
            w.WriteNumber("position", i + 1);
            w.WritePropertyName("item");
            writeItem(w, page.Records[i]);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <inheritdoc />
    public override async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = ContentType;
        await using var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter);
        write(writer);
        await writer.FlushAsync(httpContext.RequestAborted);
    }

    /// <summary>The whole document as bytes (the OpenAPI examples).</summary>
    public byte[] Render()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void LinkTerm(Utf8JsonWriter w, string term)
    {
        w.WriteStartObject(term);
        w.WriteString("@id", "hydra:" + term);
        w.WriteString("@type", "@id");
        w.WriteEndObject();
    }
}
