using ReadoutApi.Client.Models;

namespace ReadoutApi.Client.Tests;

/// <summary>One record by id, a filtered list and an unknown id, through the generated client.</summary>
public class RecordTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    // Enum-valued fields are compared through their text, ignoring case, so these tests hold whether the
    // document gives them as strings or as enums (which Kiota names in PascalCase).
    [Fact]
    public async Task AClaimByIdHasItsClaimantPlaceAndVerification()
    {
        var client = factory.CreateReadoutClient();

        var claim = await client.V1.Claims["2025-05-10-cruise-missiles-intercepted-at-rafiqui"].GetAsync();

        Assert.NotNull(claim);
        Assert.Equal("2025-05-10-cruise-missiles-intercepted-at-rafiqui", claim.Id);
        Assert.Equal("successfully intercepted cruise missiles fired at Rafiqui Air Force Base in Shorkot", claim.Quote);
        Assert.Equal("ahmed-sharif-chaudhry", claim.Claimant?.Id);
        Assert.Equal("person", $"{claim.Claimant?.Kind}", ignoreCase: true);
        Assert.Equal("interception", $"{claim.EventKind}", ignoreCase: true);
        Assert.Equal("2025-05-10", $"{claim.Date}");
        var place = Assert.Single(claim.Places ?? []);
        Assert.Equal("rafiqui-air-base", place.Id);
        Assert.Equal("Rafiqui Air Force Base in Shorkot", place.NameAsReported);
        Assert.Equal("unverified", $"{claim.Verification?.Status}", ignoreCase: true);
        Assert.Equal(["IN"], claim.AllegedActors?.Select(c => c.Id));
    }

    [Theory]
    [InlineData("ishaq-dar")]
    [InlineData("Ishaq Dar")]
    [InlineData("ISHAQ-DAR")]
    public async Task ReadoutsFilteredByParticipantAreTheCallsWithHim(string participant)
    {
        var client = factory.CreateReadoutClient();

        var page = await client.V1.Readouts.GetAsync(r => r.QueryParameters.Participant = [participant]);

        Assert.Equal(1, page?.Meta?.Total);
        var readout = Assert.Single(page?.Data ?? []);
        Assert.Equal("2025-05-10-rubio-dar", readout.Id);
        Assert.Equal(["marco-rubio", "ishaq-dar"], readout.Participants?.Select(p => p.Person?.Id));
        Assert.Null(page?.Links?.Next);
    }

    [Fact]
    public async Task ARepeatedParticipantFilterIsAnOr()
    {
        var client = factory.CreateReadoutClient();

        var page = await client.V1.Readouts.GetAsync(r => r.QueryParameters.Participant = ["ishaq-dar", "asim-munir"]);

        Assert.Equal(["2025-05-10-rubio-dar", "2025-05-09-rubio-munir"], page?.Data?.Select(r => r.Id));
    }

    [Fact]
    public async Task AnUnknownIdThrowsTheProblemDetailsOfThe404()
    {
        var client = factory.CreateReadoutClient();

        var problem = await Assert.ThrowsAsync<ProblemDetails>(() => client.V1.Claims["no-such-claim"].GetAsync());

        Assert.Equal(404, problem.ResponseStatusCode);
        Assert.Equal(404, problem.Status);
        Assert.Contains("no-such-claim", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadParameterThrowsTheValidationProblemNamingIt()
    {
        var client = factory.CreateReadoutClient();

        var problem = await Assert.ThrowsAsync<HttpValidationProblemDetails>(() => client.V1.Readouts.GetAllAsync(q => q.Limit = 1000).ToListAsync().AsTask());

        Assert.Equal(400, problem.ResponseStatusCode);
        Assert.Contains("limit", problem.Errors?.AdditionalData.Keys ?? [], StringComparer.Ordinal);
    }
}
