using System.Globalization;
using Microsoft.Net.Http.Headers;
using ReadoutApi.Http;

namespace ReadoutApi.Tests.Http;

/// <summary>The load time as the HTTP date every response's <c>Last-Modified</c> carries.</summary>
public class DataStampTests
{
    // RFC 9110 section 5.6.7: IMF-fixdate, always GMT, two-digit day, English names.
    private const string ImfFixdate =
        @"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$";

    [Theory]
    [InlineData(1_750_000_000, "Sun, 15 Jun 2025 15:06:40 GMT")]
    [InlineData(1_740_819_903, "Sat, 01 Mar 2025 09:05:03 GMT")]
    [InlineData(0, "Thu, 01 Jan 1970 00:00:00 GMT")]
    public void TheHttpDateIsTheLoadTimeAsAnImfFixdate(long unixSeconds, string expected)
    {
        var stamp = new DataStamp("v1", DateTimeOffset.FromUnixTimeSeconds(unixSeconds));

        Assert.Equal(expected, stamp.HttpDate);
        Assert.Matches(ImfFixdate, stamp.HttpDate);
    }

    [Fact]
    public void ALoadTimeWithAnOffsetIsWrittenInGmt()
    {
        var india = new DateTimeOffset(2025, 6, 15, 20, 36, 40, TimeSpan.FromHours(5.5));
        var pacific = new DateTimeOffset(2025, 6, 15, 8, 6, 40, TimeSpan.FromHours(-7));

        Assert.Equal("Sun, 15 Jun 2025 15:06:40 GMT", new DataStamp("v1", india).HttpDate);
        Assert.Equal("Sun, 15 Jun 2025 15:06:40 GMT", new DataStamp("v1", pacific).HttpDate);
    }

    [Fact]
    public void AnOffsetThatCrossesMidnightMovesTheDate()
    {
        var tokyo = new DateTimeOffset(2025, 3, 1, 2, 0, 0, TimeSpan.FromHours(9));

        Assert.Equal("Fri, 28 Feb 2025 17:00:00 GMT", new DataStamp("v1", tokyo).HttpDate);
    }

    [Theory]
    [InlineData("fr-FR")]
    [InlineData("de-DE")]
    [InlineData("ar-SA")]
    [InlineData("th-TH")]
    public void TheHttpDateDoesNotDependOnTheCurrentCulture(string culture)
    {
        var (current, currentUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);

            var stamp = new DataStamp("v1", DateTimeOffset.FromUnixTimeSeconds(1_750_000_000));

            Assert.Equal("Sun, 15 Jun 2025 15:06:40 GMT", stamp.HttpDate);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (current, currentUi);
        }
    }

    [Fact]
    public void TheHttpDateParsesBackToTheLoadTime()
    {
        var loadedAt = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000);
        var stamp = new DataStamp("v1", loadedAt);

        Assert.True(HeaderUtilities.TryParseDate(stamp.HttpDate, out var parsed));
        Assert.Equal(loadedAt, parsed);
        Assert.True(DateTimeOffset.TryParseExact(stamp.HttpDate, "R", CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact));
        Assert.Equal(loadedAt, exact);
    }
}
