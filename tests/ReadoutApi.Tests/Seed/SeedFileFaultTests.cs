using System.Diagnostics;
using ReadoutApi.Seed;

namespace ReadoutApi.Tests.Seed;

/// <summary>
/// Files that cannot be read, or hold what no format can carry, are seed problems in plain words, never an exception:
/// at start-up the process exits 1 with the report, and a reload keeps the last good data.
/// </summary>
public sealed class SeedFileFaultTests : IDisposable
{
    private static readonly TimeSpan NoHang = TimeSpan.FromSeconds(30);

    private readonly SeedCopy _seed = new();

    public void Dispose() => _seed.Dispose();

    public static TheoryData<string> Faults => ["fifo", "link to a fifo", "directory", "dangling link", "link loop", "empty"];

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task AFileThatCannotBeReadIsAProblemNamingIt(string fault)
    {
        var expected = Plant(fault, "sources.json");

        // A FIFO would block a reader until a writer comes: the load must not wait for one.
        var result = await Task.Run(() => SeedLoader.Load(_seed.Folder)).WaitAsync(NoHang);

        Assert.Null(result.Data);
        var problem = Assert.Single(result.Problems);
        Assert.EndsWith("sources.json", problem.File, StringComparison.Ordinal);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileOverTheSizeLimitIsRefusedWithoutBeingRead()
    {
        var size = new FileInfo(_seed.FileOf("claims.json")).Length;

        var problem = Assert.Single(SeedLoader.Load(_seed.Folder, maxFileBytes: size - 1).Problems);

        Assert.EndsWith("claims.json", problem.File, StringComparison.Ordinal);
        Assert.Contains("over the limit", problem.Message, StringComparison.Ordinal);
        Assert.Contains("Seed:MaxFileBytes", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSizeLimitIsOnTheLinkedFileNotOnTheLink()
    {
        // As in a Kubernetes ConfigMap volume, where every seed file is a link: the limit applies to what is read.
        var target = Path.Combine(_seed.Folder, "..data-claims.json");
        File.Move(_seed.FileOf("claims.json"), target);
        File.CreateSymbolicLink(_seed.FileOf("claims.json"), target);

        var problem = Assert.Single(SeedLoader.Load(_seed.Folder, maxFileBytes: new FileInfo(target).Length - 1).Problems);

        Assert.EndsWith("claims.json", problem.File, StringComparison.Ordinal);
        Assert.Contains("over the limit", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AByteOrderMarkIsAccepted()
    {
        var file = _seed.FileOf("readouts.json");
        File.WriteAllBytes(file, [0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(file)]);

        var result = SeedLoader.Load(_seed.Folder);

        Assert.Empty(result.Problems);
        Assert.Equal(3, result.Data!.Readouts.Count);
    }

    public static TheoryData<string, string, string, string, string> Texts => new()
    {
        // file, text to find, replacement, expected JSONPath, expected message (a part of it)
        { "claims.json", "\"Most of the incoming missiles were intercepted.\"", "\"Most of the incoming\\u0007 missiles were intercepted.\"", "$.claims[3].text", "control character U+0007" },
        { "claims.json", "\"Most of the incoming missiles were intercepted.\"", "\"Most of the incoming missiles were intercepted.\\r\"", "$.claims[3].text", "control character U+000D" },
        { "claims.json", "\"Most of the incoming missiles were intercepted.\"", "\"Most of the incoming missiles\\uffff were intercepted.\"", "$.claims[3].text", "U+FFFF, which is not a character" },
        { "statements.json", "\"quote\": \"We genuinely want peace", "\"quote\": \"\\ud800We genuinely want peace", "$", "lone surrogate" },
        { "statements.json", "\"quote\": \"We genuinely want peace", "\"quote\": \"We \\udc00genuinely want peace", "$", "lone surrogate" },
        { "sources.json", "\"publisher\": \"Hindustan Times\"", "\"publisher\": \"Hindustan Times\", \"publisher\": \"HT\"", "$", "publisher" },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void TextNoFormatCanCarryIsRefusedAtItsLine(string file, string find, string replace, string path, string message)
    {
        _seed.Edit(file, text => text.Replace(find, replace, StringComparison.Ordinal));

        var result = SeedLoader.Load(_seed.Folder);

        Assert.Null(result.Data);
        var problem = Assert.Single(result.Problems);
        Assert.EndsWith(file, problem.File, StringComparison.Ordinal);
        Assert.StartsWith(path, problem.JsonPath, StringComparison.Ordinal);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        var line = File.ReadAllLines(_seed.FileOf(file)).Select((text, i) => (text, i)).First(l => l.text.Contains(replace.Split('\n')[0][..20], StringComparison.Ordinal)).i + 1;
        Assert.Equal(line, problem.Line);
    }

    [Fact]
    public void ALoneSurrogateBeforeItsPairIsReadAsThePair()
    {
        _seed.Edit("statements.json", text => text.Replace("\"quote\": \"We genuinely want peace", "\"quote\": \"\\ud83d\\ude00 We genuinely want peace", StringComparison.Ordinal));

        Assert.Empty(SeedLoader.Load(_seed.Folder).Problems);
    }

    [Fact]
    public async Task AtStartUpAnUnreadableFileExitsOneWithTheReportAndNoStackTrace()
    {
        Plant("fifo", "places.json");

        var (exitCode, stdout, stderr) = await AppProcess.Run(TimeSpan.FromSeconds(60), "--Seed:Path", _seed.Folder, "--urls", "http://127.0.0.1:0");

        Assert.Equal(1, exitCode);
        Assert.Contains("places.json", stderr, StringComparison.Ordinal);
        Assert.Contains("not a regular file", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
    }

    // Makes the named file unreadable in one way; returns a part of the message that must name it.
    private string Plant(string fault, string name)
    {
        var path = _seed.FileOf(name);
        File.Delete(path);
        switch (fault)
        {
            case "fifo":
                using (var mkfifo = Process.Start("mkfifo", [path]))
                {
                    mkfifo.WaitForExit();
                    Assert.Equal(0, mkfifo.ExitCode);
                }

                return "not a regular file";
            case "link to a fifo":
                // A link's own size is that of the path it holds: the file it leads to is what must be looked at.
                Plant("fifo", name + ".fifo");
                File.CreateSymbolicLink(path, path + ".fifo");
                return "not a regular file";
            case "directory":
                Directory.CreateDirectory(path);
                return "is a directory";
            case "dangling link":
                File.CreateSymbolicLink(path, Path.Combine(_seed.Folder, "gone.json"));
                return "which does not exist";
            case "link loop":
                File.CreateSymbolicLink(path, path + ".other");
                File.CreateSymbolicLink(path + ".other", path);
                return "loop";
            default:
                File.WriteAllBytes(path, []);
                return "is empty";
        }
    }
}
