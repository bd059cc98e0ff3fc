using System.ComponentModel.DataAnnotations;

namespace ReadoutApi.Changes;

/// <summary>Where the change journal is kept, and for how long (configuration section <c>State</c>).</summary>
public sealed class StateOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "State";

    /// <summary>
    /// The SQLite file of the journal (created with its folder when missing). Unset, the journal lives in memory:
    /// a restart begins a new journal, and every earlier token is then answered with 410.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>How many days of events are kept; older ones are dropped at the next change (0: kept for ever).</summary>
    [Range(0, 36_500)]
    public int RetentionDays { get; set; } = 90;
}
