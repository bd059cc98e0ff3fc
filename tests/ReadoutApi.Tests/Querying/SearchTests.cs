using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ReadoutApi.Tests.Querying;

/// <summary>Search over the generated corpus, whose names carry accents (García, Müller, Núñez).</summary>
public sealed class SearchTests(CorpusFixture corpus) : IClassFixture<CorpusFixture>
{
    [Fact]
    public async Task AnAccentedNameIsFoundWithOrWithoutItsAccents()
    {
        var accented = corpus.Data.People.SelectMany(p => p.Name.Split(' ')).Where(w => !Ascii.IsValid(w)).Distinct().ToArray();
        Assert.NotEmpty(accented);
        var checkedReadouts = 0;
        foreach (var name in accented)
        {
            var ids = corpus.Data.People.Where(p => p.Name.Split(' ').Contains(name)).Select(p => p.Id).ToHashSet();
            var participating = corpus.Data.Readouts.Where(r => r.Participants.Any(p => ids.Contains(p.PersonId))).Select(r => r.Id).ToHashSet();

            checkedReadouts += participating.Count;
            var found = await Ids(Uri.EscapeDataString(name));
            Assert.Superset(participating, found.ToHashSet());
            Assert.Equal(found, await Ids(Uri.EscapeDataString(name.ToUpperInvariant())));
            var unaccented = new string(name.Normalize(NormalizationForm.FormD)
                .Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray());
            Assert.Equal(found, await Ids(unaccented.ToLowerInvariant()));
        }

        Assert.True(checkedReadouts > 0, "no readout has a participant with an accented name");
    }

    // The whole result, as NDJSON (no paging).
    private async Task<string[]> Ids(string q)
    {
        using var client = corpus.Factory.CreateClient();
        var body = await client.GetStringAsync($"/v1/readouts?q={q}&sort=id&format=ndjson");
        return body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!["id"]!.GetValue<string>()).ToArray();
    }
}
