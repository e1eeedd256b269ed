using System.Net;
using System.Text;
using MimeKit.Text;

namespace KtPortal.Domain.InboundMail;

/// <summary>
/// Plain text from an HTML-only message: block elements become line breaks, scripts and styles vanish, and quoted
/// history (a &lt;blockquote&gt;, Gmail's "gmail_quote", Outlook's reply header) comes out "&gt;"-quoted so that
/// <see cref="ReplyTrimmer"/> drops it like any other quote.
/// </summary>
public static class HtmlText
{
    // Div is handled on its own (it may open a quote), so it is not listed here.
    private static readonly HashSet<HtmlTagId> Blocks =
    [
        HtmlTagId.P, HtmlTagId.Br, HtmlTagId.TR, HtmlTagId.LI, HtmlTagId.H1, HtmlTagId.H2, HtmlTagId.H3,
        HtmlTagId.H4, HtmlTagId.H5, HtmlTagId.H6, HtmlTagId.Table, HtmlTagId.UL, HtmlTagId.OL, HtmlTagId.Pre, HtmlTagId.HR,
    ];

    public static string ToPlainText(string? html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return string.Empty;
        }

        var tokenizer = new HtmlTokenizer(new StringReader(html)) { DecodeCharacterReferences = true };
        var text = new StringBuilder();
        var line = new StringBuilder();
        var skipDepth = 0;
        var quoteDepth = 0;
        var quoteTagDepths = new Stack<int>();
        var divDepth = 0;

        void EndLine()
        {
            var content = line.ToString().Trim();
            line.Clear();

            // Markup boundaries are not blank lines: "<div>a</div><div>b</div>" is two lines, not three.
            if (content.Length == 0)
            {
                return;
            }

            text.Append(quoteDepth > 0 ? new string('>', quoteDepth) + " " : string.Empty).Append(content).Append('\n');
        }

        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag when tag.Id is HtmlTagId.Script or HtmlTagId.Style or HtmlTagId.Head or HtmlTagId.Title:
                    skipDepth = Math.Max(0, skipDepth + (tag.IsEndTag ? -1 : tag.IsEmptyElement ? 0 : 1));
                    break;
                case HtmlTagToken tag when IsQuoteStart(tag) && !tag.IsEndTag:
                    EndLine();
                    quoteDepth++;
                    quoteTagDepths.Push(tag.Id == HtmlTagId.BlockQuote ? -1 : divDepth);
                    if (tag.Id == HtmlTagId.Div)
                    {
                        divDepth++;
                    }

                    break;
                case HtmlTagToken tag when tag.Id == HtmlTagId.BlockQuote && tag.IsEndTag:
                    EndLine();
                    if (quoteTagDepths.Count > 0 && quoteTagDepths.Peek() == -1)
                    {
                        quoteTagDepths.Pop();
                        quoteDepth = Math.Max(0, quoteDepth - 1);
                    }

                    break;
                case HtmlTagToken tag when tag.Id == HtmlTagId.Div:
                    EndLine();
                    if (tag.IsEndTag)
                    {
                        divDepth = Math.Max(0, divDepth - 1);
                        if (quoteTagDepths.Count > 0 && quoteTagDepths.Peek() == divDepth)
                        {
                            quoteTagDepths.Pop();
                            quoteDepth = Math.Max(0, quoteDepth - 1);
                        }
                    }
                    else if (!tag.IsEmptyElement)
                    {
                        divDepth++;
                    }

                    break;
                case HtmlTagToken tag when Blocks.Contains(tag.Id):
                    EndLine();
                    break;
                case HtmlTagToken tag when tag.Id is HtmlTagId.TD or HtmlTagId.TH && !tag.IsEndTag:
                    line.Append(' ');
                    break;
                case HtmlDataToken data when skipDepth == 0:
                    line.Append(CollapseWhitespace(WebUtility.HtmlDecode(data.Data)));
                    break;
            }
        }

        EndLine();
        return text.ToString();
    }

    /// <summary>Where a client puts the message being answered.</summary>
    private static bool IsQuoteStart(HtmlTagToken tag)
    {
        if (tag.Id == HtmlTagId.BlockQuote)
        {
            return true;
        }

        if (tag.Id != HtmlTagId.Div)
        {
            return false;
        }

        var marker = string.Join(' ', tag.Attributes.Where(a => a.Id is HtmlAttributeId.Class or HtmlAttributeId.Id).Select(a => a.Value));
        return marker.Contains("gmail_quote", StringComparison.OrdinalIgnoreCase)
            || marker.Contains("divRplyFwdMsg", StringComparison.OrdinalIgnoreCase)
            || marker.Contains("appendonsend", StringComparison.OrdinalIgnoreCase)
            || marker.Contains("yahoo_quoted", StringComparison.OrdinalIgnoreCase);
    }

    private static string CollapseWhitespace(string data)
    {
        var builder = new StringBuilder(data.Length);
        var lastWasSpace = false;
        foreach (var c in data)
        {
            var space = char.IsWhiteSpace(c);
            if (!space || !lastWasSpace)
            {
                builder.Append(space ? ' ' : c);
            }

            lastWasSpace = space;
        }

        return builder.ToString();
    }
}
