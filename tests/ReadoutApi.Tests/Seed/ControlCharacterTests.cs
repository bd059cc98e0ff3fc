using ReadoutApi.Seed;

namespace ReadoutApi.Tests.Seed;

/// <summary>
/// DEL and the C1 controls (U+007F-U+009F) are control characters like those below U+0020, and are refused the same
/// way, whether escaped or written as UTF-8, in long text and in the short values the pool shares; the characters
/// around them are text.
/// </summary>
public sealed class ControlCharacterTests : IDisposable
{
    private const string LongText = "\"Most of the incoming missiles were intercepted.\"";
    private const string ShortText = "\"publisher\": \"Hindustan Times\"";

    private readonly SeedCopy _seed = new();

    public void Dispose() => _seed.Dispose();

    // A control character, escaped (\u0085) or written as UTF-8 (C2 85).
    public static TheoryData<int, bool> Controls => new()
    {
        { 0x7F, true }, { 0x80, true }, { 0x85, true }, { 0x92, true }, { 0x9F, true }, { 0x85, false }, { 0x92, false },
    };

    [Theory]
    [MemberData(nameof(Controls))]
    public void InLongTextTheyAreRefusedAtTheirLine(int control, bool escaped)
    {
        var problem = Refused("claims.json", LongText, LongText.Replace(" missiles", Written(control, escaped) + " missiles", StringComparison.Ordinal));

        Assert.Equal("$.claims[3].text", problem.JsonPath);
        Assert.Contains($"control character U+{control:X4}", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Controls))]
    public void InShortPooledValuesTheyAreRefusedAtTheirLine(int control, bool escaped)
    {
        var problem = Refused("sources.json", ShortText, ShortText.Replace(" Times", Written(control, escaped) + " Times", StringComparison.Ordinal));

        Assert.EndsWith(".publisher", problem.JsonPath, StringComparison.Ordinal);
        Assert.Contains($"control character U+{control:X4}", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AC1ControlIsNamedAsTheMisreadWindows1252CharacterItUsuallyIs()
    {
        var problem = Refused("claims.json", LongText, LongText.Replace("missiles", "missiles\\u0092", StringComparison.Ordinal));

        Assert.Contains("Windows-1252", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\\u007e", "~")]
    [InlineData("\\u00a0", "\u00A0")]
    [InlineData("\u00A0", "\u00A0")]
    [InlineData("\\u00ad", "\u00AD")]
    [InlineData("\\u2019", "\u2019")]
    public void TheCharactersAroundThemAreText(string written, string read)
    {
        _seed.Edit("claims.json", text => text.Replace(LongText, LongText.Replace(" missiles", written + " missiles", StringComparison.Ordinal), StringComparison.Ordinal));

        var result = SeedLoader.Load(_seed.Folder);

        Assert.Empty(result.Problems);
        Assert.Contains(result.Data!.Claims, c => c.Text == $"Most of the incoming{read} missiles were intercepted.");
    }

    private static string Written(int control, bool escaped) => escaped ? $"\\u{control:x4}" : ((char)control).ToString();

    private SeedProblem Refused(string file, string find, string replace)
    {
        _seed.Edit(file, text => text.Replace(find, replace, StringComparison.Ordinal));

        var result = SeedLoader.Load(_seed.Folder);

        Assert.Null(result.Data);
        var problem = Assert.Single(result.Problems);
        Assert.EndsWith(file, problem.File, StringComparison.Ordinal);
        var line = Array.FindIndex(File.ReadAllLines(_seed.FileOf(file)), l => l.Contains(replace, StringComparison.Ordinal)) + 1;
        Assert.True(line > 0, "the edit is not on one line");
        Assert.Equal(line, problem.Line);
        return problem;
    }
}
