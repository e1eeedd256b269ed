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

    /// <summary>To the new address: the link that makes it the account's.</summary>
    public static EmailContent ConfirmEmailChange(string portalName, string displayName, string newEmail, string url, string expires) =>
        new($"Confirm your new {portalName} e-mail address",
            "Confirm your new e-mail address",
            [
                $"Hello {displayName}, you asked to sign in to the {portalName} as {newEmail} from now on.",
                $"The link works once and until {expires}. Your address changes when you open it; until then the old one stays.",
                "If you did not ask for this, ignore this e-mail: nothing changes.",
            ],
            "Confirm the new address", url);

    /// <summary>To the old address: a change was asked for, so a stolen session cannot move the account quietly.</summary>
    public static EmailContent EmailChangeRequested(string portalName, string displayName, string newEmail, string securityUrl) =>
        new($"Your {portalName} e-mail address is about to change",
            "A new e-mail address was requested",
            [
                $"Hello {displayName}, someone signed in to your {portalName} account asked to move it to {newEmail}.",
                "Nothing changes until the link sent to that address is opened.",
                "If this was not you, change your password now: that cancels the request and signs everyone else out.",
            ],
            "Change your password", securityUrl);
}
