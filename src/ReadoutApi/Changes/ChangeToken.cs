using System.Buffers.Binary;
using System.Buffers.Text;

namespace ReadoutApi.Changes;

/// <summary>
/// A position in a journal: after the event <paramref name="Seq"/> (0: before the first), checked by that event's
/// random <paramref name="Tag"/>, in the journal <paramref name="Journal"/>. Clients see it as an opaque token
/// (unpadded base64url of 32 bytes). The journal's id and the tag make a token that the journal cannot answer
/// truthfully (another deployment's, one from a restored older database, one past retention) recognisable: a 410,
/// never a wrong answer.
/// </summary>
/// <param name="Journal">The journal's id.</param>
/// <param name="Seq">The sequence number of the last event before the position.</param>
/// <param name="Tag">That event's tag (0 for the beginning).</param>
public readonly record struct ChangeToken(Guid Journal, long Seq, long Tag)
{
    private const int Length = 32;

    /// <summary>The longest text a token has.</summary>
    public const int MaxTextLength = 43;

    /// <summary>The token as clients see it.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Length];
        Journal.TryWriteBytes(bytes[..16]);
        BinaryPrimitives.WriteInt64BigEndian(bytes[16..24], Seq);
        BinaryPrimitives.WriteInt64BigEndian(bytes[24..], Tag);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Reads a token; false when the text is not one (a 400, unlike a token the journal cannot answer).</summary>
    public static bool TryParse(string? text, out ChangeToken token)
    {
        token = default;
        Span<byte> bytes = stackalloc byte[Length];
        if (text is null || text.Length != MaxTextLength || !Base64Url.TryDecodeFromChars(text, bytes, out var written) || written != Length)
        {
            return false;
        }

        var seq = BinaryPrimitives.ReadInt64BigEndian(bytes[16..24]);
        token = new ChangeToken(new Guid(bytes[..16]), seq, BinaryPrimitives.ReadInt64BigEndian(bytes[24..]));
        return seq >= 0;
    }
}
