using KtPortal.Domain.Email.Templates;
using KtPortal.Domain.InboundMail;
using KtPortal.Tests.TestSupport;

namespace KtPortal.Tests.Domain.InboundMail;

public sealed class ReplyTrimmerTests
{
    /// <summary>
    /// For every reply body in ../shared/fixtures/email/reply-bodies: the first and last line of the text the sender
    /// wrote. What lies outside them (quotes, quote headers, Outlook header blocks, signatures, footers) must be gone.
    /// </summary>
    private static readonly Dictionary<string, (string First, string Last)> Expected = new(StringComparer.Ordinal)
    {
        ["github-email_reply_parser/correct_sig.txt"] = ("this is an email with a correct -- signature.", "this is an email with a correct -- signature."),
        ["github-email_reply_parser/email_1_1.txt"] = ("Hi folks", "I am currently using the Java HTTP API."),
        ["github-email_reply_parser/email_1_2.txt"] = ("Hi,", "the keys in a bucket, you’ll need to delete them all individually.\""),
        ["github-email_reply_parser/email_1_3.txt"] = ("Oh thanks.", "Having the function would be great."),
        ["github-email_reply_parser/email_1_4.txt"] = ("Awesome! I haven't had another problem with it.", "Awesome! I haven't had another problem with it."),
        ["github-email_reply_parser/email_1_5.txt"] = ("One: Here's what I've got.", "for a while."),
        ["github-email_reply_parser/email_1_6.txt"] = ("I get proper rendering as well.", "Sent from a magnificent torch of pixels"),
        ["github-email_reply_parser/email_1_7.txt"] = (":+1:", ":+1:"),
        ["github-email_reply_parser/email_1_8.txt"] = ("I will reply under this one", "and under this."),
        ["github-email_reply_parser/email_2_1.txt"] = ("Outlook with a reply", "Outlook with a reply"),
        ["github-email_reply_parser/email_2_2.txt"] = ("Outlook with a reply directly above line", "Outlook with a reply directly above line"),
        ["github-email_reply_parser/email_2_3.txt"] = ("Outlook with a reply directly above line", "Outlook with a reply directly above line"),
        ["github-email_reply_parser/email_BlackBerry.txt"] = ("Here is another email", "Here is another email"),
        ["github-email_reply_parser/email_bullets.txt"] = ("test 2 this should list second", "   - and another"),
        ["github-email_reply_parser/email_iPhone.txt"] = ("Here is another email", "Here is another email"),
        ["github-email_reply_parser/email_long_quote.txt"] = ("Hi folks", "running a test?"),
        ["github-email_reply_parser/email_multi_word_sent_from_my_mobile_device.txt"] = ("Here is another email", "Here is another email"),
        ["github-email_reply_parser/email_one_is_not_on.txt"] = ("Thank, this is really helpful.", "Locally (on development), when I run..."),
        ["github-email_reply_parser/email_sent_from_my_not_signature.txt"] = ("Here is another email", "Sent from my desk, is much easier then my mobile phone."),
        ["github-email_reply_parser/email_sig_delimiter_in_middle_of_line.txt"] = ("Hi there!", "kthxbai"),
        ["github-email_reply_parser/greedy_on.txt"] = ("On your remote host you can run:", "fails, the tunnel is not working."),
        ["github-email_reply_parser/pathological.txt"] = ("I think you're onto something. I will try to fix the problem as soon as I", "get back to a computer."),
        ["willdurand-EmailReplyParser/correct_sig.txt"] = ("this is an email with a correct -- signature.", "this is an email with a correct -- signature."),
        ["willdurand-EmailReplyParser/email_1.txt"] = ("Hi folks", "I am currently using the Java HTTP API."),
        ["willdurand-EmailReplyParser/email_10.txt"] = ("Fusce bibendum, quam hendrerit sagittis tempor, dui turpis tempus erat, pharetra sodales ante sem sit amet metus.", "et mollis ligula rutrum quis. Fusce sed odio id arcu varius aliquet nec nec nibh."),
        ["willdurand-EmailReplyParser/email_11.txt"] = ("Fusce bibendum, quam hendrerit sagittis tempor, dui turpis tempus erat, pharetra sodales ante sem sit amet metus.", "et mollis ligula rutrum quis. Fusce sed odio id arcu varius aliquet nec nec nibh."),
        ["willdurand-EmailReplyParser/email_12.txt"] = ("Fusce bibendum, quam hendrerit sagittis tempor, dui turpis tempus erat, pharetra sodales ante sem sit amet metus.", "et mollis ligula rutrum quis. Fusce sed odio id arcu varius aliquet nec nec nibh."),
        ["willdurand-EmailReplyParser/email_13.txt"] = ("Fusce bibendum, quam hendrerit sagittis tempor, dui turpis tempus erat, pharetra sodales ante sem sit amet metus.", "et mollis ligula rutrum quis. Fusce sed odio id arcu varius aliquet nec nec nibh."),
        ["willdurand-EmailReplyParser/email_14.txt"] = ("Fusce bibendum, quam hendrerit sagittis tempor, dui turpis tempus erat, pharetra sodales ante sem sit amet metus.", "et mollis ligula rutrum quis. Fusce sed odio id arcu varius aliquet nec nec nibh."),
        ["willdurand-EmailReplyParser/email_15.txt"] = ("Fusce bibendum, quam hendrerit sagittis tempor, dui turpis tempus erat, pharetra sodales ante sem sit amet metus.", "et mollis ligula rutrum quis. Fusce sed odio id arcu varius aliquet nec nec nibh."),
        ["willdurand-EmailReplyParser/email_16.txt"] = ("Fusce bibendum, quam hendrerit sagittis tempor, dui turpis tempus erat, pharetra sodales ante sem sit amet metus.", "et mollis ligula rutrum quis. Fusce sed odio id arcu varius aliquet nec nec nibh."),
        ["willdurand-EmailReplyParser/email_17.txt"] = ("Fusce bibendum, quam hendrerit sagittis tempor, dui turpis tempus erat, pharetra sodales ante sem sit amet metus.", "et mollis ligula rutrum quis. Fusce sed odio id arcu varius aliquet nec nec nibh."),
        ["willdurand-EmailReplyParser/email_18.txt"] = ("Fusce bibendum, quam hendrerit sagittis tempor, dui turpis tempus erat, pharetra sodales ante sem sit amet metus.", "et mollis ligula rutrum quis. Fusce sed odio id arcu varius aliquet nec nec nibh."),
        ["willdurand-EmailReplyParser/email_19.txt"] = ("On Thursday, I get proper rendering.", "Sent from a magnificent torch of pixels"),
        ["willdurand-EmailReplyParser/email_2.txt"] = ("Hi,", "the keys in a bucket, you’ll need to delete them all individually.\""),
        ["willdurand-EmailReplyParser/email_20.txt"] = ("On Thursday.", "On Thursday."),
        ["willdurand-EmailReplyParser/email_21.txt"] = ("On Thursday:", "proident, sunt in culpa qui officia deserunt mollit anim id est laborum."),
        ["willdurand-EmailReplyParser/email_22.txt"] = ("Fusce bibendum, quam hendrerit sagittis tempor, dui turpis tempus erat, pharetra sodales ante sem sit amet metus.", "et mollis ligula rutrum quis. Fusce sed odio id arcu varius aliquet nec nec nibh."),
        ["willdurand-EmailReplyParser/email_23.txt"] = ("Fusce bibendum, quam hendrerit sagittis tempor, dui turpis tempus erat, pharetra sodales ante sem sit amet metus.", "et mollis ligula rutrum quis. Fusce sed odio id arcu varius aliquet nec nec nibh."),
        ["willdurand-EmailReplyParser/email_23_1.txt"] = ("Fusce bibendum, quam hendrerit sagittis tempor, dui turpis tempus erat, pharetra sodales ante sem sit amet metus.", "Nam vel turpis posuere, rhoncus ligula in, venenatis orci. Duis interdum venenatis ex a rutrum."),
        ["willdurand-EmailReplyParser/email_2_1.txt"] = ("Outlook with a reply", "Outlook with a reply"),
        ["willdurand-EmailReplyParser/email_3.txt"] = ("Oh thanks.", "Having the function would be great."),
        ["willdurand-EmailReplyParser/email_4.txt"] = ("Awesome! I haven't had another problem with it.", "Awesome! I haven't had another problem with it."),
        ["willdurand-EmailReplyParser/email_5.txt"] = ("One: Here's what I've got.", "for a while."),
        ["willdurand-EmailReplyParser/email_6.txt"] = ("I get proper rendering as well.", "Sent from a magnificent torch of pixels"),
        ["willdurand-EmailReplyParser/email_7.txt"] = ("Fusce bibendum, quam hendrerit sagittis tempor, dui turpis tempus erat, pharetra sodales ante sem sit amet metus.", "et mollis ligula rutrum quis. Fusce sed odio id arcu varius aliquet nec nec nibh."),
        ["willdurand-EmailReplyParser/email_8.txt"] = ("Fusce bibendum, quam hendrerit sagittis tempor, dui turpis tempus erat, pharetra sodales ante sem sit amet metus.", "et mollis ligula rutrum quis. Fusce sed odio id arcu varius aliquet nec nec nibh."),
        ["willdurand-EmailReplyParser/email_9.txt"] = ("Fusce bibendum, quam hendrerit sagittis tempor, dui turpis tempus erat, pharetra sodales ante sem sit amet metus.", "et mollis ligula rutrum quis. Fusce sed odio id arcu varius aliquet nec nec nibh."),
        ["willdurand-EmailReplyParser/email_blackberry.txt"] = ("Here is another email", "Here is another email"),
        ["willdurand-EmailReplyParser/email_bullets.txt"] = ("test 2 this should list second", "   - and another"),
        ["willdurand-EmailReplyParser/email_custom_quote_header.txt"] = ("Thank you!", "Thank you!"),
        ["willdurand-EmailReplyParser/email_customer_quote_header_2.txt"] = ("Thank you very much.", "Thank you very much."),
        ["willdurand-EmailReplyParser/email_customer_quote_header_3.txt"] = ("bonjour,", "merci d'avance"),
        ["willdurand-EmailReplyParser/email_iphone.txt"] = ("Here is another email", "Here is another email"),
        ["willdurand-EmailReplyParser/email_issue_77.txt"] = ("Bonjour Test,", "\tText paragraph 2"),
        ["willdurand-EmailReplyParser/email_ls-l.txt"] = ("MIME-Version: 1.0", "sess_25tni1suqgasqk8osnmk098sc6"),
        ["willdurand-EmailReplyParser/email_multi_word_sent_from_my_mobile_device.txt"] = ("Here is another email", "Here is another email"),
        ["willdurand-EmailReplyParser/email_norwegian_gmail.txt"] = ("Fusce bibendum, quam hendrerit sagittis tempor, dui turpis tempus erat, pharetra sodales ante sem sit amet metus.", "et mollis ligula rutrum quis. Fusce sed odio id arcu varius aliquet nec nec nibh."),
        ["willdurand-EmailReplyParser/email_one_is_not_on.txt"] = ("Thank, this is really helpful.", "Locally (on development), when I run..."),
        ["willdurand-EmailReplyParser/email_sent_from_my_not_signature.txt"] = ("Here is another email", "Sent from my desk, is much easier then my mobile phone."),
        ["willdurand-EmailReplyParser/email_thread.txt"] = ("This is new email reply in thread from bellow.", "This is new email reply in thread from bellow."),
        ["willdurand-EmailReplyParser/email_unquoted_reply.txt"] = ("This is my reply.", "This is my reply."),
        ["willdurand-EmailReplyParser/email_w10_mail.txt"] = ("Great thanks Bort, going for a test now.", "Braxton"),
        ["willdurand-EmailReplyParser/email_with_date_headers.txt"] = ("Thank you very much.", "This is my previous mail"),
        ["willdurand-EmailReplyParser/email_with_from_headers.txt"] = ("[FROM]", "My email is <foo@example.com>"),
        ["willdurand-EmailReplyParser/email_zimbra_free_en.txt"] = ("Bonjour Toby,", "Michael Scott"),
        ["willdurand-EmailReplyParser/email_zimbra_free_fr.txt"] = ("Bonjour \u200bTest\u200b,", "Michael Scott"),
        ["willdurand-EmailReplyParser/sig_no_empty_line.txt"] = ("this is an email with a signature with no empty line above.", "this is an email with a signature with no empty line above."),
    };

