using System.Buffers;
using System.Text.Json;
using ReadoutApi.Contracts;
using ReadoutApi.Querying;

namespace ReadoutApi.Http;

/// <summary>
/// The list envelope written around records rendered at load time: no record is serialized per request.
/// The bytes are exactly what serializing <see cref="ListResponse{T}"/> would give.
/// </summary>
public sealed class JsonPageResult(IReadOnlyList<ReadOnlyMemory<byte>> records, ListMeta meta, ListLinks links) : RepresentationResult
{
    /// <summary>The envelope of a finished page.</summary>
    public JsonPageResult(ListPage page)
        : this(page.Records, page.Meta, page.Links)
    {
    }

    /// <inheritdoc />
    public override async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = JsonBytesResult.ContentType;
        await using var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter);
        Write(writer);
        await writer.FlushAsync(httpContext.RequestAborted);
    }

    /// <summary>The whole body as bytes, for a page rendered once and served many times.</summary>
    public byte[] Render()
    {
        var buffer = new ArrayBufferWriter<byte>(records.Sum(r => r.Length) + 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("data");
        foreach (var record in records)
        {
            writer.WriteRawValue(record.Span, skipInputValidation: true);
        }

        writer.WriteEndArray();
        writer.WritePropertyName("meta");
        JsonSerializer.Serialize(writer, meta, ReadoutJsonContext.Default.ListMeta);
        writer.WritePropertyName("links");
        JsonSerializer.Serialize(writer, links, ReadoutJsonContext.Default.ListLinks);
        writer.WriteEndObject();
    }
}

/// <summary>JSON rendered before the request came: a record, or a page rendered once per snapshot.</summary>
public sealed class JsonBytesResult(ReadOnlyMemory<byte> json) : RepresentationResult
{
    /// <summary>The media type of every JSON response.</summary>
    public const string ContentType = "application/json; charset=utf-8";

    /// <inheritdoc />
    public override Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = ContentType;
        httpContext.Response.ContentLength = json.Length;
        return httpContext.Response.Body.WriteAsync(json, httpContext.RequestAborted).AsTask();
    }
}

/// <summary>
/// A 200 with a representation of a resource (JSON, a JSON page, CSV, NDJSON or Atom). Each route documents its
/// media types from the formats its collection offers.
/// </summary>
public abstract class RepresentationResult : IResult
{
    /// <inheritdoc />
    public abstract Task ExecuteAsync(HttpContext httpContext);
}
