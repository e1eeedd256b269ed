using System.Text;
using KtPortal.Domain.InboundMail;
using KtPortal.Domain.TimeTracking;
using KtPortal.Tests.Architecture;
using KtPortal.Web.Components.Shared;

namespace KtPortal.Tests.Domain.InboundMail;

/// <summary>
/// The code paths untrusted text goes through, each fed 100 KB built to hurt: the reply trimmer (a last line of a few
/// thousand spaces and one letter took ~20 s before its patterns stopped backtracking), the whole mail reader, the
/// HTML-to-text pass, the ticket token scan, the duration parser and the Markdown renderer. Each returns, and the
/// result still makes sense.
/// </summary>
public sealed class PathologicalTextTests
{
    public static TheoryData<int> Inputs()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < RegexSafetyTests.PathologicalInputs().Count(); i++)
        {
            data.Add(i);
        }

        return data;
    }

    private static string Input(int index) => RegexSafetyTests.PathologicalInputs().ElementAt(index);

    [Fact]
    public void ShouldTrimTheReported20SecondReply_AndKeepItsText()
    {
        var reply = "Thanks, that fixed it.\n" + new string(' ', 5000) + "a";

        var trimmed = ReplyTrimmer.Trim(reply);

        trimmed.Should().StartWith("Thanks, that fixed it.").And.EndWith("a");
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void ShouldTrimAReplyOf100KilobytesOfPathologicalText(int index)
    {
        var input = Input(index);

        var trimmed = ReplyTrimmer.Trim("Hello\n" + input);

        trimmed.Should().StartWith("Hello");
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void ShouldReadAWholeMessageWhoseSubjectAndBodyArePathological(int index)
    {
        var input = Input(index);
        var mime = $"From: carol@acme.test\r\nTo: support@reply.ktportal.test\r\nSubject: {input.Replace("\n", " ", StringComparison.Ordinal)[..2000]}\r\n" +
            $"Message-ID: <p{index}@acme.test>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello\r\n{input}\r\n";

        var mail = InboundMailReader.Read(Encoding.UTF8.GetBytes(mime));

        mail.FromAddress.Should().Be("carol@acme.test");
        mail.NewText.Should().StartWith("Hello");
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void ShouldTurnPathologicalHtmlIntoText(int index)
    {
        var input = Input(index);

        var text = HtmlText.ToPlainText("<div>Hello</div><blockquote>" + input + "</blockquote><p>" + input + "</p>");

        text.Should().StartWith("Hello");
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void ShouldScanPathologicalSubjectsAndAddressesForATicketToken(int index)
    {
        var input = Input(index);

        var token = InboundMailReader.TicketToken(input + " [KT-1042]", [input + "@reply.ktportal.test"]);

        token.Should().Be(1042);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void ShouldRefusePathologicalDurations_WithAMessage(int index)
    {
        var input = Input(index);

        DurationParser.TryParse(input, out _, out var error).Should().BeFalse();
        error.Should().NotBeNullOrWhiteSpace();
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void ShouldRenderPathologicalMarkdown(int index)
    {
        var input = Input(index);

        var html = new MarkdownRenderer().ToSafeHtml("Hello\n\n" + input);

        html.Should().Contain("Hello");
    }
}
