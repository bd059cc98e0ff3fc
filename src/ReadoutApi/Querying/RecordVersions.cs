using System.Globalization;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using ReadoutApi.Contracts;

namespace ReadoutApi.Querying;

/// <summary>
/// A record's version and where its <see cref="RecordMeta"/> goes. The version hashes the record's JSON as rendered
/// without <c>meta</c>, so it changes exactly when something the record says changes (a linked record's name included);
/// <c>meta</c> is then appended as the JSON's last member and as the CSV line's last three columns.
/// </summary>
public static class RecordVersions
{
    /// <summary>The CSV columns of <c>meta</c>, after the collection's own.</summary>
    public static readonly IReadOnlyList<string> CsvColumns = ["version", "firstSeen", "lastChanged"];

    private static readonly byte[] MetaMember = ",\"meta\":"u8.ToArray();

    /// <summary>The version of a record's content: 128 bits of XxHash128, as 32 lowercase hex digits.</summary>
    public static string Of(ReadOnlySpan<byte> contentJson) => Convert.ToHexStringLower(XxHash128.Hash(contentJson));

    /// <summary>The record's JSON (an object without <c>meta</c>) with <c>meta</c> appended as its last member.</summary>
    public static byte[] WithMeta(ReadOnlySpan<byte> json, RecordMeta meta)
    {
        if (json.Length < 2 || json[^1] != (byte)'}' || json[0] != (byte)'{')
        {
            throw new ArgumentException("A record renders as a JSON object with at least its id.", nameof(json));
        }

        var metaJson = JsonSerializer.SerializeToUtf8Bytes(meta, ReadoutJsonContext.Default.RecordMeta);
        var stamped = new byte[json.Length + MetaMember.Length + metaJson.Length];
        json[..^1].CopyTo(stamped);
        MetaMember.CopyTo(stamped.AsSpan(json.Length - 1));
        metaJson.CopyTo(stamped.AsSpan(json.Length - 1 + MetaMember.Length));
        stamped[^1] = (byte)'}';
        return stamped;
    }

    /// <summary>The record's CSV line (ending in CRLF) with the version and the two times as its last columns.</summary>
    public static byte[] CsvWithMeta(ReadOnlySpan<byte> csvLine, RecordMeta meta)
    {
        // The three values need no quoting: hex digits and ISO 8601 times.
        var columns = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $",{meta.Version},{Time(meta.FirstSeen)},{Time(meta.LastChanged)}"));
        var stamped = new byte[csvLine.Length + columns.Length];
        csvLine[..^2].CopyTo(stamped);
        columns.CopyTo(stamped.AsSpan(csvLine.Length - 2));
        stamped[^2] = (byte)'\r';
        stamped[^1] = (byte)'\n';
        return stamped;
    }

    private static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
