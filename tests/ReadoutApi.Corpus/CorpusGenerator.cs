using System.Text.Json;
using ReadoutApi.Seed;

namespace ReadoutApi.Corpus;

/// <summary>How many records of each kind a synthetic corpus holds.</summary>
/// <param name="Readouts">Readouts.</param>
/// <param name="Claims">Claims.</param>
/// <param name="Statements">Statements.</param>
/// <param name="People">People.</param>
/// <param name="Places">Places.</param>
public sealed record CorpusSize(int Readouts, int Claims, int Statements, int People, int Places)
{
    /// <summary>A corpus scaled from readout and claim counts.</summary>
    public static CorpusSize For(int readouts, int claims) =>
        new(readouts, claims, Math.Max(10, (readouts + claims) / 20), Math.Clamp(readouts / 100, 12, 2000), Math.Clamp(claims / 100, 12, 2000));
}

/// <summary>
/// Writes a valid seed folder of any size from a seeded random generator: the same seed gives the same
/// bytes. Text is built from the vocabulary of the real data so that searches behave realistically.
/// </summary>
public static class CorpusGenerator
{
    private static readonly string[] Countries = ["US", "IN", "PK", "CN", "GB", "FR", "DE", "RU", "SA", "AE", "TR", "IR", "AF", "BD", "LK", "NP", "JP", "QA", "EG", "IT"];
    private static readonly string[] CountryNames = ["United States", "India", "Pakistan", "China", "United Kingdom", "France", "Germany", "Russia", "Saudi Arabia", "United Arab Emirates", "Türkiye", "Iran", "Afghanistan", "Bangladesh", "Sri Lanka", "Nepal", "Japan", "Qatar", "Egypt", "Italy"];
    private static readonly string[] FirstNames = ["Marco", "Ishaq", "Asim", "Ahmed", "Subrahmanyam", "Tammy", "Amira", "José", "Lena", "Rahul", "Fatima", "Chen", "Olivia", "Karim", "Sofia", "Imran", "Priya", "Omar", "Hana", "Diego"];
    private static readonly string[] LastNames = ["Rubio", "Dar", "Munir", "Chaudhry", "Jaishankar", "Bruce", "Khan", "García", "Müller", "Sharma", "Hussain", "Wei", "Smith", "Haddad", "Rossi", "Qureshi", "Patel", "Farouk", "Sato", "Núñez"];
    private static readonly string[] Titles = ["Secretary of State", "Minister of Foreign Affairs", "Minister of External Affairs", "Chief of Army Staff", "Deputy Prime Minister", "National Security Adviser", "Ambassador", "Director General"];
    private static readonly string[] Topics = ["de-escalation", "direct-communication", "mediation", "trade", "counterterrorism", "humanitarian-aid", "ceasefire", "regional-security"];
    private static readonly string[] Verbs = ["emphasized", "urged", "reiterated", "welcomed", "discussed", "underscored", "called for", "offered"];
    private static readonly string[] Objects = ["de-escalation", "direct communication", "restraint", "constructive talks", "a ceasefire", "regional stability", "dialogue", "U.S. assistance", "confidence-building measures", "humanitarian access"];
    private static readonly string[] Clauses = ["to avoid miscalculation", "in order to avoid future conflicts", "to reduce tensions", "to restore calm", "to protect civilians", "to keep channels open"];
    private static readonly string[] ClaimTemplates =
    [
        "{0} said most incoming missiles fired at {1} were intercepted.",
        "{0} claimed retaliatory strikes on military installations near {1}.",
        "{0} said no damage was caused at {1}.",
        "{0} accused the other side of targeting {1} with drones.",
        "{0} said air defense systems intercepted cruise missiles fired at {1}.",
    ];
    private static readonly string[] PlaceWords = ["Nur", "Khan", "Rafiqui", "Murid", "Shorkot", "Chaklala", "Sargodha", "Jacobabad", "Bholari", "Pasrur", "Sialkot", "Ambala", "Pathankot", "Adampur", "Bhuj", "Jaisalmer", "Hindon", "Srinagar"];
    private static readonly string[] EventKinds = [.. Vocabulary.EventKinds];
    private static readonly string[] Statuses = [.. Vocabulary.VerificationStatuses];
    private static readonly string[] Channels = [.. Vocabulary.Channels];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    /// <summary>Writes the eight seed files of a corpus into <paramref name="directory"/>.</summary>
    public static void Write(string directory, CorpusSize size, int seed = 20250510)
    {
        Directory.CreateDirectory(directory);
        var random = new Random(seed);
        var start = new DateOnly(2020, 1, 1).DayNumber;
        DateOnly RandomDate() => DateOnly.FromDayNumber(start + random.Next(0, 6 * 365));
        T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

        var sources = Enumerable.Range(0, 200).Select(i => new SourceRecord(
            $"source-{i:D4}", $"Report {i} on {Pick(Objects)}", $"Publisher {i % 25}", $"https://example.org/reports/{i}",
            i % 3 == 0 ? null : RandomDate(), i % 4 == 0 ? "government-readout" : "news-article", [])).ToArray();
        var countries = Countries.Select((code, i) => new CountryRecord(code, CountryNames[i])).ToArray();
        var organizations = Enumerable.Range(0, 40).Select(i => new OrganizationRecord(
            $"organization-{i:D3}", $"{CountryNames[i % Countries.Length]} Ministry {i}", i % 2 == 0 ? [$"Ministry {i}"] : [],
            i % 5 == 0 ? "military" : "government-department", Countries[i % Countries.Length],
            i >= 8 && i % 4 == 0 ? $"organization-{i - 8:D3}" : null, [Pick(sources).Id])).ToArray();
        var people = Enumerable.Range(0, size.People).Select(i =>
        {
            var name = $"{FirstNames[i % FirstNames.Length]} {LastNames[i / FirstNames.Length % LastNames.Length]}";
            return new PersonRecord(
                $"person-{i:D5}", name + (i >= FirstNames.Length * LastNames.Length ? $" {i}" : ""), [LastNames[i / FirstNames.Length % LastNames.Length] + $" {i}"],
                Pick(Countries),
                [new RoleRecord(Pick(Titles), Pick(organizations).Id, null, null, [Pick(sources).Id])]);
        }).ToArray();
        var places = Enumerable.Range(0, size.Places).Select(i => new PlaceRecord(
            $"place-{i:D5}", $"{Pick(PlaceWords)} {(i % 3 == 0 ? "City" : "Air Base")} {i}", [$"{Pick(PlaceWords)} Base {i}"],
            i % 3 == 0 ? "city" : "air-base", Pick(Countries), null, null,
            i % 2 == 0 ? new Coordinates(20 + random.NextDouble() * 15, 65 + random.NextDouble() * 15) : null,
            [], [Pick(sources).Id], [])).ToArray();

        var readouts = Enumerable.Range(0, size.Readouts).Select(i =>
        {
            var participants = Enumerable.Range(0, 2 + random.Next(2)).Select(_ => Pick(people)).DistinctBy(p => p.Id)
                .Select(p => new ParticipantRecord(p.Id, p.Roles[0].Title, p.CountryCode)).ToArray();
            var quote = $"{Pick(Verbs)} {Pick(Objects)} {Pick(Clauses)}.";
            return new ReadoutRecord(
                $"readout-{i:D6}", $"Call between {string.Join(" and ", participants.Select(p => people[int.Parse(p.PersonId[7..], System.Globalization.CultureInfo.InvariantCulture)].Name))}",
                RandomDate(), "day", Pick(organizations).Id, participants,
                Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Pick(Topics)).Distinct().ToArray(),
                [new PointRecord($"The parties {quote}", quote, Pick(sources).Id, null)],
                i % 4 == 0 ? new ReportedWordingRecord(quote, "As quoted by a news outlet", Pick(sources).Id) : null,
                [Pick(sources).Id], [], []);
        }).ToArray();

