using System.Buffers;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.ResponseCompression;

namespace ReadoutApi.Http;

/// <summary>What an export is made of: an optional first line, then each record's rendered bytes, each followed by a terminator.</summary>
/// <param name="Header">The CSV header line; empty for NDJSON.</param>
/// <param name="Select">Runs the query: the records, in order (not called when the body comes from the cache).</param>
/// <param name="Record">A record's rendered bytes (its CSV line, or its JSON).</param>
/// <param name="Terminator">What follows each record: a line feed for NDJSON (CSV lines end in CRLF already).</param>
/// <param name="Rendered">Whether each record's bytes exist already, so the length can be known before the body is sent
/// (false when they are made per request, for <c>fields</c> or <c>expand</c>).</param>
public sealed record ExportBody(
    ReadOnlyMemory<byte> Header,
    Func<IReadOnlyList<int>> Select,
    Func<int, ReadOnlyMemory<byte>> Record,
    ReadOnlyMemory<byte> Terminator,
    bool Rendered = true)
{
    /// <summary>The body's length, uncompressed, for these records.</summary>
    public long Length(IReadOnlyList<int> positions)
    {
        long length = Header.Length + ((long)Terminator.Length * positions.Count);
        foreach (var position in positions)
        {
            length += Record(position).Length;
        }

        return length;
    }
}

