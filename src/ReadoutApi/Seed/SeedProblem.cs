namespace ReadoutApi.Seed;

/// <summary>One thing wrong with a seed folder, located so an editor can go straight to it.</summary>
/// <param name="File">The file's path as the user would type it.</param>
/// <param name="JsonPath">Where in the file, as a JSONPath (<c>$.readouts[1].participants[0].personId</c>).</param>
/// <param name="Line">The 1-based line, when the place exists in the file.</param>
/// <param name="Message">What is wrong.</param>
public sealed record SeedProblem(string File, string JsonPath, long? Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        Line is { } line ? $"{File}:{line} {JsonPath}: {Message}" : $"{File} {JsonPath}: {Message}";
}

/// <summary>Thrown when a seed folder cannot be served; carries every problem found.</summary>
public sealed class SeedValidationException(IReadOnlyList<SeedProblem> problems)
    : Exception($"The seed data has {problems.Count} problem(s):{Environment.NewLine}" +
                string.Join(Environment.NewLine, problems))
{
    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<SeedProblem> Problems { get; } = problems;
}
