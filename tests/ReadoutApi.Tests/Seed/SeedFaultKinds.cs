using System.Diagnostics;
using System.Text;

namespace ReadoutApi.Tests.Seed;

/// <summary>A kind of seed fault: how to plant it in a seed folder, the file a report must name and a part of the report.</summary>
/// <param name="Name">What the fault is.</param>
/// <param name="File">The seed file it breaks.</param>
/// <param name="Expected">A part of the problem reported for the file: its JSONPath, the bad value or the reason.</param>
/// <param name="Plant">Breaks the file in a seed folder.</param>
public sealed record SeedFault(string Name, string File, string Expected, Action<string> Plant)
{
    /// <summary>Whether the fault needs file permissions to apply to the app (see <see cref="PermissionChecks"/>).</summary>
    public bool NeedsPermissionChecks { get; init; }

    public override string ToString() => Name;
}

/// <summary>
/// The kinds of fault a seed folder meets in practice, from an editor's typo to what an operator's volume or a script can
/// leave there. Every kind is refused with a report naming its file; a UTF-8 byte order mark is no fault (accepted).
/// </summary>
public static class SeedFaultKinds
{
    /// <summary>The size limit the processes of the fault matrix run with (<c>Seed:MaxFileBytes</c>): far above any seed file.</summary>
    public const long MaxFileBytes = 1 << 20;

    public static IReadOnlyList<SeedFault> All { get; } =
    [
        // Syntax and encoding.
        Edit("invalid JSON syntax (a missing comma)", "readouts.json", "\"datePrecision\": \"day\",", "\"datePrecision\": \"day\"", "not valid JSON"),
        Bytes("truncated file", "claims.json", b => b[..(b.Length / 2)], "not valid JSON"),
        Bytes("empty file", "people.json", _ => [], "is empty"),
        Bytes("top-level array instead of an object", "countries.json", b => [(byte)'[', .. b, (byte)']'], "array"),
        Bytes("invalid UTF-8 bytes", "claims.json", b => Splice(b, "intercepted.", [0xFF, 0xFE]), "not valid UTF-8"),
        Bytes("null byte in a string", "claims.json", b => Splice(b, "intercepted.", [0x00]), "0x00"),
        Bytes("nesting too deep (10,000 arrays)", "organizations.json", _ => Nested(10_000), "depth"),
        // Text no format can carry.
        Edit("lone high surrogate escape", "statements.json", "\"quote\": \"We genuinely", "\"quote\": \"\\ud800We genuinely", "lone surrogate"),
        Edit("lone low surrogate escape", "statements.json", "\"quote\": \"We genuinely", "\"quote\": \"We \\udc00genuinely", "lone surrogate"),
        Edit("control character U+0007", "claims.json", "\"Most of the incoming missiles", "\"Most of the\\u0007 incoming missiles", "U+0007"),
        Edit("noncharacter U+FFFF", "claims.json", "\"Most of the incoming missiles", "\"Most of the\\uffff incoming missiles", "U+FFFF"),
        Edit("duplicate key", "sources.json", "\"publisher\": \"Hindustan Times\"", "\"publisher\": \"Hindustan Times\", \"publisher\": \"HT\"", "'publisher'"),
        // Schema.
        Edit("wrong type (a number for a string)", "sources.json", "\"publisher\": \"Hindustan Times\"", "\"publisher\": 42", "$.sources[2].publisher"),
        Edit("enum value typo", "claims.json", "\"eventKind\": \"retaliation\"", "\"eventKind\": \"retaliaton\"", "$.claims[0].eventKind"),
        Edit("missing required property", "claims.json", "\"text\": \"Most of the incoming missiles were intercepted.\",", "", "$.claims[3]"),
        Edit("unknown property", "sources.json", "\"publisher\": \"Hindustan Times\"", "\"publisher\": \"Hindustan Times\", \"author\": \"x\"", "author"),
        Edit("empty string where at least 1 character", "statements.json", "\"quote\": \"We genuinely want peace without the hegemony of any one country\"", "\"quote\": \"\"", "$.statements[1].quote"),
        Edit("invalid date", "readouts.json", "\"date\": \"2025-05-09\"", "\"date\": \"2025-02-30\"", "$.readouts[2].date"),
        // Across records.
        Edit("unknown person", "readouts.json", "\"personId\": \"ishaq-dar\"", "\"personId\": \"ishaq-darr\"", "ishaq-darr"),
        Edit("unknown place", "claims.json", "\"placeId\": \"murid-air-base\"", "\"placeId\": \"murid\"", "'murid'"),
        Edit("duplicate id", "people.json", "\"id\": \"asim-munir\"", "\"id\": \"ishaq-dar\"", "$.people[3].id"),
        // What is at the file's path.
        Instead("deleted file", "places.json", (_, _) => { }, "file not found"),
        Instead("directory instead of the file", "sources.json", (path, _) => Directory.CreateDirectory(path), "is a directory"),
        Instead("dangling symlink", "sources.json", (path, _) => System.IO.File.CreateSymbolicLink(path, path + ".gone"), "does not exist"),
        Instead("symlink loop", "sources.json", (path, _) => Loop(path), "loop"),
        Instead("FIFO", "sources.json", (path, _) => MakeFifo(path), "not a regular file"),
        Instead("symlink to a FIFO", "sources.json", (path, _) => LinkTo(path, path + ".fifo", MakeFifo), "not a regular file"),
        Instead("symlink to a device (/dev/zero)", "sources.json", (path, _) => System.IO.File.CreateSymbolicLink(path, "/dev/zero"), "not a regular file"),
        Instead("file over Seed:MaxFileBytes", "claims.json", (path, original) => Padded(path, original), "Seed:MaxFileBytes"),
        Instead("symlink to a file over Seed:MaxFileBytes", "claims.json", (path, original) => LinkTo(path, path + ".big", big => Padded(big, original)), "Seed:MaxFileBytes"),
        Instead("sparse 3 GB file", "places.json", (path, _) => Sparse(path, 3L << 30), "Seed:MaxFileBytes"),
        new("permission denied (mode 000)", "claims.json", "permission denied", folder => PermissionChecks.NoAccess(Path.Combine(folder, "claims.json")))
        {
            NeedsPermissionChecks = true,
        },
        new("seed folder not searchable (mode 000)", "readouts.json", "permission denied", PermissionChecks.NoAccess)
        {
            NeedsPermissionChecks = true,
        },
    ];

