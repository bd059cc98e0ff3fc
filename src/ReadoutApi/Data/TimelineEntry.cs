namespace ReadoutApi.Data;

/// <summary>A readout, claim or statement as one entry of the merged timeline.</summary>
/// <param name="Type">readout, claim or statement.</param>
/// <param name="Id">The record's id in its own collection.</param>
/// <param name="Date">The record's date.</param>
/// <param name="Summary">One line saying what it is.</param>
/// <param name="Href">The record's URL.</param>
/// <param name="People">People it involves.</param>
/// <param name="Countries">Countries it involves.</param>
/// <param name="Places">Places it names.</param>
public sealed record TimelineEntry(
    string Type,
    string Id,
    DateOnly Date,
    string Summary,
    string Href,
    IReadOnlyList<string> People,
    IReadOnlyList<string> Countries,
    IReadOnlyList<string> Places)
{
    /// <summary>Unique across the three merged collections.</summary>
    public string Key => $"{Type}:{Id}";
}
