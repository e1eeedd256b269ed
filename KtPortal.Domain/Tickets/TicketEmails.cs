using KtPortal.Domain.Email.Templates;

namespace KtPortal.Domain.Tickets;

/// <summary>Messages about a ticket. Every subject carries the token ("[KT-1042]") that threads replies back.</summary>
public static class TicketEmails
{
    public static string Token(int number) => $"[{TicketNumber.Format(number)}]";

    public static EmailContent Created(int number, string title, string clientName, string raisedBy, string description, string url) =>
        new($"{Token(number)} New ticket from {clientName}: {title}",
            $"{TicketNumber.Format(number)} was raised: {title}",
            [$"{raisedBy} raised a ticket for {clientName}."],
            "Open the ticket", url, Shorten(description), "Description")
        { AcceptsReplies = true };

    public static EmailContent Reply(int number, string title, string author, string body, string url) =>
        new($"{Token(number)} {author} replied: {title}",
            $"New reply on {TicketNumber.Format(number)}",
            [$"{author} replied on \"{title}\". Reply to this e-mail to answer; your reply is added to the ticket."],
            "Open the ticket", url, Shorten(body), author)
        { AcceptsReplies = true, InAppSummary = $"{author} replied on \"{title}\"." };

    public static EmailContent StatusChanged(int number, string title, TicketStatus status, string url)
    {
        var (heading, paragraph, inApp) = status == TicketStatus.WaitingOnClient
            ? ($"{TicketNumber.Format(number)} is waiting on you",
               $"We need something from you to continue with \"{title}\". Reply to this e-mail or on the portal; your reply puts it back in progress.",
               $"We need something from you to continue with \"{title}\". Reply on the ticket to put it back in progress.")
            : ($"{TicketNumber.Format(number)} is resolved",
               $"We have resolved \"{title}\". If something is still not right, reply within 7 days and it reopens; after that it closes.",
               $"We have resolved \"{title}\". If something is still not right, reply on the ticket within 7 days and it reopens.");
        return new EmailContent($"{Token(number)} {TicketRules.Label(status)}: {title}", heading, [paragraph], "Open the ticket", url)
        { AcceptsReplies = true, InAppSummary = inApp };
    }

    public static EmailContent QuoteSent(int number, string title, string quoteSentence, string message, string url) =>
        new($"{Token(number)} Estimate to approve: {title}",
            $"An estimate for {TicketNumber.Format(number)}",
            [$"We estimate \"{title}\" at {quoteSentence}.", "Approve it on the portal and we start; decline it and we will talk it through with you."],
            "Review the estimate", url, string.IsNullOrWhiteSpace(message) ? null : Shorten(message), string.IsNullOrWhiteSpace(message) ? null : "Our note")
        { AcceptsReplies = true };

    public static EmailContent QuoteAnswered(int number, string title, string who, bool approved, string? note, string url) =>
        new($"{Token(number)} Quote {(approved ? "approved" : "declined")}: {title}",
            $"{who} {(approved ? "approved" : "declined")} the estimate for {TicketNumber.Format(number)}",
            [approved ? "The work is approved; go ahead." : "The work is not approved; talk to the client before going on."],
            "Open the ticket", url, string.IsNullOrWhiteSpace(note) ? null : Shorten(note), string.IsNullOrWhiteSpace(note) ? null : who)
        { AcceptsReplies = true };

    /// <summary>Long texts are cut in the e-mail; the ticket has the whole text.</summary>
    private static string Shorten(string text) => text.Length <= 4000 ? text : text[..4000] + "\n…";
}
