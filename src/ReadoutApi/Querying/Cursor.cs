using System.Buffers.Text;
using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;

namespace ReadoutApi.Querying;

/// <summary>
/// A position in a query's ordered result: the record a page starts after (or ends before), with its full sort key,
/// the order, the query, and the data version the page was served from. It holds no offset, so a walk continues after
/// the same place whatever was inserted or removed meanwhile.
/// </summary>
/// <param name="Version">The data version the page that issued it was served from.</param>
/// <param name="Origin">The data version the walk began on.</param>
/// <param name="Fingerprint">The query it belongs to.</param>
/// <param name="Sort">The order it walks.</param>
/// <param name="Backward">True for a page that ends before the anchor (a prev link).</param>
/// <param name="AnchorId">The record the page starts after or ends before.</param>
/// <param name="AnchorKey">That record's sort key when the cursor was made (<see cref="SortIndex.KeyText"/>).</param>
public sealed record Cursor(
    string Version, string Origin, string Fingerprint, string Sort, bool Backward, string AnchorId, string AnchorKey)
{
    /// <summary>Whether the walk has moved from the data it began on to other data.</summary>
    public bool CrossedChange => Version != Origin;
}

/// <summary>Paging settings: the cursor key and how long walks keep their data.</summary>
public sealed class CursorOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Cursor";

    /// <summary>
    /// The secret that signs cursors. Without one, a key built into the code is used: cursors still cannot be altered
    /// by accident, but anyone who reads the code can make one. Replicas behind one load balancer need the same key.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>How many earlier snapshots are kept for walks begun on them (0: none).</summary>
    [Range(0, 16)]
    public int HeldSnapshots { get; set; } = 1;

    /// <summary>How long an earlier snapshot is kept after the last page a walk took from it.</summary>
    [Range(1, 86_400)]
    public int KeepAliveSeconds { get; set; } = 300;
}

/// <summary>Signs cursors into opaque, URL-safe tokens and reads them back, refusing any it did not make.</summary>
public sealed class CursorCodec
{
    private const int MacLength = 12;
    private const string Format = "2";

    /// <summary>The longest token accepted.</summary>
    public const int MaxTokenLength = 4096;

    private readonly byte[] _key;

    /// <summary>A codec keyed by a secret, or by the built-in key when it is null or empty.</summary>
    public CursorCodec(string? signingKey)
    {
        _key = SHA256.HashData(Encoding.UTF8.GetBytes(string.IsNullOrEmpty(signingKey) ? "ReadoutApi cursor v1" : signingKey));
        IsKeyed = !string.IsNullOrEmpty(signingKey);
    }

    /// <summary>The codec with the built-in key (tests, benchmarks, and a service run without a key).</summary>
    public static CursorCodec Default { get; } = new(null);

    /// <summary>Whether a configured secret signs the cursors.</summary>
    public bool IsKeyed { get; }

    /// <summary>The opaque token.</summary>
    public string Encode(Cursor cursor)
    {
        var payload = Encoding.UTF8.GetBytes(string.Join('|',
            Format, cursor.Version, cursor.Origin, cursor.Fingerprint, cursor.Sort, cursor.Backward ? "b" : "a", cursor.AnchorId, cursor.AnchorKey));
        var token = new byte[payload.Length + MacLength];
        payload.CopyTo(token, 0);
        HMACSHA256.HashData(_key, payload).AsSpan(0, MacLength).CopyTo(token.AsSpan(payload.Length));
        return Base64Url.EncodeToString(token);
    }

    /// <summary>Reads a token; null when it is malformed, truncated, or was not made with this key.</summary>
    public Cursor? Decode(string token)
    {
        if (token.Length is 0 or > MaxTokenLength)
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException)
        {
            return null;
        }

        if (bytes.Length <= MacLength)
        {
            return null;
        }

        var payload = bytes.AsSpan(0, bytes.Length - MacLength);
        var expected = HMACSHA256.HashData(_key, payload).AsSpan(0, MacLength);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(payload.Length)))
        {
            return null;
        }

        // Versions, fingerprints, sorts and ids hold no '|'; the sort key, last, may.
        var parts = Encoding.UTF8.GetString(payload).Split('|', 8);
        return parts is [Format, var version, var origin, var fingerprint, var sort, "a" or "b", var anchorId, var anchorKey]
            ? new Cursor(version, origin, fingerprint, sort, parts[5] == "b", anchorId, anchorKey)
            : null;
    }
}
