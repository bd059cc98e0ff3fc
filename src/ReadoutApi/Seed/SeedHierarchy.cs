namespace ReadoutApi.Seed;

/// <summary>The organizations' <c>parentId</c>: each names a known organization other than itself, and no chain of parents loops.</summary>
internal static class SeedHierarchy
{
    /// <summary>Checks every organization's parent; a loop is reported once, at the first organization of the file on it.</summary>
    public static void Check(SeedChecker check, IReadOnlyList<OrganizationRecord> organizations, HashSet<string> known)
    {
        var parents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var o in organizations)
        {
            if (o.ParentId is not null)
            {
                parents.TryAdd(o.Id, o.ParentId);
            }
        }

        var looped = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < organizations.Count; i++)
        {
            var o = organizations[i];
            if (o.ParentId is null)
            {
                continue;
            }

            string path() => $"$.organizations[{i}].parentId";
            if (o.ParentId == o.Id)
            {
                check.Problem("organizations.json", path, $"organization '{o.Id}' cannot be its own parent");
                continue;
            }

            check.Reference("organizations.json", path, o.ParentId, known, "organization");
            if (Loop(o.Id, parents) is { } loop && loop.All(looped.Add))
            {
                check.Problem("organizations.json", path, $"parents loop: {string.Join(" -> ", loop.Append(loop[0]))}");
            }
        }
    }

    // The organizations of the loop that the chain of parents from this one runs into, or null when it ends.
    private static List<string>? Loop(string id, Dictionary<string, string> parents)
    {
        var chain = new List<string>();
        var at = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var current = id; current is not null; current = parents.GetValueOrDefault(current))
        {
            if (at.TryGetValue(current, out var start))
            {
                var loop = chain[start..];
                return loop.Count > 1 ? loop : null;
            }

            at[current] = chain.Count;
            chain.Add(current);
        }

        return null;
    }
}
