namespace KtPortal.Web.Security;

/// <summary>Bound from <c>KtPortal:Security</c>.</summary>
public sealed class SecurityOptions
{
    /// <summary>How often an open circuit re-checks its user; a deactivated user is signed out within this time.</summary>
    public TimeSpan CircuitRevalidationInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Sign-in form posts allowed per client IP address per minute.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>Sign-in attempts allowed per account (from all addresses together) in <see cref="SignInAccountWindow"/>.</summary>
    public int SignInAttemptsPerAccount { get; set; } = 10;

    public TimeSpan SignInAccountWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Wrong passwords in a row before an account is locked.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
}
