using Microsoft.AspNetCore.Mvc;
using ReadoutApi.Collections;
using ReadoutApi.Http;
using ReadoutApi.Querying;
using ReadoutApi.Snapshots;

namespace ReadoutApi.Endpoints;

/// <summary>How records become a response body in each format, with <c>fields</c> and <c>expand</c> applied.</summary>
public static class Representations
{
    private const string CsvMediaType = "text/csv; charset=utf-8; header=present";
    private const string NdjsonMediaType = "application/x-ndjson; charset=utf-8";
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    /// <summary>
    /// The 400s of a projection that a format cannot show: <c>expand</c> with CSV (a cell holds no record), Atom or
    /// JSON-LD, and <c>fields</c> with Atom or JSON-LD (they have their own vocabularies); else null.
    /// </summary>
    public static Dictionary<string, string[]>? NotOffered(Projection projection, ResponseFormat format)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (projection.Expands && format is ResponseFormat.Csv or ResponseFormat.Atom or ResponseFormat.JsonLd)
        {
            errors[ParameterNames.Expand] = [$"is not offered with {FormatNegotiation.Name(format)}; use json or ndjson."];
        }

        if (projection.SelectsFields && format is ResponseFormat.Atom or ResponseFormat.JsonLd)
        {
            errors[ParameterNames.Fields] = [$"is not offered with {FormatNegotiation.Name(format)}; use json, csv or ndjson."];
        }

        return errors.Count > 0 ? errors : null;
    }

    /// <summary>Records' JSON with a projection applied (as rendered when there is none).</summary>
    public static IReadOnlyList<ReadOnlyMemory<byte>> Project(IReadOnlyList<ReadOnlyMemory<byte>> records, Projection projection, Snapshot snapshot) =>
        projection.IsNone ? records : [.. records.Select(json => (ReadOnlyMemory<byte>)projection.Apply(json, snapshot.Linked))];

    /// <summary>
    /// A CSV or NDJSON body of records, copied from what each record rendered once; with <c>fields</c>, CSV keeps the
    /// columns of the fields named (<see cref="CollectionModule.CsvFieldOf"/>) and NDJSON the fields themselves.
    /// </summary>
    /// <param name="module">The collection's module (CSV columns).</param>
    /// <param name="snapshot">The data (the records, and what links lead to).</param>
    /// <param name="select">The records, in order; run only when the body is written from the records.</param>
    /// <param name="projection">The fields kept and links expanded.</param>
    /// <param name="format">CSV or NDJSON.</param>
    /// <param name="fileName">The CSV attachment's name.</param>
    /// <param name="caching">Chooses the content coding.</param>
    /// <param name="cache">Where whole results are kept; null for one record.</param>
    public static ExportResult Export(
        CollectionModule module, Snapshot snapshot, Func<IReadOnlyList<int>> select, Projection projection, ResponseFormat format, string fileName,
        HttpCaching caching, ExportCache? cache)
    {
        var records = snapshot[module].Records;
        if (format == ResponseFormat.Csv)
        {
            if (projection.TopLevelFields is not { } fields)
            {
                return new ExportResult(new ExportBody(module.CsvHeader, select, records.Csv, default), CsvMediaType, fileName, caching, cache);
            }

            var columns = module.CsvColumnsOf(fields);
            var header = CsvLines.Line(columns.Select(c => module.CsvHeaders[c]));
            var body = new ExportBody(header, select, p => CsvLines.Select(records.Csv(p), columns), default, Rendered: false);
            return new ExportResult(body, CsvMediaType, fileName, caching, cache);
        }

        return projection.IsNone
            ? new ExportResult(new ExportBody(default, select, records.Json, NewLine), NdjsonMediaType, null, caching, cache)
            : new ExportResult(
                new ExportBody(default, select, p => projection.Apply(records.Json(p), snapshot.Linked), NewLine, Rendered: false),
                NdjsonMediaType,
                null,
                caching,
                cache);
    }
}

/// <summary>The query parameters of one record besides <c>format</c>: <c>fields</c> and <c>expand</c>.</summary>
public sealed class RecordParameters
{
    /// <summary>Fields to keep.</summary>
    [FromQuery(Name = ParameterNames.Fields)]
    [System.ComponentModel.Description("Comma-separated fields to keep (dotted paths reach inside objects and lists); `id` is always kept. CSV keeps the columns of the top-level fields named. An unknown field is a 400 naming it.")]
    public string[]? Fields { get; init; }

    /// <summary>Links to expand.</summary>
    [FromQuery(Name = ParameterNames.Expand)]
    [System.ComponentModel.Description("Comma-separated links to replace by the records they link to, one level deep (e.g. `participants.person,issuer`). Not with CSV. A path that is not a link is a 400 listing those that are.")]
    public string[]? Expand { get; init; }

    /// <summary>The projection asked for, or null with the errors (each given at most once, each path known).</summary>
    public Projection? Projection(FieldTree shape, IQueryCollection query, out Dictionary<string, string[]> errors)
    {
        var problems = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Fail(string name, string message) => (problems.TryGetValue(name, out var list) ? list : problems[name] = []).Add(message);
        string? Once(string name, string[]? values)
        {
            if (values is [var value] && query[name].Count == 1)
            {
                return value;
            }

            if (query.ContainsKey(name))
            {
                Fail(name, "must be given once.");
            }

            return null;
        }

        var projection = Querying.Projection.Parse(shape, Once(ParameterNames.Fields, Fields), Once(ParameterNames.Expand, Expand), Fail);
        errors = problems.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        return errors.Count > 0 ? null : projection;
    }
}
