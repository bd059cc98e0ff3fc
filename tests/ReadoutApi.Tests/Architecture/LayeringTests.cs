using ArchUnitNET.Domain;
using ArchUnitNET.Fluent.Slices;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace ReadoutApi.Tests.Architecture;

/// <summary>
/// The app's folders import one way: seed files -> checked records -> snapshot (and its change journal) -> query -> response. A new import that
/// closes a cycle, or makes Seed or Contracts depend on the app (beyond the meter in Telemetry), fails here.
/// </summary>
public class LayeringTests
{
    private static readonly ArchUnitNET.Domain.Architecture App =
        new ArchLoader().LoadAssemblies(typeof(Program).Assembly).Build();

    // What each folder may use of the app (framework and library types are not constrained here).
    public static TheoryData<string, string[]> AllowedImports => new()
    {
        // Telemetry (the service's meter) is recorded where things happen, so every folder may use it.
        { "Telemetry", [] },
        { "Seed", ["Telemetry"] },
        { "Contracts", ["Telemetry"] },
        { "Querying", ["Telemetry", "Contracts"] },
        { "Http", ["Telemetry", "Contracts", "Querying"] },
        { "Collections", ["Telemetry", "Seed", "Contracts", "Querying", "Http"] },
        { "Snapshots", ["Telemetry", "Seed", "Contracts", "Querying", "Http", "Collections"] },
        { "Changes", ["Telemetry", "Seed", "Contracts", "Querying", "Http", "Collections", "Snapshots"] },
        { "OpenApi", ["Telemetry", "Seed", "Contracts", "Querying", "Http", "Collections", "Snapshots", "Changes"] },
        { "Observability", ["Telemetry", "Seed", "Contracts", "Querying", "Http", "Collections", "Snapshots"] },
        { "Endpoints", ["Telemetry", "Seed", "Contracts", "Querying", "Http", "Collections", "Snapshots", "Changes", "OpenApi"] },
    };

    [Fact]
    public void NoTwoFoldersImportEachOther() =>
        SliceRuleDefinition.Slices().Matching("ReadoutApi.(*)..").Should().BeFreeOfCycles().Check(App);

    [Theory]
    [MemberData(nameof(AllowedImports))]
    public void EachFolderImportsOnlyTheFoldersBelowIt(string folder, string[] allowed)
    {
        string[] others = [.. AllowedImports.Select(row => (string)row[0]).Where(f => f != folder && !allowed.Contains(f))];
        Types().That().ResideInNamespaceMatching(Pattern(folder))
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(Pattern(others))
            .AndShould().NotDependOnAnyTypesThat().ResideInNamespace("ReadoutApi")
            .Check(App);
    }

    [Fact]
    public void EveryTypeOfTheAppLivesInAKnownFolderOrTheCompositionRoot()
    {
        var folders = AllowedImports.Select(row => (string)row[0]).ToHashSet();
        var strays = App.Types
            .Where(t => t.Namespace.FullName.StartsWith("ReadoutApi", StringComparison.Ordinal) && !t.FullName.Contains('<'))
            .Select(t => t.Namespace.FullName.Split('.'))
            .Where(parts => parts.Length > 1 && !folders.Contains(parts[1]))
            .Select(parts => string.Join('.', parts))
            .Distinct()
            .ToArray();
        Assert.Empty(strays);
    }

    private static string Pattern(params string[] folders) =>
        $@"^ReadoutApi\.({string.Join('|', folders)})(\..*)?$";
}