/// <summary>
/// A whole-result export (CSV or NDJSON), streamed from the records' rendered bytes: nothing is serialized or read
/// back. The body is compressed here with the coding the compression middleware would choose (which then leaves it
/// alone), and a body that fits the <see cref="ExportCache"/> is kept under its ETag, so the same export again is a copy.
/// An export not in the cache is expensive work: it takes a turn (<see cref="ExpensiveWork"/>), and is a 503 when the
/// server is too busy to give it one. Once the body starts, the request timeout no longer applies: the work left is copying, and a reader too slow is
/// cut off by the server's minimum data rate.
/// </summary>
/// <param name="body">What to write.</param>
/// <param name="contentType">The media type with its parameters.</param>
/// <param name="fileName">The attachment's file name (CSV), or null.</param>
/// <param name="caching">Says which coding the response gets.</param>
/// <param name="cache">Where bodies are kept; null for a single record, which is kept nowhere and takes no turn.</param>
public sealed class ExportResult(ExportBody body, string contentType, string? fileName, HttpCaching caching, ExportCache? cache)
    : RepresentationResult
{
    private const int ChunkBytes = 64 * 1024;

    /// <inheritdoc />
    public override async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var aborted = httpContext.RequestAborted;
        var compression = caching.CompressionFor(httpContext);
        var etag = response.Headers.ETag.ToString();
        if (cache is not null && etag.Length > 0 && cache.TryGet(etag, out var kept))
        {
            Describe(response, compression);
            response.ContentLength = kept.Length;
            await response.Body.WriteAsync(kept, aborted);
            return;
        }

        var work = cache is null ? null : httpContext.RequestServices?.GetService<ExpensiveWork>();
        using var turn = work is null ? null : await work.TakeTurnAsync(aborted);
        if (turn is { IsAcquired: false })
        {
            await LoadShedding.WriteBusy(httpContext, work!);
            return;
        }

        var positions = body.Select();
        Describe(response, compression);
        if (compression is null && body.Rendered)
        {
            response.ContentLength = body.Length(positions);
        }

        if (HttpMethods.IsHead(httpContext.Request.Method))
        {
            return;
        }

        httpContext.Features.Get<IHttpRequestTimeoutFeature>()?.DisableTimeout();
        // A body kept must fit the cache: known in advance when it is not compressed.
        using var capture = cache is not null && etag.Length > 0 && (response.ContentLength is not { } length || length <= cache.MaxEntryBytes)
            ? new CaptureStream(response.Body, cache.MaxEntryBytes)
            : null;
        var sink = (Stream?)capture ?? response.Body;
        var encoder = compression?.CreateStream(sink);
        try
        {
            await Write(encoder ?? sink, positions, aborted);
            if (encoder is not null)
            {
                // The coding's last block: written before the body is complete.
                await encoder.DisposeAsync();
                encoder = null;
            }
        }
        finally
        {
            // The client went away mid-body: release the encoder without writing more.
            if (encoder is not null)
            {
                try
                {
                    await encoder.DisposeAsync();
                }
                catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
                {
                }
            }
        }

        if (capture?.TakeCaptured() is { } whole)
        {
            cache!.Add(etag, whole);
        }
    }

    // Records are copied into 64 KiB chunks, so the sink (a compressor, the response) gets few, large writes.
    private async Task Write(Stream sink, IReadOnlyList<int> positions, CancellationToken cancellationToken)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            var used = 0;
            async Task Append(ReadOnlyMemory<byte> bytes)
            {
                if (used + bytes.Length > chunk.Length)
                {
                    await sink.WriteAsync(chunk.AsMemory(0, used), cancellationToken);
                    used = 0;
                }

                if (bytes.Length > chunk.Length)
                {
                    await sink.WriteAsync(bytes, cancellationToken);
                    return;
                }

                bytes.CopyTo(chunk.AsMemory(used));
                used += bytes.Length;
            }

            await Append(body.Header);
            foreach (var position in positions)
            {
                await Append(body.Record(position));
                await Append(body.Terminator);
            }

            await sink.WriteAsync(chunk.AsMemory(0, used), cancellationToken);
            await sink.FlushAsync(cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private void Describe(HttpResponse response, ICompressionProvider? compression)
    {
        response.ContentType = contentType;
        if (fileName is not null)
        {
            response.Headers.ContentDisposition = ContentDispositions.Attachment(fileName);
        }

        if (compression is not null)
        {
            response.Headers.ContentEncoding = compression.EncodingName;
        }
    }

    /// <summary>
    /// Passes writes on, and keeps a copy of them while they fit in <paramref name="limit"/> bytes: in pooled 64 KiB
    /// segments, so that a body that turns out too large leaves no garbage, and one that fits is copied once, into an
    /// array of its exact size.
    /// </summary>
    private sealed class CaptureStream(Stream inner, long limit) : Stream
    {
        private readonly List<byte[]> _segments = [];
        private long _length;
        private bool _overflowed;

        /// <summary>Everything written, if it fit; null otherwise. Gives the segments back to the pool.</summary>
        public byte[]? TakeCaptured()
        {
            var whole = _overflowed ? null : new byte[_length];
            for (var i = 0; i < _segments.Count; i++)
            {
                if (whole is not null)
                {
                    var offset = (long)i * ChunkBytes;
                    _segments[i].AsSpan(0, (int)Math.Min(ChunkBytes, _length - offset)).CopyTo(whole.AsSpan((int)offset));
                }

                ArrayPool<byte>.Shared.Return(_segments[i]);
            }

            _segments.Clear();
            return whole;
        }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Keep(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Keep(buffer.AsSpan(offset, count));
            inner.Write(buffer, offset, count);
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _overflowed = true;
                TakeCaptured();
            }

            base.Dispose(disposing);
        }

        private void Keep(ReadOnlySpan<byte> bytes)
        {
            if (_overflowed)
            {
                return;
            }

            if (_length + bytes.Length > limit)
            {
                _overflowed = true;
                TakeCaptured();
                return;
            }

            while (bytes.Length > 0)
            {
                var used = (int)(_length % ChunkBytes);
                if (used == 0 && _length / ChunkBytes == _segments.Count)
                {
                    _segments.Add(ArrayPool<byte>.Shared.Rent(ChunkBytes));
                }

                var segment = _segments[^1].AsSpan(used, ChunkBytes - used);
                var n = Math.Min(segment.Length, bytes.Length);
                bytes[..n].CopyTo(segment);
                bytes = bytes[n..];
                _length += n;
            }
        }
    }
}
