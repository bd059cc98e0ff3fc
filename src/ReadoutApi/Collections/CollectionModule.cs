using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Mapster;
using ReadoutApi.Http;
using ReadoutApi.Querying;
using ReadoutApi.Seed;

namespace ReadoutApi.Collections;

/// <summary>What the OpenAPI document says of a collection's operations.</summary>
/// <param name="Tag">The tag grouping the resource's operations.</param>
/// <param name="ListSummary">One line for the list operation.</param>
/// <param name="ListDescription">What the list holds and how to query it.</param>
/// <param name="GetSummary">One line for the record operation; null when records are not served one by one (the timeline).</param>
/// <param name="GetDescription">What a record holds.</param>
/// <param name="ExampleId">An id of the seed data, for "Try it out" and the examples.</param>
/// <param name="TagDescription">What the tag's operations serve, shown under the tag.</param>
public sealed record CollectionDocs(
    string Tag, string ListSummary, string ListDescription, string? GetSummary = null, string? GetDescription = null, string? ExampleId = null,
    string? TagDescription = null)
{
    /// <summary>How every list is queried, appended to each list's description.</summary>
    public const string Querying =
        " Filters may repeat (OR) and combine (AND); `q` matches every word, case- and accent-insensitively, " +
        "over the record's text and the names and aliases of what it links to. Walk pages with `links.next` " +
        "(also in the `Link` header); every matching record comes exactly once.";
}

/// <summary>What a collection is built from: the references shared by every collection, the mapping, and the
/// collections built before it (the timeline is made of three others).</summary>
/// <param name="References">Referenced records by id and alias.</param>
/// <param name="Mapping">The compiled Mapster configuration.</param>
/// <param name="Built">A collection built already; only those a module names in <see cref="CollectionModule.BuiltFrom"/>.</param>
public sealed record BuildContext(ReferenceLookups References, TypeAdapterConfig Mapping, Func<CollectionModule, Collection> Built);

/// <summary>
/// Everything about one resource in one place: what clients may ask of it, how its records are indexed and searched,
/// how they map to their response shape, how they render as CSV and Atom, and what the documentation says.
/// The snapshot, the endpoints, the OpenAPI document and health loop over <see cref="CollectionRegistry.All"/>.
/// </summary>
public abstract class CollectionModule
{
    /// <summary>What clients may ask of the collection (its name, filters, sorts, formats).</summary>
    public abstract CollectionDescriptor Descriptor { get; }

    /// <summary>What the documentation says of it.</summary>
    public abstract CollectionDocs Docs { get; }

    /// <summary>The response shape of one record.</summary>
    public abstract Type DtoType { get; }

    /// <summary>The collections this one is made of, built before it.</summary>
    public virtual IReadOnlyList<CollectionModule> BuiltFrom => [];

    /// <summary>
    /// What the collection's names and aliases resolve as (a place's "Shorkot Air Base"), so that a record route given one
    /// redirects to the record; null for a collection without aliases.
    /// </summary>
    public virtual ValueKind? AliasKind => null;

    /// <summary>
    /// Whether its records are served one by one (<c>/v1/claims/{id}</c>): those are the records that carry a version
    /// and times, and whose changes the change feed follows. The timeline is a view of other collections' records.
    /// </summary>
    public bool ServesRecords => Docs.GetSummary is not null;

    /// <summary>The feed and file name stem (<c>claims</c>).</summary>
    public string Title => Descriptor.Name;

    /// <summary>Adds the mapping of its seed records to response shapes.</summary>
    public abstract void ConfigureMapping(TypeAdapterConfig config);

    /// <summary>Stores and indexes the collection's records of a data set.</summary>
    public abstract Collection Build(SeedData data, BuildContext context);

    /// <summary>The CSV header row.</summary>
    public abstract IReadOnlyList<string> CsvHeaders { get; }

    /// <summary>The CSV header line, UTF-8, ending in CRLF (each record's line is rendered with its JSON).</summary>
    public byte[] CsvHeader => field ??= CsvLines.Line(CsvHeaders);

    /// <summary>The fields of the response shape.</summary>
    public abstract FieldTree Shape { get; }

    /// <summary>
    /// The top-level field a CSV column shows, which <c>fields</c> selects it by: the column's name when that is a
    /// field; <c>links</c> for <c>href</c>; the field the name starts with (<c>claimantKind</c>: <c>claimant</c>); else
    /// what <see cref="CsvFieldsOfColumns"/> says. Where records carry <c>meta</c>, the last three columns are its.
    /// </summary>
    public string CsvFieldOf(string header) =>
        CsvFieldsOfColumns.TryGetValue(header, out var field) ? field
        : RecordVersions.CsvColumns.Contains(header) ? "meta"
        : header == "href" ? "links"
        : Shape.Children.ContainsKey(header) ? header
        : Shape.Names.FirstOrDefault(n => header.StartsWith(n, StringComparison.Ordinal)) ?? header;