    [EmailFixtureFact]
    public void ShouldKeepOnlyTheNewText_OfEveryFixtureReplyBody()
    {
        var root = Path.Combine(SharedFixtures.EmailDirectory!, "reply-bodies");
        var files = SharedFixtures.EmailFiles("reply-bodies").ToList();
        files.Select(f => Path.GetRelativePath(root, f)).Should().BeEquivalentTo(Expected.Keys, "every fixture has an expectation");
        foreach (var file in files)
        {
            var original = File.ReadAllText(file);
            var (first, last) = Expected[Path.GetRelativePath(root, file)];
            var kept = ReplyTrimmer.Trim(original);
            var lines = kept.Split('\n');
            lines[0].Should().Be(first, file);
            lines[^1].Should().Be(last, file);
            lines.Should().NotContain(l => l.TrimStart().StartsWith('>'), $"{file} keeps no quoted line");
            lines.Should().NotContain(l => l.Trim() == "--" || l.Trim().StartsWith("From:", StringComparison.Ordinal), $"{file} keeps no signature or header block");
            original.Replace("\r\n", "\n", StringComparison.Ordinal).Should().Contain(kept.Split('\n')[0], "the kept text comes from the message");
        }
    }

    [Fact]
    public void ShouldCutAtThePortalsReplyMarker_WhenTheSenderQuotedOurMessage()
    {
        var body = $"Thanks, that fixed it.\n\nOn Tue, Nov 24, 2026 at 3:00 PM KT-Portal <support@ktportal.test> wrote:\n> {EmailLayout.ReplyMarker}\n> KT-1042 is resolved";
        ReplyTrimmer.Trim(body).Should().Be("Thanks, that fixed it.");
        ReplyTrimmer.Trim($"Still broken.\n{EmailLayout.ReplyMarker}\nKT-1042 is resolved").Should().Be("Still broken.");
    }