        var claims = Enumerable.Range(0, size.Claims).Select(i =>
        {
            var claimant = random.Next(3) switch
            {
                0 => new ActorRecord("person", Pick(people).Id),
                1 => new ActorRecord("organization", Pick(organizations).Id),
                _ => new ActorRecord("country", Pick(Countries)),
            };
            var named = Enumerable.Range(0, random.Next(4)).Select(_ => Pick(places)).DistinctBy(p => p.Id).ToArray();
            var kind = Pick(EventKinds);
            var source = Pick(sources).Id;
            string[] kinds = i % 4 == 0 ? [kind, .. EventKinds.Where(k => k != kind).Take(1 + random.Next(2))] : [kind];
            var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, Pick(ClaimTemplates), "A spokesperson", named.Length > 0 ? named[0].Name : "several sites");
            return new ClaimRecord(
                $"claim-{i:D6}", text, i % 3 == 0 ? null : text.TrimEnd('.'), claimant, null,
                i % 5 == 0 ? null : Pick(Channels), RandomDate(), kind, kinds,
                [Pick(Countries)], [Pick(Countries)],
                named.Select((p, n) => new PlaceMentionRecord(p.Id, p.Aliases[0], n == 1 ? "near" : "at")).ToArray(),
                new VerificationRecord(Pick(Statuses), $"Reviewer {i % 7}", null, null),
                [source], [], i % 6 == 0 ? ["targets"] : [], i % 5 == 1 ? [new ProvenanceRecord("allegedActors", source)] : []);
        }).ToArray();

        var statements = Enumerable.Range(0, size.Statements).Select(i => new StatementRecord(
            $"statement-{i:D6}", new ActorRecord("person", Pick(people).Id), Pick(Channels), RandomDate(),
            $"We {Pick(Verbs)} {Pick(Objects)} {Pick(Clauses)}.", [Pick(sources).Id], [])).ToArray();

        WriteFile(directory, "sources.json", new { sources });
        WriteFile(directory, "countries.json", new { countries });
        WriteFile(directory, "organizations.json", new { organizations });
        WriteFile(directory, "people.json", new { people });
        WriteFile(directory, "places.json", new { places });
        WriteFile(directory, "readouts.json", new { readouts });
        WriteFile(directory, "claims.json", new { claims });
        WriteFile(directory, "statements.json", new { statements });
    }

    private static void WriteFile<T>(string directory, string name, T content)
    {
        using var stream = File.Create(Path.Combine(directory, name));
        JsonSerializer.Serialize(stream, content, Json);
    }
}
