using System.Buffers.Text;
using System.Text;
using ReadoutApi.Querying;

namespace ReadoutApi.Tests.Querying;

/// <summary>
/// The paging token a client copies from <c>links.next</c>: it must come back as it was made, fit in a URL, and any
/// token that was not made by the API as it stands (edited, cut short, forged) must be refused.
/// </summary>
public class CursorTests
{
    private static readonly Cursor Sample = new("0123456789abcdef", "-date", false, "2025-05-10-cruise-missiles-intercepted-at-rafiqui");

    public static TheoryData<Cursor> RoundTrips => new()
    {
        Sample,
        new Cursor("0123456789abcdef", "-date", true, "2025-05-10-cruise-missiles-intercepted-at-rafiqui"),
        new Cursor("fedcba9876543210", "eventKind", false, "claim:a|b|c"),
        new Cursor("fedcba9876543210", "-id", true, "|"),
        new Cursor("00000000ffffffff", "name", false, "núñez-garcía-東京-🛰"),
        new Cursor("00000000ffffffff", "id", true, "ends with a bar |"),
    };

    [Theory]
    [MemberData(nameof(RoundTrips))]
    public void EncodedCursorDecodesToTheSameCursor(Cursor cursor) => Assert.Equal(cursor, Cursor.Decode(cursor.Encode()));

    [Theory]
    [MemberData(nameof(RoundTrips))]
    public void TokenUsesOnlyUrlSafeCharacters(Cursor cursor) =>
        Assert.All(cursor.Encode(), c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_', $"'{c}' needs escaping in a URL"));

    [Fact]
    public void CursorsThatDifferInAnyFieldHaveDifferentTokens()
    {
        Cursor[] variants =
        [
            Sample,
            Sample with { Fingerprint = "0123456789abcdee" },
            Sample with { Sort = "date" },
            Sample with { Backward = true },
            Sample with { AnchorId = "2025-05-10-most-missiles-intercepted" },
        ];
        Assert.Equal(variants.Length, variants.Select(v => v.Encode()).Distinct().Count());
    }

    [Fact]
    public void FlippingAnyBitOfAnyByteIsRefused()
    {
        var bytes = Base64Url.DecodeFromChars(Sample.Encode());
        for (var i = 0; i < bytes.Length; i++)
        {
            for (var bit = 0; bit < 8; bit++)
            {
                var altered = (byte[])bytes.Clone();
                altered[i] ^= (byte)(1 << bit);
                Assert.True(Cursor.Decode(Base64Url.EncodeToString(altered)) is null, $"byte {i}, bit {bit} flipped was accepted");
            }
        }
    }

    [Fact]
    public void EveryTruncatedTokenIsRefused()
    {
        var token = Sample.Encode();
        for (var length = 0; length < token.Length; length++)
        {
            Assert.True(Cursor.Decode(token[..length]) is null, $"the first {length} of {token.Length} characters were accepted");
        }
    }

    [Fact]
    public void TokenWithBytesCutFromEitherEndIsRefused()
    {
        var bytes = Base64Url.DecodeFromChars(Sample.Encode());
        for (var cut = 1; cut < bytes.Length; cut++)
        {
            Assert.Null(Cursor.Decode(Base64Url.EncodeToString(bytes.AsSpan(cut))));
            Assert.Null(Cursor.Decode(Base64Url.EncodeToString(bytes.AsSpan(0, bytes.Length - cut))));
        }
    }

    [Fact]
    public void EmptyTokenIsRefused() => Assert.Null(Cursor.Decode(""));

    [Theory]
    [InlineData("not a token")]
    [InlineData("abc!def")]
    [InlineData("%41%42%43%44")]
    [InlineData("A")]
    [InlineData("=====")]
    public void TokenThatIsNotBase64UrlIsRefused(string token) => Assert.Null(Cursor.Decode(token));

    [Fact]
    public void ValidTokenWithBase64UrlCharactersSwappedForPlainBase64IsRefused()
    {
        // Find a cursor whose token uses '-' or '_', then write those as plain base64 does ('+', '/').
        var token = Enumerable.Range(0, 200).Select(i => (Sample with { AnchorId = $"record-{i}" }).Encode()).First(t => t.Contains('-') || t.Contains('_'));
        Assert.Null(Cursor.Decode(token.Replace('-', '+').Replace('_', '/')));
    }

    [Fact]
    public void RandomBytesAreRefused()
    {
        var random = new Random(1024);
        for (var i = 0; i < 500; i++)
        {
            var bytes = new byte[random.Next(1, 200)];
            random.NextBytes(bytes);
            Assert.Null(Cursor.Decode(Base64Url.EncodeToString(bytes)));
        }
    }

    [Fact]
    public void TokenOfUpTo1024CharactersDecodesAndALongerOneIsRefusedEvenIfGenuine()
    {
        var shortest = Sample with { AnchorId = "" };
        var perChar = Enumerable.Range(1, 3000).Select(n => Sample with { AnchorId = new string('x', n) }).ToArray();
        var longestAccepted = perChar.Last(c => c.Encode().Length <= 1024);
        var shortestRefused = perChar.First(c => c.Encode().Length > 1024);
        Assert.Equal(1024, longestAccepted.Encode().Length);

        Assert.Equal(shortest, Cursor.Decode(shortest.Encode()));
        Assert.Equal(longestAccepted, Cursor.Decode(longestAccepted.Encode()));
        Assert.Null(Cursor.Decode(shortestRefused.Encode()));
        Assert.Null(Cursor.Decode(new string('A', 4000)));
    }

    [Theory]
    [InlineData("2025-05-10-cruise-missiles-intercepted-at-rafiqui", "2025-05-10-cruise-missiles-intercepted-at-rafiquX")]
    [InlineData("0123456789abcdef", "0123456789abcdee")]
    [InlineData("-date", "+date")]
    [InlineData("|a|", "|b|")]
    public void TokenWithAFieldReWrittenButTheOldMacIsRefused(string original, string replacement)
    {
        // The same bytes with one field changed in place: whatever signs the token is left as it was.
        var bytes = Base64Url.DecodeFromChars(Sample.Encode());
        var at = bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(original));
        Assert.True(at >= 0, $"'{original}' is not in the token");
        var forged = (byte[])bytes.Clone();
        Encoding.UTF8.GetBytes(replacement).CopyTo(forged, at);

        Assert.Null(Cursor.Decode(Base64Url.EncodeToString(forged)));
        Assert.NotNull(Cursor.Decode(Base64Url.EncodeToString(bytes)));
    }

    [Fact]
    public void PayloadOfOneCursorWithTheTrailingBytesOfAnotherIsRefused()
    {
        // Two genuine cursors that differ only in their anchor (same length): swapping the tails splices a payload
        // with a MAC made for another payload.
        var a = Base64Url.DecodeFromChars((Sample with { AnchorId = "record-1" }).Encode());
        var b = Base64Url.DecodeFromChars((Sample with { AnchorId = "record-2" }).Encode());
        Assert.Equal(a.Length, b.Length);
        var differsAt = Enumerable.Range(0, a.Length).First(i => a[i] != b[i]);
        for (var split = differsAt + 1; split < a.Length; split++)
        {
            var spliced = a[..split].Concat(b[split..]).ToArray();
            if (spliced.AsSpan().SequenceEqual(a))
            {
                continue; // the tails happen to agree from here on: this is cursor a itself
            }

            Assert.True(Cursor.Decode(Base64Url.EncodeToString(spliced)) is null, $"spliced at byte {split} was accepted");
        }
    }
}
