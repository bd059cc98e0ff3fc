using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;

namespace ReadoutApi.Http;

/// <summary>The CSV columns of a record type: a header and how to read each cell.</summary>
/// <typeparam name="TDto">The record type.</typeparam>
public sealed class CsvColumns<TDto>(params (string Header, Func<TDto, string?> Value)[] columns)
{
    /// <summary>The header row.</summary>
    public IReadOnlyList<string> Headers { get; } = Array.ConvertAll(columns, c => c.Header);

    /// <summary>The columns, in order.</summary>
    public IReadOnlyList<(string Header, Func<TDto, string?> Value)> Columns { get; } = columns;

    /// <summary>The cells of one record.</summary>
    public IReadOnlyList<string?> Row(TDto record) => Array.ConvertAll(columns, c => c.Value(record));

}

/// <summary>How values that are not plain text are written in one CSV cell.</summary>
public static class CsvCells
{
    /// <summary>The separator of list values inside one cell.</summary>
    public const string ListSeparator = "; ";

    /// <summary>Joins a list into one cell.</summary>
    public static string Join(IEnumerable<string?> values) => string.Join(ListSeparator, values.Where(v => v is not null));

    /// <summary>A date as YYYY-MM-DD.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A date as YYYY-MM-DD, or an empty cell.</summary>
    public static string? Date(DateOnly? date) => date is { } d ? Date(d) : null;
}

/// <summary>What an Atom entry shows of a record.</summary>
/// <param name="Title">The entry title.</param>
/// <param name="Summary">The entry summary.</param>
/// <param name="Date">The record's date (entries are dated at midnight UTC).</param>
/// <param name="Author">Who issued, claimed or said it.</param>
/// <param name="Href">The JSON record the entry links to.</param>
/// <param name="Updated">When the service last saw the record change (its <c>meta.lastChanged</c>), where it has one; else the date.</param>
public sealed record AtomEntry(string Title, string Summary, DateOnly Date, string Author, string Href, DateTimeOffset? Updated = null);

/// <summary>An Atom 1.0 feed of a page of records, written with System.ServiceModel.Syndication.</summary>
/// <remarks>
/// Links are absolute on <see cref="PublicLinks.Origin"/> (relative when there is none); ids are tag URIs
/// (<see cref="PublicLinks.AtomId"/>) that do not depend on the host or scheme the feed was fetched by.
/// </remarks>
/// <param name="title">The feed's title.</param>
/// <param name="updated">When its data was loaded.</param>
/// <param name="entries">The page's entries.</param>
/// <param name="self">This page's root-relative link.</param>
/// <param name="next">The next page's, if any.</param>
/// <param name="prev">The previous page's, if any.</param>
/// <param name="feedPath">What identifies the feed whatever its page (path and filters); by default the path of <paramref name="self"/>.</param>
public sealed class AtomResult(
    string title, DateTimeOffset updated, IReadOnlyList<AtomEntry> entries, string self, string? next, string? prev, string? feedPath = null)
    : RepresentationResult
{
    /// <inheritdoc />
    public override async Task ExecuteAsync(HttpContext httpContext)
    {
        var origin = PublicLinks.Origin(httpContext);
        Uri Link(string relative) => origin is null ? new Uri(relative, UriKind.Relative) : new Uri(origin + relative, UriKind.Absolute);

        var id = PublicLinks.AtomId(feedPath ?? self.Split('?')[0]);
        var feed = new SyndicationFeed(title, "ReadoutApi", null, id, updated);
        feed.Authors.Add(new SyndicationPerson { Name = "ReadoutApi" });
        feed.Links.Add(SyndicationLink.CreateSelfLink(Link(self), "application/atom+xml"));
        if (next is not null)
        {
            feed.Links.Add(new SyndicationLink(Link(next), "next", null, "application/atom+xml", 0));
        }

        if (prev is not null)
        {
            feed.Links.Add(new SyndicationLink(Link(prev), "previous", null, "application/atom+xml", 0));
        }

        feed.Items = entries.Select(e =>
        {
            var link = Link(e.Href);
            var date = new DateTimeOffset(e.Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var item = new SyndicationItem(e.Title, e.Summary, link, PublicLinks.AtomId(e.Href), e.Updated ?? date) { PublishDate = date };
            item.Summary = new TextSyndicationContent(e.Summary);
            item.Content = null;
            item.Links.Clear();
            item.Links.Add(new SyndicationLink(link, "alternate", e.Title, "application/json", 0));
            item.Authors.Add(new SyndicationPerson { Name = e.Author });
            return item;
        }).ToList();

        // The formatter writes synchronously; render in memory, then send asynchronously.
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            feed.SaveAsAtom10(xml);
        }

        httpContext.Response.ContentType = "application/atom+xml; charset=utf-8";
        httpContext.Response.ContentLength = buffer.Length;
        await httpContext.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }
}
