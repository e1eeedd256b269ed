using KtPortal.Domain.Tickets;

namespace KtPortal.Domain.Email.Templates;

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
        { AcceptsReplies = true };

    public static EmailContent StatusChanged(int number, string title, TicketStatus status, string url)
    {
        var (heading, paragraph) = status == TicketStatus.WaitingOnClient
            ? ($"{TicketNumber.Format(number)} is waiting on you",
               $"We need something from you to continue with \"{title}\". Reply to this e-mail or on the portal; your reply puts it back in progress.")
            : ($"{TicketNumber.Format(number)} is resolved",
               $"We have resolved \"{title}\". If something is still not right, reply within 7 days and it reopens; after that it closes.");
        return new EmailContent($"{Token(number)} {TicketRules.Label(status)}: {title}", heading, [paragraph], "Open the ticket", url)
        { AcceptsReplies = true };
    }

    /// <summary>Long texts are cut in the e-mail; the ticket has the whole text.</summary>
    private static string Shorten(string text) => text.Length <= 4000 ? text : text[..4000] + "\n…";
}
