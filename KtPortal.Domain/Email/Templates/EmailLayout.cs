using System.Net;
using System.Text;
using KtPortal.Domain.Common;

namespace KtPortal.Domain.Email.Templates;

/// <summary>The one layout every message uses, as HTML (inline styles, as mail clients need) and as plain text.</summary>
public static class EmailLayout
{
    /// <summary>The line inbound mail is cut at: anything the sender quoted below it is history.</summary>
    public const string ReplyMarker = "##- Please type your reply above this line -##";

    public static string Text(EmailContent content, AgencyProfile agency)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(agency);
        var (portalName, portalUrl) = (agency.PortalName, agency.PortalUrl);
        var text = new StringBuilder();
        if (content.AcceptsReplies)
        {
            text.Append(ReplyMarker).Append("\n\n");
        }

        text.Append(content.Heading).Append("\n\n");
        foreach (var paragraph in content.Paragraphs)
        {
            text.Append(paragraph).Append("\n\n");
        }

        if (content.Quote is not null)
        {
            if (content.QuoteAuthor is not null)
            {
                text.Append(content.QuoteAuthor).Append(":\n");
            }

            // Indented rather than ">"-quoted, so that a reply's quoted history is never mistaken for this text.
            foreach (var line in content.Quote.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
            {
                text.Append("    ").Append(line).Append('\n');
            }

            text.Append('\n');
        }

        if (content.ActionUrl is not null)
        {
            text.Append(content.ActionLabel ?? "Open").Append(": ").Append(content.ActionUrl).Append("\n\n");
        }

        text.Append("-- \n").Append(agency.Name).Append(" · ").Append(portalName).Append(" · ").Append(portalUrl).Append('\n');
        text.Append("Choose which e-mails you get: ").Append(portalUrl).Append("/settings/notifications\n");
        return text.ToString();
    }

    /// <summary>The agency's logo (when it has one) and name head the message; the logo is linked, not attached, so
    /// the message stays small, and its alt text is the name for clients that block images.</summary>
    public static string Html(EmailContent content, AgencyProfile agency)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(agency);
        var (portalName, portalUrl) = (agency.PortalName, agency.PortalUrl);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
            .Append("<title>").Append(Encode(content.Subject)).Append("</title></head>")
            .Append("<body style=\"margin:0;padding:0;background:#f4f5f7;font-family:Helvetica,Arial,sans-serif;color:#1f2933;\">");
        if (content.AcceptsReplies)
        {
            html.Append("<div style=\"color:#9aa5b1;font-size:12px;padding:8px 16px;\">").Append(Encode(ReplyMarker)).Append("</div>");
        }

        html.Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\"><tr><td align=\"center\" style=\"padding:16px;\">")
            .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"max-width:600px;background:#ffffff;border-radius:6px;\">")
            .Append("<tr><td style=\"padding:16px 24px;background:#1e3a5f;color:#ffffff;font-weight:bold;border-radius:6px 6px 0 0;\">")
            .Append(Brand(agency)).Append("</td></tr><tr><td style=\"padding:24px;\">")
            .Append("<h1 style=\"font-size:20px;margin:0 0 16px;\">").Append(Encode(content.Heading)).Append("</h1>");
        foreach (var paragraph in content.Paragraphs)
        {
            html.Append("<p style=\"margin:0 0 12px;line-height:1.5;\">").Append(Encode(paragraph)).Append("</p>");
        }

        if (content.Quote is not null)
        {
            if (content.QuoteAuthor is not null)
            {
                html.Append("<p style=\"margin:16px 0 4px;color:#52606d;font-size:13px;\">").Append(Encode(content.QuoteAuthor)).Append(":</p>");
            }

            html.Append("<div style=\"margin:0 0 16px;padding:12px 16px;border-left:4px solid #cbd2d9;background:#f5f7fa;white-space:pre-wrap;line-height:1.5;\">")
                .Append(Encode(content.Quote)).Append("</div>");
        }

        if (content.ActionUrl is not null)
        {
            html.Append("<p style=\"margin:24px 0;\"><a href=\"").Append(Encode(content.ActionUrl))
                .Append("\" style=\"background:#1e6fd9;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none;display:inline-block;\">")
                .Append(Encode(content.ActionLabel ?? "Open")).Append("</a></p>");
        }

        html.Append("</td></tr><tr><td style=\"padding:16px 24px;color:#7b8794;font-size:12px;border-top:1px solid #e4e7eb;\">")
            .Append(Encode(agency.Name)).Append(" · ").Append(Encode(portalName)).Append(" · <a href=\"").Append(Encode(portalUrl)).Append("\" style=\"color:#7b8794;\">").Append(Encode(portalUrl)).Append("</a><br>")
            .Append("<a href=\"").Append(Encode(portalUrl + "/settings/notifications")).Append("\" style=\"color:#7b8794;\">Choose which e-mails you get</a>")
            .Append("</td></tr></table></td></tr></table></body></html>");
        return html.ToString();
    }

    private static string Brand(AgencyProfile agency) => agency.LogoPath is { } logo
        ? $"<img src=\"{Encode(agency.Absolute(logo))}\" alt=\"{Encode(agency.Name)}\" height=\"40\" style=\"display:block;height:40px;width:auto;max-width:240px;background:#ffffff;padding:4px;border-radius:4px;\">"
        : Encode(agency.Name);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
