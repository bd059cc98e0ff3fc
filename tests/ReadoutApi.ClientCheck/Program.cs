using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using ReadoutApi.Client;

// Reads every collection and one record of each through the client Kiota generated from the committed
// OpenAPI document. Usage: ReadoutApi.ClientCheck <base url>
var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider()) { BaseUrl = args[0] };
var client = new ReadoutClient(adapter);
var failures = new List<string>();

void Check(string what, int? total, string? firstId, Func<string, bool> recordHasId)
{
    var ok = total > 0 && firstId is not null && recordHasId(firstId);
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: total {total}, first {firstId}");
    if (!ok)
    {
        failures.Add(what);
    }
}

var index = await client.V1.GetAsync();
Console.WriteLine($"index: data version {index?.DataVersion}, {index?.Collections?.Count} collections");

var readouts = await client.V1.Readouts.GetAsync(r => r.QueryParameters.Limit = 100);
Check("readouts", readouts?.Meta?.Total, readouts?.Data?[0].Id, id => client.V1.Readouts[id].GetAsync().Result?.Id == id);
var claims = await client.V1.Claims.GetAsync(r => r.QueryParameters.Place = ["rafiqui-air-base"]);
Check("claims", claims?.Meta?.Total, claims?.Data?[0].Id, id => client.V1.Claims[id].GetAsync().Result?.Verification?.Status is { } status && string.Equals($"{status}", "unverified", StringComparison.OrdinalIgnoreCase));
var statements = await client.V1.Statements.GetAsync();
Check("statements", statements?.Meta?.Total, statements?.Data?[0].Id, id => client.V1.Statements[id].GetAsync().Result?.Quote is { Length: > 0 });
var people = await client.V1.People.GetAsync();
Check("people", people?.Meta?.Total, people?.Data?[0].Id, id => client.V1.People[id].GetAsync().Result?.Id == id);
var organizations = await client.V1.Organizations.GetAsync();
Check("organizations", organizations?.Meta?.Total, organizations?.Data?[0].Id, id => client.V1.Organizations[id].GetAsync().Result?.Id == id);
var countries = await client.V1.Countries.GetAsync();
Check("countries", countries?.Meta?.Total, countries?.Data?[0].Id, id => client.V1.Countries[id].GetAsync().Result?.Code == id);
var places = await client.V1.Places.GetAsync();
Check("places", places?.Meta?.Total, places?.Data?[0].Id, id => client.V1.Places[id].GetAsync().Result?.Id == id);
var sources = await client.V1.Sources.GetAsync();
Check("sources", sources?.Meta?.Total, sources?.Data?[0].Id, id => client.V1.Sources[id].GetAsync().Result?.Id == id);
var timeline = await client.V1.Timeline.GetAsync();
Check("timeline", timeline?.Meta?.Total, timeline?.Data?[0].Id, _ => timeline?.Data?[0].Links?.Self is not null);

return failures.Count == 0 ? 0 : 1;
