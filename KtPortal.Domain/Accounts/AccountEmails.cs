using KtPortal.Domain.Email.Templates;
namespace KtPortal.Domain.Accounts;

public static class AccountEmails
{
    /// <summary>A "forgot password" link; <paramref name="expires"/> in portal time.</summary>
    public static EmailContent PasswordReset(string portalName, string displayName, string url, string expires) =>
        new($"Reset your {portalName} password",
            "Choose a new password",
            [
                $"Hello {displayName}, someone (we hope you) asked to reset the password of your {portalName} account.",
                $"The link works once and until {expires}. Setting a new password signs you out everywhere else and unlocks the account.",
                "If you did not ask for this, ignore this e-mail: your password stays as it is.",
            ],
            "Choose a new password", url);

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