    /// <summary>The columns (indexes) that show any of these top-level fields.</summary>
    public int[] CsvColumnsOf(IReadOnlySet<string> fields) =>
        [.. Enumerable.Range(0, CsvHeaders.Count).Where(i => fields.Contains(CsvFieldOf(CsvHeaders[i])))];

    /// <summary>The fields of the columns whose names say neither (<c>quotes</c>: <c>points</c>).</summary>
    protected virtual IReadOnlyDictionary<string, string> CsvFieldsOfColumns { get; } = new Dictionary<string, string>();

    /// <summary>The Atom entry of a record, from its JSON; only for collections that offer <c>atom</c>.</summary>
    public abstract AtomEntry AtomEntry(ReadOnlyMemory<byte> json, ReferenceLookups references);

    /// <summary>
    /// Writes a record, from its JSON, as one schema.org JSON-LD node (with <c>@context</c> when it is the whole document);
    /// only for collections that offer <c>jsonld</c>.
    /// </summary>
    public abstract void WriteLinkedData(Utf8JsonWriter writer, ReadOnlyMemory<byte> json, ReferenceLookups references, bool withContext);

    /// <inheritdoc />
    public override string ToString() => Descriptor.Name;
}

/// <summary>A collection of seed records of one type, served as one response type.</summary>
/// <typeparam name="TRecord">The seed record.</typeparam>
/// <typeparam name="TDto">The response shape.</typeparam>
public abstract class CollectionModule<TRecord, TDto> : CollectionModule
    where TRecord : class
{
    /// <inheritdoc />
    public sealed override Type DtoType => typeof(TDto);

    /// <inheritdoc />
    public sealed override FieldTree Shape { get; } = FieldTree.Of(typeof(TDto));

    /// <summary>The source-generated serializer of the response shape.</summary>
    protected abstract JsonTypeInfo<TDto> Json { get; }

    /// <summary>The CSV columns.</summary>
    protected abstract CsvColumns<TDto> Csv { get; }

    /// <inheritdoc />
    public sealed override IReadOnlyList<string> CsvHeaders => field ??= ServesRecords ? [.. Csv.Headers, .. RecordVersions.CsvColumns] : Csv.Headers;

    /// <summary>The collection's records in a data set.</summary>
    protected abstract IEnumerable<TRecord> Records(SeedData data, BuildContext context);

    /// <summary>How its records are indexed: id, date, filter and sort keys, search texts.</summary>
    protected abstract CollectionDefinition<TRecord> Define(BuildContext context);

    /// <summary>The Atom entry of a record (only called where <c>atom</c> is a format of the collection).</summary>
    protected virtual AtomEntry Atom(TDto record, ReferenceLookups references) =>
        throw new NotSupportedException($"{Descriptor.Name} has no Atom feed.");

    /// <summary>Writes the schema.org node of a record (only called where <c>jsonld</c> is a format of the collection).</summary>
    protected virtual void LinkedData(Utf8JsonWriter writer, TDto record, ReferenceLookups references, bool withContext) =>
        throw new NotSupportedException($"{Descriptor.Name} has no JSON-LD rendering.");

    /// <inheritdoc />
    public sealed override Collection Build(SeedData data, BuildContext context)
    {
        var toDto = context.Mapping.GetMapFunction<TRecord, TDto>();
        var json = Json;
        var csv = Csv;
        // One mapping per record gives both renderings; CSV is never read back from JSON.
        RenderedRecord Render(TRecord record)
        {
            var dto = toDto(record);
            return new RenderedRecord(JsonSerializer.SerializeToUtf8Bytes(dto, json), CsvLines.Line(csv.Row(dto)));
        }

        return Collection.Build(Define(context), Records(data, context), Render, context.References.Resolve, Shape);
    }

    /// <inheritdoc />
    public sealed override AtomEntry AtomEntry(ReadOnlyMemory<byte> json, ReferenceLookups references)
    {
        var record = Read(json);
        var entry = Atom(record, references);
        // An entry's <updated> is when the record last changed; <published> stays its date.
        return record is Contracts.VersionedRecord { Meta: { } meta } ? entry with { Updated = meta.LastChanged } : entry;
    }

    /// <inheritdoc />
    public sealed override void WriteLinkedData(Utf8JsonWriter writer, ReadOnlyMemory<byte> json, ReferenceLookups references, bool withContext) =>
        LinkedData(writer, Read(json), references, withContext);

    // Atom and JSON-LD (a page at a time) read the response shape back from the record's JSON, which is what every format shows.
    private TDto Read(ReadOnlyMemory<byte> json) => JsonSerializer.Deserialize(json.Span, Json)!;
}
