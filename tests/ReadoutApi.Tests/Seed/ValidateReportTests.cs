using ReadoutApi.Seed;

namespace ReadoutApi.Tests.Seed;

/// <summary>
/// `validate` as its users meet it: every problem of a folder in one run, schema and references side by side, each
/// naming the value as written and what was expected there.
/// </summary>
public sealed class ValidateReportTests : IDisposable
{
    private static readonly string EventKinds = string.Join(", ", Vocabulary.EventKinds);

    private readonly SeedCopy _seed = new();

    public void Dispose() => _seed.Dispose();

    [Fact]
    public async Task ThreeMistakesInOneFileAreAllReportedInOneRun()
    {
        // An enum typo (which the schema refuses), an unknown person and an unknown place (which only the checks across
        // files find), in three records of one file.
        _seed.Edit("claims.json", text => ReplaceFirst(ReplaceFirst(ReplaceFirst(text,
            "\"eventKind\": \"retaliation\"", "\"eventKind\": \"retaliaton\""),
            "\"id\": \"ahmed-sharif-chaudhry\"", "\"id\": \"ahmed-sharif-chaudry\""),
            "\"placeId\": \"islamabad\"", "\"placeId\": \"islamabd\""));
        var folder = Path.GetFileName(_seed.Folder);
        var claims = Path.Combine(folder, "claims.json");

        var (exitCode, stdout, stderr) = await AppProcess.RunIn(
            TimeSpan.FromSeconds(60), workingDirectory: Path.GetDirectoryName(_seed.Folder), shellDirectory: Path.GetDirectoryName(_seed.Folder),
            "validate", folder);

        Assert.Equal(1, exitCode);
        Assert.Equal("", stdout);
        Assert.Equal(
            [
                $"{claims}:{LineOf("retaliaton")} $.claims[0].eventKind: eventKind 'retaliaton' is not one of: {EventKinds}",
                $"{claims}:{LineOf("islamabd")} $.claims[2].places[0].placeId: unknown place 'islamabd'",
                $"{claims}:{LineOf("ahmed-sharif-chaudry\"")} $.claims[3].claimant.id: unknown person 'ahmed-sharif-chaudry'",
                $"3 problems in {folder}.",
            ],
            stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

