using KtPortal.Web.Components.Shared;

namespace KtPortal.Tests.Web.Shared;

public sealed class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new();

    [Fact]
    public void ShouldRenderMarkdown_WithSafeLinks()
    {
        var html = _renderer.ToSafeHtml("It **really** is.\n\n- one\n- two\n\nSee https://example.com/help");

        html.Should().Contain("<strong>really</strong>").And.Contain("<li>one</li>");
        html.Should().Contain("href=\"https://example.com/help\"").And.Contain("rel=\"noopener noreferrer nofollow\"").And.Contain("target=\"_blank\"");
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "<script")]
    [InlineData("<img src=x onerror=alert(1)>", "<img")]
    [InlineData("[click](javascript:alert(1))", "javascript:")]
    [InlineData("<a href=\"https://x.test\" onclick=\"steal()\">x</a>", "<a href")]
    [InlineData("<div style=\"position:fixed\">overlay</div>", "<div")]
    public void ShouldNeverEmitActiveContent_FromWhatAUserTyped(string markdown, string forbidden)
    {
        var html = _renderer.ToSafeHtml(markdown);

        html.Should().NotContain(forbidden);
    }

    [Fact]
    public void ShouldShowRawHtmlAsText()
    {
        _renderer.ToSafeHtml("<b>bold?</b>").Should().Contain("&lt;b&gt;bold?&lt;/b&gt;");
    }
}
