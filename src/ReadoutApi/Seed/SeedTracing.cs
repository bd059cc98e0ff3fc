namespace ReadoutApi.Seed;

/// <summary>
/// The checks of the fields that trace the data: every kind a claim asserts, how it relates to the places it names,
/// which of its values are inferred, which source supports which field, and a quote given to another call.
/// </summary>
internal static class SeedTracing
{
    /// <summary>A claim's <c>eventKinds</c>: at least one, each from the vocabulary and once, the primary <c>eventKind</c> first.</summary>
    public static void EventKinds(SeedChecker check, Func<string> path, ClaimRecord c)
    {
        const string file = "claims.json";
        if (c.EventKinds.Count == 0)
        {
            check.Problem(file, () => $"{path()}.eventKinds", "eventKinds is empty; it needs at least the primary eventKind");
            return;
        }

        for (var k = 0; k < c.EventKinds.Count; k++)
        {
            check.OneOf(file, () => $"{path()}.eventKinds[{k}]", c.EventKinds[k], Vocabulary.EventKinds);
            if (IndexOf(c.EventKinds, c.EventKinds[k]) < k)
            {
                check.Problem(file, () => $"{path()}.eventKinds[{k}]", $"'{c.EventKinds[k]}' is listed twice");
            }
        }

        // A bad eventKind is reported once, as itself.
        if (Vocabulary.EventKinds.Contains(c.EventKind) && c.EventKinds[0] != c.EventKind)
        {
            check.Problem(file, () => $"{path()}.eventKinds[0]", $"eventKinds begins with '{c.EventKinds[0]}'; it must begin with the eventKind '{c.EventKind}'");
        }
    }

    /// <summary>A claim's place relations, <c>inferred</c> and <c>provenance</c>.</summary>
    public static void Claim(SeedChecker check, Func<string> path, ClaimRecord c, HashSet<string> sources)
    {
        const string file = "claims.json";
        for (var p = 0; p < c.Places.Count; p++)
        {
            check.OneOf(file, () => $"{path()}.places[{p}].relation", c.Places[p].Relation, Vocabulary.PlaceRelations);
        }

        bool HasValue(string field) => field switch
        {
            "quote" => c.Quote is not null,
            "onBehalfOf" => c.OnBehalfOf is not null,
            "channel" => c.Channel is not null,
            "allegedActors" => c.AllegedActors.Count > 0,
            "targets" => c.Targets.Count > 0,
            "places" => c.Places.Count > 0,
            _ => true,
        };

        for (var i = 0; i < c.Inferred.Count; i++)
        {
            var field = c.Inferred[i];
            string at() => $"{path()}.inferred[{i}]";
            if (!Vocabulary.ClaimFields.Contains(field))
            {
                check.OneOf(file, at, field, Vocabulary.ClaimFields);
            }
            else if (IndexOf(c.Inferred, field) < i)
            {
                check.Problem(file, at, $"'{field}' is listed twice");
            }
            else if (!HasValue(field))
            {
                check.Problem(file, at, $"{field} has no value to be inferred");
            }
        }

        Provenance(check, file, path, c.Provenance, Vocabulary.ClaimFields, c.SourceIds, sources, HasValue);
    }

    /// <summary>A place's <c>provenance</c>.</summary>
    public static void Place(SeedChecker check, Func<string> path, PlaceRecord p, HashSet<string> sources) =>
        Provenance(check, "places.json", path, p.Provenance, Vocabulary.PlaceFields, p.SourceIds, sources, field => field switch
        {
            "aliases" => p.Aliases.Count > 0,
            "locality" => p.Locality is not null,
            "icao" => p.Icao is not null,
            "coordinates" => p.Coordinates is not null,
            _ => true,
        });

    /// <summary>A readout's <c>provenance</c>, and each point's <c>wordingOf</c>: another readout, whose wording holds the quote.</summary>
    public static void Readout(
        SeedChecker check, Func<string> path, ReadoutRecord r, HashSet<string> sources, HashSet<string> readoutIds, IReadOnlyList<ReadoutRecord> readouts)
    {
        const string file = "readouts.json";
        for (var p = 0; p < r.Points.Count; p++)
        {
            var point = r.Points[p];
            string at() => $"{path()}.points[{p}].wordingOf";
            if (point.WordingOf is not { } other)
            {
                continue;
            }

            if (other == r.Id)
            {
                check.Problem(file, at, "wordingOf names the readout itself; it is for another call's wording");
            }
            else if (!readoutIds.Contains(other))
            {
                check.Reference(file, at, other, readoutIds, "readout");
            }
            else if (readouts.FirstOrDefault(x => x.Id == other) is { } target &&
                     !WordingOf(target).Any(w => w.Contains(point.Quote, StringComparison.Ordinal)))
            {
                check.Problem(file, at, $"the quote is not in the wording of readout '{other}' (its points and reported wording)");
            }
        }

        Provenance(check, file, path, r.Provenance, Vocabulary.ReadoutFields, r.SourceIds, sources, field => field switch
        {
            "reportedWording" => r.ReportedWording is not null,
            "topics" => r.Topics.Count > 0,
            "points" => r.Points.Count > 0,
            _ => true,
        });
    }

    private static IEnumerable<string> WordingOf(ReadoutRecord readout) =>
        readout.Points.Select(p => p.Quote).Append(readout.ReportedWording?.Quote ?? "");

    // Each entry names a field of the record that has a value, and a source the record cites; each pair once.
    private static void Provenance(
        SeedChecker check, string file, Func<string> path, IReadOnlyList<ProvenanceRecord> entries, IReadOnlyList<string> fields,
        IReadOnlyList<string> sourceIds, HashSet<string> sources, Func<string, bool> hasValue)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            var (field, source) = (entries[i].Field, entries[i].SourceId);
            string at() => $"{path()}.provenance[{i}]";
            if (!fields.Contains(field))
            {
                check.OneOf(file, () => $"{at()}.field", field, fields);
            }
            else if (!hasValue(field))
            {
                check.Problem(file, () => $"{at()}.field", $"{field} has no value for a source to support");
            }

            if (!sources.Contains(source))
            {
                check.Reference(file, () => $"{at()}.sourceId", source, sources, "source");
            }
            else if (!sourceIds.Contains(source))
            {
                check.Problem(file, () => $"{at()}.sourceId", $"source '{source}' is not among the record's sourceIds");
            }

            var seen = entries.Take(i).Any(e => e.Field == field && e.SourceId == source);
            if (seen)
            {
                check.Problem(file, at, $"'{field}' from '{source}' is listed twice");
            }
        }
    }

    private static int IndexOf(IReadOnlyList<string> values, string value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] == value)
            {
                return i;
            }
        }

        return -1;
    }
}