        // The service loads with the same checks: nothing of the folder is served.
        var result = SeedLoader.Load(_seed.Folder);
        Assert.Null(result.Data);
        Assert.Equal(3, result.Problems.Count);
    }

    [Fact]
    public void AnEnumProblemNamesTheValueAndEveryAllowedOne()
    {
        _seed.Edit("claims.json", text => ReplaceFirst(text, "\"status\": \"unverified\"", "\"status\": \"unverifed\""));

        var problem = Assert.Single(SeedLoader.Load(_seed.Folder).Problems);

        Assert.Equal("$.claims[0].verification.status", problem.JsonPath);
        Assert.Equal("status 'unverifed' is not one of: unverified, disputed, corroborated, confirmed, refuted", problem.Message);
        Assert.Equal($"status 'unverifed' is not one of: {string.Join(", ", Vocabulary.VerificationStatuses)}", problem.Message);
    }

    public static TheoryData<string, string, string, string, string> Wordings => new()
    {
        // file, text to find (its first occurrence is changed), replacement, expected JSONPath, expected message
        { "claims.json", "\"eventKind\": \"retaliation\"", "\"eventKind\": 5", "$.claims[0].eventKind", $"eventKind 5 is not one of: {EventKinds}" },
        { "claims.json", "\"channel\": \"statement\"", "\"channel\": \"tv\"", "$.claims[0].channel", "channel 'tv' is not one of: statement, state-television-broadcast, social-media-post, interview, null" },
        { "people.json", "\"name\": \"Marco Rubio\"", "\"name\": \"\"", "$.people[0].name", "name is empty; it needs at least 1 character" },
        { "places.json", "\"countryCode\": \"PK\"", "\"countryCode\": \"pk\"", "$.places[0].countryCode", "countryCode 'pk' does not match ^[A-Z]{2}$ (ISO 3166-1 alpha-2 code, uppercase)" },
        { "claims.json", "\"id\": \"2025-05-10-pakistan-retaliatory-strikes\"", "\"id\": \"Retaliatory Strikes\"", "$.claims[0].id", "id 'Retaliatory Strikes' does not match ^[a-z0-9]+(-[a-z0-9]+)*$ (a stable lowercase slug)" },
        { "claims.json", "\"date\": \"2025-05-10\"", "\"date\": 20250510", "$.claims[0].date", "date 20250510 is a number; expected a string" },
        { "claims.json", "\"quote\": \"Indian aggression\"", "\"quote\": [\"Indian aggression\"]", "$.claims[0].quote", "quote is an array; expected a string or null" },
        { "claims.json", "\"inferred\": [", "\"note\": \"x\",\n      \"inferred\": [", "$.claims[0].note", "unknown property 'note' (check its spelling; expected one of: id, text, quote, claimant, onBehalfOf, channel, date, eventKind, eventKinds, allegedActors, targets, places, verification, sourceIds, notes, inferred, provenance)" },
        { "claims.json", "\"reviewer\": \"The Finance 360\",", "", "$.claims[0].verification", "the required property 'reviewer' is missing" },
        { "places.json", "\"latitude\": 33.616389", "\"latitude\": 95", "$.places[0].coordinates.latitude", "latitude 95 is above the maximum of 90" },
        // A person who cannot be read is still known: the readouts and claims that name them raise nothing more.
        { "people.json", "\"name\": \"Asim Munir\"", "\"name\": 7", "$.people[3].name", "name 7 is a number; expected a string" },
        { "claims.json", "\"quote\": \"Indian aggression\"", "\"quote\": \"   \"", "$.claims[0].quote", "quote '   ' is only white space; it needs some text" },
    };

    [Theory]
    [MemberData(nameof(Wordings))]
    public void EachProblemNamesTheValueAndWhatWasExpected(string file, string find, string replace, string path, string message)
    {
        _seed.Edit(file, text => ReplaceFirst(text, find, replace));

        var result = SeedLoader.Load(_seed.Folder);

        Assert.Null(result.Data);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(path, problem.JsonPath);
        Assert.Equal(message, problem.Message);
        Assert.NotNull(problem.Line);
    }

    [Fact]
    public void ARecordThatCannotBeReadDoesNotHideTheProblemsOfTheOthers()
    {
        // The first claim cannot be read into a record (an unknown property, a date that is a number); the references of
        // the others are still checked.
        _seed.Edit("claims.json", text => ReplaceFirst(ReplaceFirst(ReplaceFirst(text,
            "\"date\": \"2025-05-10\"", "\"date\": 20250510, \"extra\": true"),
            "\"placeId\": \"islamabad\"", "\"placeId\": \"islamabd\""),
            "\"placeId\": \"murid-air-base\"", "\"placeId\": \"murid\""));
        _seed.Edit("readouts.json", text => ReplaceFirst(text, "\"personId\": \"ishaq-dar\"", "\"personId\": \"ishaq-darr\""));

        var problems = SeedLoader.Load(_seed.Folder).Problems.Select(p => $"{Path.GetFileName(p.File)} {p.JsonPath}: {p.Message}").ToList();

        Assert.Equal(
            [
                "readouts.json $.readouts[1].participants[1].personId: unknown person 'ishaq-darr'",
                "claims.json $.claims[0].date: date 20250510 is a number; expected a string",
                "claims.json $.claims[0].extra: unknown property 'extra' (check its spelling; expected one of: id, text, quote, claimant, onBehalfOf, channel, date, eventKind, eventKinds, allegedActors, targets, places, verification, sourceIds, notes, inferred, provenance)",
                "claims.json $.claims[2].places[0].placeId: unknown place 'islamabd'",
                "claims.json $.claims[5].places[2].placeId: unknown place 'murid'",
            ],
            problems);
    }

    [Fact]
    public void AnUnreadableRecordsIdStillCountsForDuplicates()
    {
        // people[3] cannot be read (its name is a number), yet its id, now ishaq-dar's, is a duplicate all the same.
        _seed.Edit("people.json", text => ReplaceFirst(ReplaceFirst(text, "\"id\": \"asim-munir\"", "\"id\": \"ishaq-dar\""), "\"name\": \"Asim Munir\"", "\"name\": 7"));

        var problems = SeedLoader.Load(_seed.Folder).Problems;

        Assert.Contains(problems, p => p.JsonPath == "$.people[3].id" && p.Message == "duplicate id 'ishaq-dar'");
        Assert.Contains(problems, p => p.JsonPath == "$.people[3].name" && p.Message == "name 7 is a number; expected a string");
    }

    [Fact]
    public async Task ProblemsAreNamedAsTheUserWouldTypeThem()
    {
        // As under `dotnet run --project src/ReadoutApi -- validate seed`: the app runs in another folder than the shell's;
        // the report names files from the shell's, where the user typed the command.
        _seed.Edit("readouts.json", text => ReplaceFirst(text, "\"personId\": \"ishaq-dar\"", "\"personId\": \"ishaq-darr\""));
        var folder = Path.GetFileName(_seed.Folder);

        var (exitCode, _, stderr) = await AppProcess.RunIn(
            TimeSpan.FromSeconds(60), workingDirectory: AppContext.BaseDirectory, shellDirectory: Path.GetDirectoryName(_seed.Folder), "validate", folder);

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"{Path.Combine(folder, "readouts.json")}:", stderr, StringComparison.Ordinal);
        Assert.EndsWith($"1 problem in {folder}.", stderr.TrimEnd(), StringComparison.Ordinal);
    }

    private long LineOf(string text) =>
        File.ReadAllLines(_seed.FileOf("claims.json")).Select((line, i) => (line, i)).First(x => x.line.Contains(text, StringComparison.Ordinal)).i + 1;

    private static string ReplaceFirst(string text, string value, string replacement)
    {
        var at = text.IndexOf(value, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{value}' is not in the file");
        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + value.Length));
    }
}
