using Ganss.Xss;
using Markdig;

namespace KtPortal.Web.Components.Shared;

/// <summary>
/// Turns user Markdown into HTML that is safe to render: Markdig with raw HTML disabled, then
/// HtmlSanitizer as the second line (links get rel=noopener and open in a new tab).
/// </summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UseAutoLinks()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseTaskLists()
        .DisableHtml()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    public string ToSafeHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return string.Empty;
        }

        string html;
        try
        {
            html = Markdown.ToHtml(markdown, _pipeline);
        }
        catch (ArgumentException)
        {
            // Markdig refuses input nested past its depth limit ("- - - - …", "> > > …" a few thousand deep) by
            // throwing; such text is shown as it was typed rather than breaking the page that shows it.
            html = PlainText(markdown);
        }

        lock (_sanitizer)
        {
            return _sanitizer.Sanitize(html);
        }
    }

    private static string PlainText(string text) =>
        "<p>" + System.Net.WebUtility.HtmlEncode(text).Replace("\n", "<br />", StringComparison.Ordinal) + "</p>";

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedTags.Remove("img");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedAttributes.Add("target");
        sanitizer.AllowedAttributes.Add("rel");
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Html.Dom.IHtmlAnchorElement anchor)
            {
                anchor.SetAttribute("target", "_blank");
                anchor.SetAttribute("rel", "noopener noreferrer nofollow");
            }
        };
        return sanitizer;
    }
}
