using KtPortal.Domain.Email.Templates;
namespace KtPortal.Domain.Accounts;

public static class AccountEmails
{
    public static EmailContent Invitation(string portalName, string clientName, string invitedBy, string url, DateTime expiresAtUtc) =>
        new($"You're invited to the {portalName} for {clientName}",
            $"Join {clientName} on the {portalName}",
            [
                $"{invitedBy} invited you to the {portalName}, where {clientName} raises and follows tickets, sees plan hours and invoices.",
                $"The link works once and until {expiresAtUtc:yyyy-MM-dd HH:mm} UTC. If you did not expect this, ignore this e-mail.",
            ],
            "Accept the invitation", url);
}
