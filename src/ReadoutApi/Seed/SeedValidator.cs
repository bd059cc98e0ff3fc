using System.Text.RegularExpressions;

namespace ReadoutApi.Seed;

/// <summary>
/// The checks a deserializer cannot make: ids well formed and unique, every reference resolving,
/// values from the vocabularies, role dates in order, quotes present.
/// </summary>
internal static partial class SeedValidator
{
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryCode();

    [GeneratedRegex("^[A-Z]{4}$")]
    private static partial Regex Icao();

    /// <summary>Checks the records across files; every problem found goes to <paramref name="problems"/>.</summary>
    /// <param name="data">The records.</param>
    /// <param name="files">The files they were read from, by name.</param>
    /// <param name="problems">Where the problems go.</param>
    /// <param name="gaps">In a report, the records that could not be read and so are not in <paramref name="data"/>.</param>
    public static void Validate(SeedData data, IReadOnlyDictionary<string, SeedFile> files, List<SeedProblem> problems, SeedGaps? gaps = null)
    {
        var check = new SeedChecker(files, problems, gaps);

        var sources = check.Ids("sources.json", "sources", data.Sources, s => s.Id, Slug());
        var countries = check.Ids("countries.json", "countries", data.Countries, c => c.Code, CountryCode());
        var organizations = check.Ids("organizations.json", "organizations", data.Organizations, o => o.Id, Slug());
        var people = check.Ids("people.json", "people", data.People, p => p.Id, Slug());
        var places = check.Ids("places.json", "places", data.Places, p => p.Id, Slug());
        var readoutIds = check.Ids("readouts.json", "readouts", data.Readouts, r => r.Id, Slug());
        check.Ids("claims.json", "claims", data.Claims, c => c.Id, Slug());
        check.Ids("statements.json", "statements", data.Statements, s => s.Id, Slug());

        void Sources(SeedChecker check, string file, Func<string> path, IReadOnlyList<string> ids)
        {
            for (var i = 0; i < ids.Count; i++)
            {
                check.Reference(file, () => $"{path()}[{i}]", ids[i], sources, "source");
            }
        }

        void Actor(SeedChecker check, string file, Func<string> path, ActorRecord actor)
        {
            var known = actor.Kind switch
            {
                "person" => people,
                "organization" => organizations,
                "country" => countries,
                _ => null,
            };
            if (known is null)
            {
                check.OneOf(file, () => $"{path()}.kind", actor.Kind, Vocabulary.ActorKinds);
                return;
            }

            check.Reference(file, () => $"{path()}.id", actor.Id, known, actor.Kind);
        }

        void LinkedRecords(SeedChecker check)
        {
            for (var i = 0; i < data.Sources.Count; i++)
            {
                var s = data.Sources[i];
                check.OneOf("sources.json", () => $"$.sources[{i}].kind", s.Kind, Vocabulary.SourceKinds);
                check.NotBlank("sources.json", () => $"$.sources[{i}].publisher", s.Publisher);
                check.AllNotBlank("sources.json", () => $"$.sources[{i}].notes", s.Notes);
                if (s.Title is not null)
                {
                    check.NotBlank("sources.json", () => $"$.sources[{i}].title", s.Title);
                }
                if (s.Url is not null && !Uri.TryCreate(s.Url, UriKind.Absolute, out _))
                {
                    check.Problem("sources.json", () => $"$.sources[{i}].url", $"'{s.Url}' is not an absolute URL");
                }
            }

            for (var i = 0; i < data.Countries.Count; i++)
            {
                check.NotBlank("countries.json", () => $"$.countries[{i}].name", data.Countries[i].Name);
            }

            for (var i = 0; i < data.Organizations.Count; i++)
            {
                var o = data.Organizations[i];
                string path() => $"$.organizations[{i}]";
                check.NotBlank("organizations.json", () => $"{path()}.name", o.Name);
                check.AllNotBlank("organizations.json", () => $"{path()}.aliases", o.Aliases);
                check.NotBlank("organizations.json", () => $"{path()}.kind", o.Kind);
                if (o.CountryCode is not null)
                {
                    check.Reference("organizations.json", () => $"{path()}.countryCode", o.CountryCode, countries, "country");
                }

                Sources(check, "organizations.json", () => $"{path()}.sourceIds", o.SourceIds);
            }

            SeedHierarchy.Check(check, data.Organizations, organizations);

            for (var i = 0; i < data.People.Count; i++)
            {
                var p = data.People[i];
                string path() => $"$.people[{i}]";
                check.NotBlank("people.json", () => $"{path()}.name", p.Name);
                check.AllNotBlank("people.json", () => $"{path()}.aliases", p.Aliases);
                check.Reference("people.json", () => $"{path()}.countryCode", p.CountryCode, countries, "country");
                for (var r = 0; r < p.Roles.Count; r++)
                {
                    var role = p.Roles[r];
                    string rolePath() => $"{path()}.roles[{r}]";
                    check.NotBlank("people.json", () => $"{rolePath()}.title", role.Title);
                    if (role.OrganizationId is not null)
                    {
                        check.Reference("people.json", () => $"{rolePath()}.organizationId", role.OrganizationId, organizations, "organization");
                    }

                    if (role.From > role.To)
                    {
                        check.Problem("people.json", () => $"{rolePath()}.to", $"role ends ({role.To:yyyy-MM-dd}) before it starts ({role.From:yyyy-MM-dd})");
                    }

                    Sources(check, "people.json", () => $"{rolePath()}.sourceIds", role.SourceIds);
                }
            }

            for (var i = 0; i < data.Places.Count; i++)
            {
                var p = data.Places[i];
                string path() => $"$.places[{i}]";
                check.NotBlank("places.json", () => $"{path()}.name", p.Name);
                check.AllNotBlank("places.json", () => $"{path()}.aliases", p.Aliases);
                check.AllNotBlank("places.json", () => $"{path()}.notes", p.Notes);
                if (p.Locality is not null)
                {
                    check.NotBlank("places.json", () => $"{path()}.locality", p.Locality);
                }

                if (p.Icao is not null)
                {
                    check.Matches("places.json", () => $"{path()}.icao", p.Icao, Icao(), "an ICAO code");
                }
                check.OneOf("places.json", () => $"{path()}.kind", p.Kind, Vocabulary.PlaceKinds);
                check.Reference("places.json", () => $"{path()}.countryCode", p.CountryCode, countries, "country");
                if (p.Coordinates is { } c && (Math.Abs(c.Latitude) > 90 || Math.Abs(c.Longitude) > 180))
                {
                    check.Problem("places.json", () => $"{path()}.coordinates", "coordinates out of range");
                }

                Sources(check, "places.json", () => $"{path()}.sourceIds", p.SourceIds);
                SeedTracing.Place(check, path, p, sources);
            }
        }

        void Readouts(SeedChecker check)
        {
            for (var i = 0; i < data.Readouts.Count; i++)
            {
                var r = data.Readouts[i];
                string path() => $"$.readouts[{i}]";
                check.NotBlank("readouts.json", () => $"{path()}.title", r.Title);
                check.OneOf("readouts.json", () => $"{path()}.datePrecision", r.DatePrecision, Vocabulary.DatePrecisions);
                check.Reference("readouts.json", () => $"{path()}.issuerId", r.IssuerId, organizations, "organization");
                if (r.Participants.Count == 0)
                {
                    check.Problem("readouts.json", () => $"{path()}.participants", "a readout needs at least one participant");
                }

                for (var p = 0; p < r.Participants.Count; p++)
                {
                    var participant = r.Participants[p];
                    check.Reference("readouts.json", () => $"{path()}.participants[{p}].personId", participant.PersonId, people, "person");
                    check.Reference("readouts.json", () => $"{path()}.participants[{p}].countryCode", participant.CountryCode, countries, "country");
                    check.NotBlank("readouts.json", () => $"{path()}.participants[{p}].role", participant.Role);
                }

                for (var t = 0; t < r.Topics.Count; t++)
                {
                    check.Matches("readouts.json", () => $"{path()}.topics[{t}]", r.Topics[t], Slug(), "a topic slug");
                }

                check.AllNotBlank("readouts.json", () => $"{path()}.notes", r.Notes);
                for (var p = 0; p < r.Points.Count; p++)
                {
                    check.NotBlank("readouts.json", () => $"{path()}.points[{p}].text", r.Points[p].Text);
                    check.NotBlank("readouts.json", () => $"{path()}.points[{p}].quote", r.Points[p].Quote);
                    check.Reference("readouts.json", () => $"{path()}.points[{p}].sourceId", r.Points[p].SourceId, sources, "source");
                }

                if (r.ReportedWording is { } wording)
                {
                    check.NotBlank("readouts.json", () => $"{path()}.reportedWording.quote", wording.Quote);
                    check.NotBlank("readouts.json", () => $"{path()}.reportedWording.attribution", wording.Attribution);
                    check.Reference("readouts.json", () => $"{path()}.reportedWording.sourceId", wording.SourceId, sources, "source");
                }

                Sources(check, "readouts.json", () => $"{path()}.sourceIds", r.SourceIds);
                SeedTracing.Readout(check, path, r, sources, readoutIds, data.Readouts);
            }
        }

        void Claims(SeedChecker check)
        {
            for (var i = 0; i < data.Claims.Count; i++)
            {
                var c = data.Claims[i];
                string path() => $"$.claims[{i}]";
                check.NotBlank("claims.json", () => $"{path()}.text", c.Text);
                check.AllNotBlank("claims.json", () => $"{path()}.notes", c.Notes);
                if (c.Quote is not null)
                {
                    check.NotBlank("claims.json", () => $"{path()}.quote", c.Quote);
                }

                Actor(check, "claims.json", () => $"{path()}.claimant", c.Claimant);
                if (c.OnBehalfOf is { } principal)
                {
                    Actor(check, "claims.json", () => $"{path()}.onBehalfOf", principal);
                }

                if (c.Channel is not null)
                {
                    check.OneOf("claims.json", () => $"{path()}.channel", c.Channel, Vocabulary.Channels);
                }

                check.OneOf("claims.json", () => $"{path()}.eventKind", c.EventKind, Vocabulary.EventKinds);
                SeedTracing.EventKinds(check, path, c);
                for (var a = 0; a < c.AllegedActors.Count; a++)
                {
                    check.Reference("claims.json", () => $"{path()}.allegedActors[{a}]", c.AllegedActors[a], countries, "country");
                }

                for (var t = 0; t < c.Targets.Count; t++)
                {
                    check.Reference("claims.json", () => $"{path()}.targets[{t}]", c.Targets[t], countries, "country");
                }

                for (var p = 0; p < c.Places.Count; p++)
                {
                    check.Reference("claims.json", () => $"{path()}.places[{p}].placeId", c.Places[p].PlaceId, places, "place");
                    check.NotBlank("claims.json", () => $"{path()}.places[{p}].nameAsReported", c.Places[p].NameAsReported);
                }

                check.OneOf("claims.json", () => $"{path()}.verification.status", c.Verification.Status, Vocabulary.VerificationStatuses);
                check.NotBlank("claims.json", () => $"{path()}.verification.reviewer", c.Verification.Reviewer);
                if (c.Verification.Note is not null)
                {
                    check.NotBlank("claims.json", () => $"{path()}.verification.note", c.Verification.Note);
                }
                Sources(check, "claims.json", () => $"{path()}.sourceIds", c.SourceIds);
                SeedTracing.Claim(check, path, c, sources);
            }
        }

        void Statements(SeedChecker check)
        {
            for (var i = 0; i < data.Statements.Count; i++)
            {
                var s = data.Statements[i];
                string path() => $"$.statements[{i}]";
                Actor(check, "statements.json", () => $"{path()}.speaker", s.Speaker);
                check.OneOf("statements.json", () => $"{path()}.channel", s.Channel, Vocabulary.Channels);
                check.NotBlank("statements.json", () => $"{path()}.quote", s.Quote);
                check.AllNotBlank("statements.json", () => $"{path()}.notes", s.Notes);
                Sources(check, "statements.json", () => $"{path()}.sourceIds", s.SourceIds);
            }
        }

        // The big files are checked side by side, each part into its own list; the problems keep the files' order.
        List<SeedProblem> small = [], readouts = [], claims = [], statements = [];
        Parallel.Invoke(
            () => LinkedRecords(new SeedChecker(files, small, gaps)),
            () => Readouts(new SeedChecker(files, readouts, gaps)),
            () => Claims(new SeedChecker(files, claims, gaps)),
            () => Statements(new SeedChecker(files, statements, gaps)));
        problems.AddRange([.. small, .. readouts, .. claims, .. statements]);
    }
}