    public static TheoryData<string> Names => [.. All.Select(f => f.Name)];

    public static SeedFault Named(string name) => All.Single(f => f.Name == name);

    /// <summary>
    /// Undoes any fault on <paramref name="file"/>: the folder's mode is the usual one again, whatever is at the file's path
    /// (and beside it) goes, and its good bytes come back.
    /// </summary>
    public static void Restore(string folder, string file, byte[] good)
    {
        PermissionChecks.SetMode(folder, (UnixFileMode)0b111_101_101);
        var path = Path.Combine(folder, file);
        foreach (var extra in Directory.GetFileSystemEntries(folder, file + ".*"))
        {
            Remove(extra);
        }

        Remove(path);
        System.IO.File.WriteAllBytes(path, good);
    }

    private static void Remove(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is null && Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
        else
        {
            System.IO.File.Delete(path);
        }
    }

    private static SeedFault Edit(string name, string file, string find, string replace, string expected) =>
        new(name, file, expected, folder =>
        {
            var path = Path.Combine(folder, file);
            var text = System.IO.File.ReadAllText(path);
            Assert.Contains(find, text, StringComparison.Ordinal);
            System.IO.File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));
        });

    private static SeedFault Bytes(string name, string file, Func<byte[], byte[]> change, string expected) =>
        new(name, file, expected, folder =>
        {
            var path = Path.Combine(folder, file);
            System.IO.File.WriteAllBytes(path, change(System.IO.File.ReadAllBytes(path)));
        });

    // Replaces the file by something else: the action gets the path and the file's good bytes.
    private static SeedFault Instead(string name, string file, Action<string, byte[]> make, string expected) =>
        new(name, file, expected, folder =>
        {
            var path = Path.Combine(folder, file);
            var original = System.IO.File.ReadAllBytes(path);
            System.IO.File.Delete(path);
            make(path, original);
        });

    private static byte[] Splice(byte[] bytes, string after, byte[] inserted)
    {
        var at = bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(after));
        Assert.True(at >= 0, $"'{after}' not found");
        return [.. bytes[..at], .. inserted, .. bytes[at..]];
    }

    private static byte[] Nested(int depth) =>
        Encoding.UTF8.GetBytes("{\"organizations\": " + new string('[', depth) + new string(']', depth) + "}");

    // Valid JSON, one byte over the limit: only the limit refuses it.
    private static void Padded(string path, byte[] original) =>
        System.IO.File.WriteAllBytes(path, [.. original, .. Enumerable.Repeat((byte)' ', (int)(MaxFileBytes + 1 - original.Length))]);

    private static void Sparse(string path, long length)
    {
        using var stream = System.IO.File.Create(path);
        stream.SetLength(length); // a hole: no disk space is used
    }

    private static void LinkTo(string path, string target, Action<string> makeTarget)
    {
        makeTarget(target);
        System.IO.File.CreateSymbolicLink(path, target);
    }

    private static void Loop(string path)
    {
        System.IO.File.CreateSymbolicLink(path, path + ".other");
        System.IO.File.CreateSymbolicLink(path + ".other", path);
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }
}
