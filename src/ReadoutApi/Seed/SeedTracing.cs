namespace ReadoutApi.Seed;

/// <summary>
/// The checks of the fields that say more than one value: every kind a claim asserts.
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
