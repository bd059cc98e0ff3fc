using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ReadoutApi.Querying;

/// <summary>
/// A position in a query's ordered result: the record a page starts after (or ends before), the order,
/// and the query it belongs to. It holds no offset, so inserting records never makes a walk skip one.
/// </summary>
/// <param name="Fingerprint">The query it belongs to.</param>
/// <param name="Sort">The order it walks.</param>
/// <param name="Backward">True for a page that ends before <paramref name="AnchorId"/> (a prev link).</param>
/// <param name="AnchorId">The record the page starts after or ends before.</param>
public sealed record Cursor(string Fingerprint, string Sort, bool Backward, string AnchorId)
{
    private const int MacLength = 12;

    // The MAC makes cursors tamper-evident (a hand-edited or truncated token is refused), not secret:
    // every instance shares the key so cursors stay valid behind a load balancer.
    private static readonly byte[] Key = SHA256.HashData("ReadoutApi cursor v1"u8);

    /// <summary>The opaque token.</summary>
    public string Encode()
    {
        var payload = Encoding.UTF8.GetBytes($"{Fingerprint}|{Sort}|{(Backward ? 'b' : 'a')}|{AnchorId}");
        var token = new byte[payload.Length + MacLength];
        payload.CopyTo(token, 0);
        HMACSHA256.HashData(Key, payload).AsSpan(0, MacLength).CopyTo(token.AsSpan(payload.Length));
        return Base64Url.EncodeToString(token);
    }

    /// <summary>Reads a token; null when it is malformed, truncated or was not made here.</summary>
    public static Cursor? Decode(string token)
    {
        if (token.Length is 0 or > 1024)
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
        var expected = HMACSHA256.HashData(Key, payload).AsSpan(0, MacLength);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(payload.Length)))
        {
            return null;
        }

        var parts = Encoding.UTF8.GetString(payload).Split('|', 4);
        return parts.Length == 4 && parts[2] is "a" or "b"
            ? new Cursor(parts[0], parts[1], parts[2] == "b", parts[3])
            : null;
    }
}
