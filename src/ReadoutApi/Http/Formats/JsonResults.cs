using System.Text.Json;
using ReadoutApi.Contracts;

namespace ReadoutApi.Http.Formats;

/// <summary>
/// The list envelope written around records rendered at load time: no record is serialized per request.
/// The bytes are exactly what serializing <see cref="ListResponse{T}"/> would give.
/// </summary>
public sealed class JsonPageResult(IReadOnlyList<ReadOnlyMemory<byte>> records, ListMeta meta, ListLinks links) : IResult
{
    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter);
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
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}

/// <summary>One record's JSON, rendered at load time.</summary>
public sealed class JsonRecordResult(ReadOnlyMemory<byte> json) : IResult
{
    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        httpContext.Response.ContentLength = json.Length;
        return httpContext.Response.Body.WriteAsync(json, httpContext.RequestAborted).AsTask();
    }
}
