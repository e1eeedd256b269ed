namespace KtPortal.Domain.Accounts;

/// <summary>Bound from <c>KtPortal:Accounts</c>.</summary>
public sealed class AccountOptions
{
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a "forgot password" link works.</summary>
    public TimeSpan PasswordResetLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// A second request for the same account within this time sends nothing (and says the same as always): the form
    /// cannot be used to flood someone's inbox.
    /// </summary>
    public TimeSpan PasswordResetPause { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long the link that confirms a new e-mail address works.</summary>
    public TimeSpan EmailChangeLifetime { get; set; } = TimeSpan.FromHours(24);
}
