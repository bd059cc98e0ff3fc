using ReadoutApi.Seed;

namespace ReadoutApi.Tests.Seed;

/// <summary>One test per kind of seed fault: each is refused, and the message names the file and the place.</summary>
public sealed class SeedFaultMatrixTests : IDisposable
{
    private readonly SeedCopy _seed = new();

    public void Dispose() => _seed.Dispose();

    public static TheoryData<string, string, string, string, string> Faults => new()
    {
        // file, text to find, replacement, expected JSONPath, expected message (a part of it)
        { "readouts.json", "\"datePrecision\": \"day\",\n      \"issuerId\"", "\"datePrecision\": \"day\"\n      \"issuerId\"", "$", "not valid JSON" },
        { "claims.json", "\"eventKind\": \"retaliation\"", "\"eventKind\": \"invasion\"", "$.claims[0].eventKind", "eventKind 'invasion' is not one of: strike, interception, damage-assessment, retaliation, accusation" },
        { "statements.json", "\"quote\": \"We genuinely want peace without the hegemony of any one country\"", "\"quote\": \"\"", "$.statements[1].quote", "quote is empty; it needs at least 1 character" },
        { "people.json", "\"id\": \"asim-munir\"", "\"id\": \"ishaq-dar\"", "$.people[3].id", "duplicate id 'ishaq-dar'" },
        { "readouts.json", "\"personId\": \"ishaq-dar\"", "\"personId\": \"ishaq-darr\"", "$.readouts[1].participants[1].personId", "unknown person 'ishaq-darr'" },
        { "claims.json", "\"placeId\": \"murid-air-base\"", "\"placeId\": \"murid\"", "$.claims[5].places[2].placeId", "unknown place 'murid'" },
        { "readouts.json", "\"issuerId\": \"us-department-of-state\"", "\"issuerId\": \"state-department\"", "$.readouts[0].issuerId", "unknown organization 'state-department'" },
        { "statements.json", "\"sourceIds\": [\n        \"the-finance-360-rubio-mediation\"\n      ],\n      \"notes\": [\n        \"Said in a televised", "\"sourceIds\": [\n        \"the-finance-360\"\n      ],\n      \"notes\": [\n        \"Said in a televised", "$.statements[0].sourceIds[0]", "unknown source 'the-finance-360'" },
        { "places.json", "\"countryCode\": \"PK\",\n      \"locality\": \"Chakwal", "\"countryCode\": \"PX\",\n      \"locality\": \"Chakwal", "$.places[2].countryCode", "unknown country 'PX'" },
        { "readouts.json", "\"date\": \"2025-05-09\"", "\"date\": \"2025-02-30\"", "$.readouts[2].date", "not a valid date" },
        { "claims.json", "\"text\": \"Most of the incoming missiles were intercepted.\",", "", "$.claims[3]", "the required property 'text' is missing" },
        { "sources.json", "\"publisher\": \"Hindustan Times\"", "\"publisher\": \"Hindustan Times\", \"author\": \"x\"", "$.sources[2].author", "unknown property 'author' (check its spelling; expected one of: id, title, publisher, url, date, kind, notes)" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void EachFaultIsRefusedWithFileAndPlace(string file, string find, string replace, string path, string message)
    {
        var full = Path.Combine(_seed.Folder, file);
        var text = File.ReadAllText(full);
        Assert.Contains(find, text, StringComparison.Ordinal);
        File.WriteAllText(full, text.Replace(find, replace, StringComparison.Ordinal));

        var result = SeedLoader.Load(_seed.Folder);

        Assert.Null(result.Data);
        var problem = Assert.Single(result.Problems, p => p.JsonPath == path && p.Message.Contains(message, StringComparison.Ordinal));
        Assert.EndsWith(file, problem.File, StringComparison.Ordinal);
        Assert.NotNull(problem.Line);
        Assert.InRange(problem.Line!.Value, 1, File.ReadAllLines(full).Length);
        Assert.StartsWith($"{problem.File}:{problem.Line} {path}: ", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void RoleEndingBeforeItStartsIsRefused()
    {
        var full = Path.Combine(_seed.Folder, "people.json");
        File.WriteAllText(full, File.ReadAllText(full).Replace("\"from\": \"2025-05-20\"", "\"from\": \"2025-06-01\"", StringComparison.Ordinal).Replace("\"to\": null,\n          \"sourceIds\": [\n            \"pakistan-today", "\"to\": \"2025-05-21\",\n          \"sourceIds\": [\n            \"pakistan-today", StringComparison.Ordinal));

        var problem = Assert.Single(SeedLoader.Load(_seed.Folder).Problems);
        Assert.Equal("$.people[3].roles[1].to", problem.JsonPath);
        Assert.Contains("before it starts", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileThatIsNotJsonAtAllIsRefusedAtLineOne()
    {
        File.WriteAllBytes(Path.Combine(_seed.Folder, "countries.json"), [0x50, 0x4B, 0x03, 0x04, 0xFF, 0x00, 0x12]);

        var problem = Assert.Single(SeedLoader.Load(_seed.Folder).Problems);
        Assert.EndsWith("countries.json", problem.File, StringComparison.Ordinal);
        Assert.Equal(1, problem.Line);
        Assert.Contains("not valid JSON", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingRequiredFileIsNamed()
    {
        File.Delete(Path.Combine(_seed.Folder, "places.json"));

        var problem = Assert.Single(SeedLoader.Load(_seed.Folder).Problems);
        Assert.EndsWith("places.json", problem.File, StringComparison.Ordinal);
        Assert.Equal("file not found", problem.Message);
    }

    [Fact]
    public void AnEmptyFolderNamesEveryMissingFile()
    {
        var empty = Path.Combine(_seed.Folder, "empty");
        Directory.CreateDirectory(empty);

        var problems = SeedLoader.Load(empty).Problems;
        Assert.Equal(SeedLoader.FileNames.Order(), problems.Select(p => Path.GetFileName(p.File)).Order());
        Assert.All(problems, p => Assert.Equal("file not found", p.Message));
    }

    [Fact]
    public void AMissingFolderIsNamed()
    {
        var missing = Path.Combine(_seed.Folder, "nowhere");

        var problem = Assert.Single(SeedLoader.Load(missing).Problems);
        Assert.EndsWith("nowhere", problem.File, StringComparison.Ordinal);
        Assert.Equal("seed folder not found", problem.Message);
    }

    [Fact]
    public void AFileHoldingNullIsRefused()
    {
        File.WriteAllText(Path.Combine(_seed.Folder, "organizations.json"), "null");

        var problem = Assert.Single(SeedLoader.Load(_seed.Folder).Problems);
        Assert.EndsWith("organizations.json", problem.File, StringComparison.Ordinal);
        Assert.Equal("$", problem.JsonPath);
    }

    [Fact]
    public async Task ValidateVerbExitsZeroOnGoodDataAndOneWithMessagesOnBadData()
    {
        var good = await AppProcess.Run(TimeSpan.FromSeconds(60), "validate", TestPaths.RepoSeed);
        Assert.Equal(0, good.ExitCode);
        Assert.Contains("valid (3 readouts, 9 claims", good.Stdout, StringComparison.Ordinal);

        var full = Path.Combine(_seed.Folder, "readouts.json");
        File.WriteAllText(full, File.ReadAllText(full).Replace("\"personId\": \"ishaq-dar\"", "\"personId\": \"ishaq-darr\"", StringComparison.Ordinal));
        var bad = await AppProcess.Run(TimeSpan.FromSeconds(60), "validate", _seed.Folder);
        Assert.Equal(1, bad.ExitCode);
        Assert.Matches(@"readouts\.json:\d+ \$\.readouts\[1\]\.participants\[1\]\.personId: unknown person 'ishaq-darr'", bad.Stderr);
    }

    [Fact]
    public async Task ValidateFindsARelativePathFromWhereTheUserTypedIt()
    {
        // As under `dotnet run --project src/ReadoutApi -- validate seed`: the app runs in another folder than the shell's.
        var (exitCode, stdout, stderr) = await AppProcess.RunIn(
            TimeSpan.FromSeconds(60), workingDirectory: Path.GetTempPath(), shellDirectory: Path.GetDirectoryName(_seed.Folder)!,
            "validate", Path.GetFileName(_seed.Folder));

        // ... and it is named as the user typed it.
        Assert.True(exitCode == 0, stderr);
        Assert.StartsWith($"{Path.GetFileName(_seed.Folder)}: valid (", stdout, StringComparison.Ordinal);
    }
}
