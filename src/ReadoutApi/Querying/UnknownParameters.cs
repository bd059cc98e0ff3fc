namespace ReadoutApi.Querying;

/// <summary>
/// The errors of a request to a resource that takes a fixed set of query parameters (a record, the index): one per
/// parameter it does not take. The endpoints answer with them and the OpenAPI examples show them, from this one place.
/// </summary>
public static class UnknownParameters
{
    /// <summary>What a single record takes: <c>fields</c>, <c>expand</c> and <c>format</c>.</summary>
    public static readonly IReadOnlyList<string> OfRecord = [ParameterNames.Fields, ParameterNames.Expand, ParameterNames.Format];

    /// <summary>What the index takes: <c>format</c>.</summary>
    public static readonly IReadOnlyList<string> OfIndex = [ParameterNames.Format];

    /// <summary>An error for each of <paramref name="names"/> that is not in <paramref name="allowed"/>; empty when all are.</summary>
    /// <param name="resource">The resource, as the message names it ("A single readout").</param>
    /// <param name="names">The query parameters sent.</param>
    /// <param name="allowed">The parameters the resource takes.</param>
    public static Dictionary<string, string[]> Errors(string resource, IEnumerable<string> names, IReadOnlyList<string> allowed) =>
        names.Where(k => !allowed.Contains(k)).Distinct(StringComparer.Ordinal)
            .ToDictionary(k => k, _ => new[] { $"unknown parameter. {resource} takes only: {string.Join(", ", allowed)}." }, StringComparer.Ordinal);
}
