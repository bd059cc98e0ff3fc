namespace ReadoutApi.Data;

/// <summary>A readout, claim or statement as one entry of the merged timeline.</summary>
/// <param name="Type">readout, claim or statement.</param>
/// <param name="Id">The record's id in its own collection.</param>
/// <param name="Date">The record's date.</param>
/// <param name="Summary">One line saying what it is.</param>
/// <param name="People">People it involves.</param>
/// <param name="Countries">Countries it involves.</param>
/// <param name="Places">Places it names.</param>
public sealed record TimelineEntry(
    string Type,
    string Id,
    DateOnly Date,
    string Summary,
    IReadOnlyList<string> People,
    IReadOnlyList<string> Countries,
    IReadOnlyList<string> Places)
{
    /// <summary>Unique across the three merged collections (kept: indexing reads it for every entry).</summary>
    public string Key { get; } = $"{Type}:{Id}";

    /// <summary>The collection the record belongs to (its path segment).</summary>
    public string Collection => Type switch
    {
        "claim" => "claims",
        "readout" => "readouts",
        "statement" => "statements",
        _ => throw new InvalidOperationException($"Not a timeline type: {Type}"),
    };
}
