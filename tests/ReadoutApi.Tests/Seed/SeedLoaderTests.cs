using ReadoutApi.Seed;

namespace ReadoutApi.Tests.Seed;

/// <summary>A broken seed folder is refused whole, with messages that say where.</summary>
public sealed class SeedLoaderTests : IDisposable
{
    private readonly SeedCopy _seed = new();

    public void Dispose() => _seed.Dispose();

    [Fact]
    public void TheRepositorySeedFolderLoadsWithoutProblems()
    {
        var result = SeedLoader.Load(TestPaths.RepoSeed);
        Assert.Empty(result.Problems);
        Assert.Equal(3, result.Data!.Readouts.Count);
    }

    [Fact]
    public void MalformedJsonNamesTheFileAndLine()
    {
        Edit("readouts.json", text => text.Replace("\"datePrecision\": \"day\",", "\"datePrecision\": \"day\"", StringComparison.Ordinal));

        var problem = Assert.Single(SeedLoader.Load(_seed.Folder).Problems);
        Assert.EndsWith("readouts.json", problem.File, StringComparison.Ordinal);
        Assert.Equal(LineOf("readouts.json", "\"issuerId\""), problem.Line);
    }

    [Fact]
    public void DanglingPersonReferenceIsReportedWithPathAndLine()
    {
        Edit("readouts.json", text => text.Replace("\"personId\": \"ishaq-dar\"", "\"personId\": \"ishaq-darr\"", StringComparison.Ordinal));

        var problem = Assert.Single(SeedLoader.Load(_seed.Folder).Problems);
        Assert.Equal("$.readouts[1].participants[1].personId", problem.JsonPath);
        Assert.Equal("unknown person 'ishaq-darr'", problem.Message);
        Assert.Equal(LineOf("readouts.json", "ishaq-darr"), problem.Line);
        Assert.Matches(@"readouts\.json:\d+ \$\.readouts\[1\]\.participants\[1\]\.personId: unknown person 'ishaq-darr'$", problem.ToString());
    }

    [Fact]
    public void DuplicateIdIsReported()
    {
        Edit("people.json", text => text.Replace("\"id\": \"asim-munir\"", "\"id\": \"ishaq-dar\"", StringComparison.Ordinal));

        var problems = SeedLoader.Load(_seed.Folder).Problems;
        Assert.Contains(problems, p => p.JsonPath == "$.people[3].id" && p.Message == "duplicate id 'ishaq-dar'");
    }

    [Fact]
    public void EveryProblemOfAStageIsReportedAtOnceAndNoDataIsReturned()
    {
        Edit("claims.json", text => text.Replace("\"placeId\": \"murid-air-base\"", "\"placeId\": \"murid\"", StringComparison.Ordinal));
        Edit("people.json", text => text.Replace("\"countryCode\": \"IN\"", "\"countryCode\": \"XX\"", StringComparison.Ordinal));

        var result = SeedLoader.Load(_seed.Folder);
        Assert.Null(result.Data);
        Assert.Contains(result.Problems, p => p.Message == "unknown place 'murid'");
        Assert.Contains(result.Problems, p => p.Message == "unknown country 'XX'");
    }

    [Fact]
    public async Task TheAppRefusesToStartOnBadSeedDataWithExitCodeOne()
    {
        Edit("claims.json", text => text.Replace("\"placeId\": \"murid-air-base\"", "\"placeId\": \"murid\"", StringComparison.Ordinal));

        var (exitCode, _, stderr) = await AppProcess.Run(
            TimeSpan.FromSeconds(60), "--Seed:Path", _seed.Folder, "--Seed:Watch", "false", "--urls", "http://127.0.0.1:0");

        Assert.Equal(1, exitCode);
        Assert.Matches(@"claims\.json:\d+ \$\.claims\[\d\]\.places\[2\]\.placeId: unknown place 'murid'", stderr);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ShortValuesAreReadAsWrittenWhetherEscapedOrNot()
    {
        // Short values (roles, ids, codes) are read through a pool of strings: an escaped value must come out unescaped,
        // and equal the same value written plainly elsewhere in the file.
        Edit("readouts.json", text => ReplaceFirst(text, "\"role\": \"Secretary of State\"", "\"role\": \"Secr\\u0065tary of \\\"State\\\"\""));

        var readouts = SeedLoader.Load(_seed.Folder).GetDataOrThrow().Readouts;
        Assert.Equal("Secretary of \"State\"", readouts[0].Participants[0].Role);
        Assert.Equal("Secretary of State", readouts[1].Participants[0].Role);
    }

    [Theory]
    [InlineData("\"role\": 42", "$.readouts[0].participants[0].role")]
    [InlineData("\"role\": [\"Secretary of State\"]", "$.readouts[0].participants[0].role")]
    public void AShortValueThatIsNotAStringIsRefused(string replacement, string path)
    {
        Edit("readouts.json", text => ReplaceFirst(text, "\"role\": \"Secretary of State\"", replacement));

        var problem = Assert.Single(SeedLoader.Load(_seed.Folder).Problems);
        Assert.Equal(path, problem.JsonPath);
    }

    [Fact]
    public void AShortValueThatIsNotValidUtf8IsRefused()
    {
        var file = _seed.FileOf("readouts.json");
        var bytes = File.ReadAllBytes(file);
        var at = bytes.AsSpan().IndexOf("Secretary of State"u8);
        bytes[at + 3] = 0xFF; // no UTF-8 sequence starts with this byte

        File.WriteAllBytes(file, bytes);

        var problem = Assert.Single(SeedLoader.Load(_seed.Folder).Problems);
        Assert.EndsWith("readouts.json", problem.File, StringComparison.Ordinal);
        Assert.Equal("not valid UTF-8", problem.Message);
        Assert.Equal(LineOf("readouts.json", "Sec\uFFFDetary of State"), problem.Line);
    }

    private static string ReplaceFirst(string text, string value, string replacement)
    {
        var at = text.IndexOf(value, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{value}' is not in the file");
        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + value.Length));
    }

    private void Edit(string file, Func<string, string> change) => _seed.Edit(file, change);

    private long LineOf(string file, string text) =>
        File.ReadAllLines(Path.Combine(_seed.Folder, file)).Select((line, i) => (line, i)).First(x => x.line.Contains(text, StringComparison.Ordinal)).i + 1;
}
