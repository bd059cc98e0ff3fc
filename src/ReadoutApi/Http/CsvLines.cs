using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace ReadoutApi.Http;

/// <summary>
/// RFC 4180 CSV lines, written with CsvHelper, as UTF-8 bytes: each record's line is rendered once per snapshot, with
/// its JSON, so an export copies lines instead of reading records back. A cell that starts with a character a
/// spreadsheet would read as the start of a formula (<c>= + - @</c>, tab or carriage return) is written quoted, with an
/// apostrophe in front, so that spreadsheets show it as text (CsvHelper's <see cref="InjectionOptions.Escape"/>); JSON
/// and NDJSON keep the text as it is.
/// </summary>
public static class CsvLines
{
    /// <summary>The configuration every line is written with: invariant culture, formula injection escaped.</summary>
    /// <remarks>
    /// The line ending is left at its default (CRLF): set explicitly, CsvHelper would quote only cells that contain that
    /// exact sequence, and a cell with a lone LF or CR would break its row.
    /// </remarks>
    public static CsvConfiguration Configuration { get; } = new(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape };

    // Rendering runs on many threads at once (the background render and first use by requests): one writer each.
    [ThreadStatic]
    private static LineWriter? t_writer;

    /// <summary>One line of cells (a null cell is empty), ending in CRLF.</summary>
    public static byte[] Line(IEnumerable<string?> cells) => (t_writer ??= new LineWriter()).Write(cells);

    /// <summary>
    /// Some cells of a rendered line, as a line of their own (for <c>fields</c>). Cells are read back as written, so a
    /// cell escaped against formula injection keeps its apostrophe and is not escaped twice.
    /// </summary>
    public static byte[] Select(ReadOnlyMemory<byte> line, IReadOnlyList<int> columns)
    {
        using var reader = new StringReader(Encoding.UTF8.GetString(line.Span));
        using var parser = new CsvParser(reader, Configuration);
        var cells = parser.Read() ? parser.Record ?? [] : [];
        return Line(columns.Select(c => c < cells.Length ? cells[c] : null));
    }

    private sealed class LineWriter
    {
        private readonly StringWriter _text = new(CultureInfo.InvariantCulture);
        private readonly CsvWriter _csv;

        public LineWriter() => _csv = new CsvWriter(_text, Configuration);

        public byte[] Write(IEnumerable<string?> cells)
        {
            foreach (var cell in cells)
            {
                _csv.WriteField(cell ?? "");
            }

            _csv.NextRecord();
            _csv.Flush();
            var text = _text.GetStringBuilder();
            var bytes = Encoding.UTF8.GetBytes(text.ToString());
            text.Clear();
            if (text.Capacity > 1 << 20)
            {
                // One very long record does not keep a large buffer alive on this thread.
                text.Capacity = 1024;
            }

            return bytes;
        }
    }
}
