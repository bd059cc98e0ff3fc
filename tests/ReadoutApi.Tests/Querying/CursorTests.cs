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
    private static readonly CursorCodec Codec = CursorCodec.Default;

    private static readonly Cursor Sample = new("0123456789abcdef", "fedcba9876543210", "00112233aabbccdd", "-date", false, "2025-05-10-cruise-missiles-intercepted-at-rafiqui", "n739380");

    public static TheoryData<Cursor> RoundTrips => new()
    {
        Sample,
        Sample with { Backward = true },
        Sample with { Sort = "eventKind", AnchorKey = "sclaim:a|b|c" },
        Sample with { Sort = "-id", Backward = true, AnchorKey = "" },
        Sample with { Sort = "name", AnchorId = "nunez-garcia", AnchorKey = "snúñez-garcía-東京-🛰" },
        Sample with { Sort = "title", AnchorKey = "sends with a bar |" },
        Sample with { Sort = "title", AnchorKey = "-" },
        Sample with { AnchorKey = "n-2147483648" },
    };

    [Theory]
    [MemberData(nameof(RoundTrips))]
    public void EncodedCursorDecodesToTheSameCursor(Cursor cursor) => Assert.Equal(cursor, Codec.Decode(Codec.Encode(cursor)));

    [Theory]
    [MemberData(nameof(RoundTrips))]
    public void TokenUsesOnlyUrlSafeCharacters(Cursor cursor) =>
        Assert.All(Codec.Encode(cursor), c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_', $"'{c}' needs escaping in a URL"));

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
            Sample with { Version = "0123456789abcdee" },
            Sample with { Origin = "fedcba9876543211" },
            Sample with { AnchorKey = "n739381" },
        ];
        Assert.Equal(variants.Length, variants.Select(Codec.Encode).Distinct().Count());
    }

    [Fact]
    public void FlippingAnyBitOfAnyByteIsRefused()
    {
        var bytes = Base64Url.DecodeFromChars(Codec.Encode(Sample));
        for (var i = 0; i < bytes.Length; i++)
        {
            for (var bit = 0; bit < 8; bit++)
            {
                var altered = (byte[])bytes.Clone();
                altered[i] ^= (byte)(1 << bit);
                Assert.True(Codec.Decode(Base64Url.EncodeToString(altered)) is null, $"byte {i}, bit {bit} flipped was accepted");
            }
        }
    }

    [Fact]
    public void EveryTruncatedTokenIsRefused()
    {
        var token = Codec.Encode(Sample);
        for (var length = 0; length < token.Length; length++)
        {
            Assert.True(Codec.Decode(token[..length]) is null, $"the first {length} of {token.Length} characters were accepted");
        }
    }

    [Fact]
    public void TokenWithBytesCutFromEitherEndIsRefused()
    {
        var bytes = Base64Url.DecodeFromChars(Codec.Encode(Sample));
        for (var cut = 1; cut < bytes.Length; cut++)
        {
            Assert.Null(Codec.Decode(Base64Url.EncodeToString(bytes.AsSpan(cut))));
            Assert.Null(Codec.Decode(Base64Url.EncodeToString(bytes.AsSpan(0, bytes.Length - cut))));
        }
    }

    [Fact]
    public void EmptyTokenIsRefused() => Assert.Null(Codec.Decode(""));

    [Theory]
    [InlineData("not a token")]
    [InlineData("abc!def")]
    [InlineData("%41%42%43%44")]
    [InlineData("A")]
    [InlineData("=====")]
    public void TokenThatIsNotBase64UrlIsRefused(string token) => Assert.Null(Codec.Decode(token));

    [Fact]
    public void ValidTokenWithBase64UrlCharactersSwappedForPlainBase64IsRefused()
    {
        // Find a cursor whose token uses '-' or '_', then write those as plain base64 does ('+', '/').
        var token = Enumerable.Range(0, 200).Select(i => Codec.Encode(Sample with { AnchorId = $"record-{i}" })).First(t => t.Contains('-') || t.Contains('_'));
        Assert.Null(Codec.Decode(token.Replace('-', '+').Replace('_', '/')));
    }

    [Fact]
    public void RandomBytesAreRefused()
    {
        var random = new Random(1024);
        for (var i = 0; i < 500; i++)
        {
            var bytes = new byte[random.Next(1, 200)];
            random.NextBytes(bytes);
            Assert.Null(Codec.Decode(Base64Url.EncodeToString(bytes)));
        }
    }

    [Fact]
    public void TokenOfUpToTheMaximumLengthDecodesAndALongerOneIsRefusedEvenIfGenuine()
    {
        var shortest = Sample with { AnchorId = "" };
        var perChar = Enumerable.Range(1, 3200).Select(n => Sample with { AnchorId = new string('x', n) }).ToArray();
        var longestAccepted = perChar.Last(c => Codec.Encode(c).Length <= CursorCodec.MaxTokenLength);
        var shortestRefused = perChar.First(c => Codec.Encode(c).Length > CursorCodec.MaxTokenLength);
        Assert.Equal(CursorCodec.MaxTokenLength, Codec.Encode(longestAccepted).Length);

        Assert.Equal(shortest, Codec.Decode(Codec.Encode(shortest)));
        Assert.Equal(longestAccepted, Codec.Decode(Codec.Encode(longestAccepted)));
        Assert.Null(Codec.Decode(Codec.Encode(shortestRefused)));
        Assert.Null(Codec.Decode(new string('A', 5000)));
    }

    [Theory]
    [InlineData("2025-05-10-cruise-missiles-intercepted-at-rafiqui", "2025-05-10-cruise-missiles-intercepted-at-rafiquX")]
    [InlineData("0123456789abcdef", "0123456789abcdee")]
    [InlineData("-date", "+date")]
    [InlineData("|a|", "|b|")]
    [InlineData("n739380", "n739381")]
    public void TokenWithAFieldReWrittenButTheOldMacIsRefused(string original, string replacement)
    {
        // The same bytes with one field changed in place: whatever signs the token is left as it was.
        var bytes = Base64Url.DecodeFromChars(Codec.Encode(Sample));
        var at = bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(original));
        Assert.True(at >= 0, $"'{original}' is not in the token");
        var forged = (byte[])bytes.Clone();
        Encoding.UTF8.GetBytes(replacement).CopyTo(forged, at);

        Assert.Null(Codec.Decode(Base64Url.EncodeToString(forged)));
        Assert.NotNull(Codec.Decode(Base64Url.EncodeToString(bytes)));
    }

    [Fact]
    public void PayloadOfOneCursorWithTheTrailingBytesOfAnotherIsRefused()
    {
        // Two genuine cursors that differ only in their anchor (same length): swapping the tails splices a payload
        // with a MAC made for another payload.
        var a = Base64Url.DecodeFromChars(Codec.Encode(Sample with { AnchorId = "record-1" }));
        var b = Base64Url.DecodeFromChars(Codec.Encode(Sample with { AnchorId = "record-2" }));
        Assert.Equal(a.Length, b.Length);
        var differsAt = Enumerable.Range(0, a.Length).First(i => a[i] != b[i]);
        for (var split = differsAt + 1; split < a.Length; split++)
        {
            var spliced = a[..split].Concat(b[split..]).ToArray();
            if (spliced.AsSpan().SequenceEqual(a))
            {
                continue; // the tails happen to agree from here on: this is cursor a itself
            }

            Assert.True(Codec.Decode(Base64Url.EncodeToString(spliced)) is null, $"spliced at byte {split} was accepted");
        }
    }

    [Fact]
    public void TokenSignedWithAnotherKeyIsRefused()
    {
        var a = new CursorCodec("replica key one");
        var b = new CursorCodec("replica key two");
        Assert.Equal(Sample, a.Decode(a.Encode(Sample)));
        Assert.Equal(Sample, new CursorCodec("replica key one").Decode(a.Encode(Sample)));
        Assert.Null(b.Decode(a.Encode(Sample)));
        Assert.Null(Codec.Decode(a.Encode(Sample)));
        Assert.Null(a.Decode(Codec.Encode(Sample)));
    }

    [Fact]
    public void TokenOfTheFirstFormatIsRefused()
    {
        // Before walks carried their data version and sort key, a token held fingerprint|sort|a|id.
        var old = Encoding.UTF8.GetBytes("00112233aabbccdd|-date|a|2025-05-10-cruise-missiles-intercepted-at-rafiqui");
        var mac = System.Security.Cryptography.HMACSHA256.HashData(System.Security.Cryptography.SHA256.HashData("ReadoutApi cursor v1"u8), old);
        Assert.Null(Codec.Decode(Base64Url.EncodeToString([.. old, .. mac.AsSpan(0, 12)])));
    }

    [Fact]
    public void CrossedChangeIsWhenThePageCameFromOtherDataThanTheWalkBeganOn()
    {
        Assert.True(Sample.CrossedChange);
        Assert.False((Sample with { Origin = Sample.Version }).CrossedChange);
    }
}
