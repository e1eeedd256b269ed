using KtPortal.Domain.Email.Templates;
namespace KtPortal.Domain.Accounts;

public static class AccountEmails
{
    /// <summary>The invitation; <paramref name="expires"/> is the expiry in portal time, as every other time is shown.</summary>
    public static EmailContent Invitation(string portalName, string clientName, string invitedBy, string url, string expires) =>
        new($"You're invited to the {portalName} for {clientName}",
            $"Join {clientName} on the {portalName}",
            [
                $"{invitedBy} invited you to the {portalName}, where {clientName} raises and follows tickets, sees plan hours and invoices.",
                $"The link works once and until {expires}. If you did not expect this, ignore this e-mail.",
            ],
            "Accept the invitation", url);
}
