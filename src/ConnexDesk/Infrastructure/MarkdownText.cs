using Ganss.Xss;
using Markdig;

namespace ConnexDesk.Infrastructure;

/// <summary>Markdown written by staff, shown as HTML: raw HTML in the text is not passed through, and the result is sanitised all the same.</summary>
public static class MarkdownText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseSoftlineBreakAsHardlineBreak().Build();
    private static readonly HtmlSanitizer Sanitizer = new();

    public static string ToSafeHtml(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));
}
