namespace KtPortal.Domain.Accounts;

/// <summary>Bound from <c>KtPortal:Accounts</c>.</summary>
public sealed class AccountOptions
{
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);
}
