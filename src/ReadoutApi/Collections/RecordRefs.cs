using ReadoutApi.Contracts;

namespace ReadoutApi.Collections;

/// <summary>References from one record to others, as the response shapes carry them (an id and its URL).</summary>
public static class RecordRefs
{
    /// <summary>References to sources.</summary>
    public static Ref[] Sources(IReadOnlyList<string> ids) => ids.Select(id => Ref.To("sources", id)).ToArray();

    /// <summary>References to countries.</summary>
    public static Ref[] Countries(IReadOnlyList<string> codes) => codes.Select(c => Ref.To("countries", c)).ToArray();
}
