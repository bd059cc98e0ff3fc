using System.Text.Json.Nodes;

namespace ReadoutApi.Tests.Support;

/// <summary>
/// Random, valid edits of a seed copy, a round at a time: each round rewrites one file (claims, statements, sources or
/// readouts) with a few creates, updates and deletes, and replaces it by a rename, so the watcher never reads half a file.
/// Seeded, so a failure can be replayed.
/// </summary>
public sealed class SeedEditor(SeedCopy seed, int randomSeed)
{
    private static readonly string[] Files = ["claims", "statements", "sources", "readouts"];
    private readonly Random _random = new(randomSeed);
    private int _serial;

    /// <summary>Edits applied so far (each create, update or delete counts one).</summary>
    public int Edits { get; private set; }

    /// <summary>Applies a round of <paramref name="count"/> edits to one file, and writes it.</summary>
    public void Round(int count)
    {
        var file = Files[_random.Next(Files.Length)];
        var path = seed.FileOf(file + ".json");
        var document = JsonNode.Parse(File.ReadAllText(path))!;
        var records = document[file]!.AsArray();
        for (var i = 0; i < count; i++)
        {
            Edit(file, records);
            Edits++;
        }

        var temporary = path + ".tmp";
        File.WriteAllText(temporary, document.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        File.Move(temporary, path, overwrite: true);
    }

    private void Edit(string file, JsonArray records)
    {
        var n = ++_serial;
        var created = records.Where(r => ((string)r!["id"]!).Contains("-test-", StringComparison.Ordinal)).ToList();
        var action = file == "readouts" ? 0 : _random.Next(3);
        switch (action)
        {
            case 1:
                // A new record, a copy of an existing one under a new id (a copy of a source is of one no record cites).
                var model = file == "sources" ? records.First(r => (string)r!["id"]! == "readoutapi-fact-sheet")! : records[_random.Next(records.Count)]!;
                var copy = model.DeepClone();
                copy["id"] = file == "sources" ? $"readoutapi-test-source-{n}" : $"2025-05-11-test-{file}-{n}";
                records.Add(copy);
                break;
            case 2 when file != "sources" ? records.Count > 2 : created.Count > 0:
                // Claims and statements may go whatever they are; a source only if no record cites it (one made here).
                var victim = file == "sources" ? created[_random.Next(created.Count)]! : records[_random.Next(records.Count)]!;
                records.Remove(victim);
                break;
            default:
                var record = records[_random.Next(records.Count)]!;
                record["notes"]!.AsArray().Add($"Edit {n} of the change-feed test.");
                break;
        }
    }
}
