using System.Collections.Frozen;
using ReadoutApi.Contracts;

namespace ReadoutApi.Querying;

/// <summary>A record rendered: its JSON (the response shape, serialized) and its CSV line (UTF-8, ending in CRLF).</summary>
/// <param name="Json">The UTF-8 JSON.</param>
/// <param name="Csv">The CSV line.</param>
public readonly record struct RenderedRecord(byte[] Json, byte[] Csv);

/// <summary>
/// A collection's records by position (id order), their JSON and their CSV line. Each record is rendered once per
/// snapshot, while it is built (<see cref="ContentVersions"/>, then <see cref="Stamp"/> adds its meta), and responses
/// and exports copy those bytes instead of serializing. A record is kept only until it is rendered (memory at 100,000 records).
/// </summary>
public sealed class RecordStore
{
    private readonly string[] _ids;
    private readonly FrozenDictionary<string, int> _positions;
    private readonly byte[]?[] _json;
    private readonly byte[]?[] _csv;
    private readonly object?[] _unrendered;
    private readonly Func<object, RenderedRecord> _render;
    private RecordMeta[]? _meta;

    private RecordStore(string[] ids, object?[] records, Func<object, RenderedRecord> render)
    {
        _ids = ids;
        _positions = ids.Select((id, i) => (id, i)).ToFrozenDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        _json = new byte[ids.Length][];
        _csv = new byte[ids.Length][];
        _unrendered = records;
        _render = render;
    }

    /// <summary>Stores records already in id order.</summary>
    /// <param name="ids">Each record's id, ascending (ordinal).</param>
    /// <param name="ordered">The records, in the order of <paramref name="ids"/>.</param>
    /// <param name="render">A record's JSON and CSV line.</param>
    public static RecordStore Create<T>(string[] ids, T[] ordered, Func<T, RenderedRecord> render)
        where T : class =>
        new(ids, Array.ConvertAll(ordered, r => (object?)r), r => render((T)r));

    /// <summary>How many records.</summary>
    public int Count => _ids.Length;

    /// <summary>The ids, in position order.</summary>
    public IReadOnlyList<string> Ids => _ids;

    /// <summary>The id of the record at a position.</summary>
    public string IdAt(int position) => _ids[position];

    /// <summary>The position of the record with that id, if any.</summary>
    public bool TryFind(string id, out int position) => _positions.TryGetValue(id, out position);

    /// <summary>The UTF-8 JSON of the record at a position.</summary>
    public ReadOnlyMemory<byte> Json(int position) => Volatile.Read(ref _json[position]) ?? Render(position).Json;

    /// <summary>The CSV line (UTF-8, CRLF at the end) of the record at a position.</summary>
    public ReadOnlyMemory<byte> Csv(int position) => Volatile.Read(ref _csv[position]) ?? Render(position).Csv;

    /// <summary>
    /// Each record's version (<see cref="RecordVersions.Of"/>), by position. Called before <see cref="Stamp"/>. The
    /// rendering hashed is not kept: <see cref="Stamp"/> renders again and keeps the bytes with their meta, so that the
    /// store never holds two renderings of every record (at 100,000 records, hundreds of MiB more at the peak).
    /// </summary>
    public string[] ContentVersions()
    {
        var versions = new string[Count];
        Parallel.For(0, Count, position => versions[position] = RecordVersions.Of(Content(position).Json));
        return versions;
    }

    /// <summary>
    /// Appends each record's <c>meta</c> to its JSON and CSV line, once, before the store is served: from then on every
    /// representation carries it.
    /// </summary>
    /// <param name="metas">Each record's meta, by position.</param>
    public void Stamp(RecordMeta[] metas)
    {
        if (metas.Length != Count || _meta is not null)
        {
            throw new InvalidOperationException("A store is stamped once, with one meta per record.");
        }

        Parallel.For(0, Count, position =>
        {
            var rendered = Content(position);
            _json[position] = RecordVersions.WithMeta(rendered.Json, metas[position]);
            _csv[position] = RecordVersions.CsvWithMeta(rendered.Csv, metas[position]);
            Volatile.Write(ref _unrendered[position], null);
        });
        _meta = metas;
    }

    /// <summary>The meta of the record at a position (once stamped).</summary>
    public RecordMeta Meta(int position) =>
        (_meta ?? throw new InvalidOperationException("The store is not stamped yet."))[position];

    // The record's content rendered, not stored (while the store is built, before any request).
    private RenderedRecord Content(int position) =>
        Volatile.Read(ref _unrendered[position]) is { } record ? _render(record) : Render(position);

    // Safe when requests race to render the same record: the first bytes stored win, and every caller returns those.
    // The record is released only after both its renderings are stored, so a caller that finds no record finds them.
    private RenderedRecord Render(int position)
    {
        if (Volatile.Read(ref _unrendered[position]) is not { } record)
        {
            return new RenderedRecord(Volatile.Read(ref _json[position])!, Volatile.Read(ref _csv[position])!);
        }

        var rendered = _render(record);
        var json = Interlocked.CompareExchange(ref _json[position], rendered.Json, null) ?? rendered.Json;
        var csv = Interlocked.CompareExchange(ref _csv[position], rendered.Csv, null) ?? rendered.Csv;
        Volatile.Write(ref _unrendered[position], null);
        return new RenderedRecord(json, csv);
    }
}