    [Theory]
    [InlineData("Yes please go ahead.\n\n-----Original Message-----\nFrom: Sam\nSent: Monday\n\nShall we?", "Yes please go ahead.")]
    [InlineData("Passt.\n\nAm 24.11.2026 um 15:00 schrieb KT-Portal <support@ktportal.test>:\n> Frage", "Passt.")]
    [InlineData("Merci !\n\nLe mar. 24 nov. 2026 à 15:00, KT-Portal <support@ktportal.test> a écrit :\n> Question", "Merci !")]
    [InlineData("Done.\n\n-- \nAlice Smith\nAcme Dental", "Done.")]
    [InlineData("Works now\n\nSent from my iPhone", "Works now")]
    [InlineData("Line one\n> quoted\n\nMy answer below the quote", "Line one\n\nMy answer below the quote")]
    [InlineData("See below.\n\nFrom: Sam <sam@kt.test>\nSent: 24 November 2026 15:00\nTo: Alice\nSubject: KT-1042", "See below.")]
    public void ShouldKeepTheNewText_WhenCommonClientsQuote(string body, string expected) =>
        ReplyTrimmer.Trim(body).Should().Be(expected);

    [Theory]
    [InlineData("Sent from my desk, which is easier than my phone.")]
    [InlineData("On Thursday the site was down again.")]
    [InlineData("The plugin wrote: nothing useful")]
    public void ShouldKeepOrdinarySentences_ThatLookLikeHeaders(string body) =>
        ReplyTrimmer.Trim(body).Should().Be(body);

    [Fact]
    public void ShouldTurnHtmlIntoTextAndQuoteTheHistory_WhenAMessageHasOnlyHtml()
    {
        const string html = "<html><head><style>p{}</style></head><body><div>Hello &amp; thanks,</div><div>it works.</div>"
            + "<div class=\"gmail_quote\"><div>On Tue, Nov 24, 2026 at 3:00 PM Sam wrote:</div><blockquote>Did it work?</blockquote></div></body></html>";
        var text = HtmlText.ToPlainText(html);
        text.Should().Contain("Hello & thanks,").And.Contain("> Did it work?").And.NotContain("p{}");
        ReplyTrimmer.Trim(text).Should().Be("Hello & thanks,\nit works.");
    }
}
