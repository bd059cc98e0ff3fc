using Mapster;
using ReadoutApi.Contracts;
using ReadoutApi.Seed;
using ReadoutApi.Snapshots;

namespace ReadoutApi.Tests.Snapshots;

public class MappingConfigTests
{
    [Fact]
    public void ConfigCompilesAndMapsOneOfEachRecordKind()
    {
        var config = MappingConfig.Create();
        config.Compile();
        var data = SeedLoader.Load(TestPaths.RepoSeed).GetDataOrThrow();

        var readout = data.Readouts[0].Adapt<ReadoutDto>(config);
        Assert.Equal(data.Readouts[0].Id, readout.Id);
        Assert.Equal("readout", readout.Type);
        Assert.Equal($"/v1/organizations/{data.Readouts[0].IssuerId}", readout.Issuer.Href);
        Assert.Equal(data.Readouts[0].Participants.Count, readout.Participants.Count);

        var claim = data.Claims.First(c => c.Places.Count > 0).Adapt<ClaimDto>(config);
        Assert.StartsWith("/v1/places/", claim.Places[0].Href, StringComparison.Ordinal);
        Assert.Equal("unverified", claim.Verification.Status);

        var statement = data.Statements[0].Adapt<StatementDto>(config);
        Assert.Equal(data.Statements[0].Quote, statement.Quote);

        var person = data.People.First(p => p.Id == "asim-munir").Adapt<PersonDto>(config);
        Assert.Equal("/v1/readouts?participant=asim-munir", person.Links.Readouts);
        Assert.Equal(new DateOnly(2025, 5, 20), person.Roles[1].From);

        Assert.Equal("PK", data.Countries.First(c => c.Code == "PK").Adapt<CountryDto>(config).Id);
        Assert.Equal("/v1/claims?place=rafiqui-air-base", data.Places.First(p => p.Id == "rafiqui-air-base").Adapt<PlaceDto>(config).Links.Claims);
        Assert.Null(data.Organizations.First(o => o.CountryCode is null).Adapt<OrganizationDto>(config).Country);
        Assert.Equal(data.Sources[0].Url, data.Sources[0].Adapt<SourceDto>(config).Url);
    }
}
