namespace KtPortal.Domain.Email.Templates;

/// <summary>
/// One message's words, before layout: <see cref="EmailLayout"/> turns it into the HTML and plain-text bodies, and the
/// in-app notification takes its heading and first paragraph. Everything here is text; the layout encodes it.
/// </summary>
public sealed record EmailContent(
    string Subject,
    string Heading,
    IReadOnlyList<string> Paragraphs,
    string? ActionLabel = null,
    string? ActionUrl = null,
    string? Quote = null,
    string? QuoteAuthor = null)
{
    /// <summary>Set on messages about a ticket: the body starts with a reply marker that inbound mail is cut at.</summary>
    public bool AcceptsReplies { get; init; }

    /// <summary>The bell's sentence where the e-mail's first paragraph speaks of the e-mail itself ("reply to this e-mail").</summary>
    public string? InAppSummary { get; init; }

    /// <summary>What the in-app notification says: <see cref="InAppSummary"/>, else the first paragraph.</summary>
    public string Summary => InAppSummary ?? (Paragraphs.Count > 0 ? Paragraphs[0] : Heading);
}
