using KtPortal.Domain.Audit;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KtPortal.Domain.Accounts;

/// <summary>
/// "Forgot password?": a one-time, expiring link by e-mail (through the outbox), and the new password it sets. The
/// request answers the same whether or not the address has an account, and a second request for one account within
/// <see cref="AccountOptions.PasswordResetPause"/> sends nothing. Setting the password also lifts a lockout and, by
/// changing the security stamp, ends the account's other sessions.
/// </summary>
public sealed class PasswordResetService(
    IDbContextFactory<KtPortalDbContext> contextFactory,
    UserManager<PortalUser> userManager,
    IOptions<AccountOptions> options,
    TimeProvider clock,
    AgencyProfile agency,
    PortalSettings settings,
    AuditTrail audit)
{
    /// <summary>Where the e-mailed link leads; the token follows in the query string.</summary>
    public const string ResetPath = "/Account/ResetPassword";

    /// <summary>What a used, replaced, expired or unknown link gets: one message, so a link reveals nothing.</summary>
    public const string LinkNotUsable = "This link has expired or was already used. Ask for a new one.";

    /// <summary>
    /// Sends a reset link to the account with this address, if there is an active one and none was sent just now.
    /// Only a malformed address is refused (a field message); everything else returns quietly, the same for all.
    /// </summary>
    public async Task RequestAsync(string? email, CancellationToken cancellationToken = default)
    {
        new Validation().Email("Email", email, "E-mail").ThrowIfInvalid();
        var user = await userManager.FindByEmailAsync(email!.Trim());
        if (user is not { IsActive: true })
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var lifetime = options.Value.PasswordResetLifetime;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var since = now - options.Value.PasswordResetPause;
        if (await db.PasswordResets.AnyAsync(r => r.UserId == user.Id && r.CreatedAtUtc > since, cancellationToken))
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var earlier in await db.PasswordResets.Where(r => r.UserId == user.Id && r.UsedAtUtc == null && r.RevokedAtUtc == null).ToListAsync(cancellationToken))
        {
            earlier.RevokedAtUtc = now;
        }

        var token = InvitationToken.NewToken();
        var reset = new PasswordReset { UserId = user.Id, TokenHash = InvitationToken.Hash(token), CreatedAtUtc = now, ExpiresAtUtc = now + lifetime };
        db.PasswordResets.Add(reset);
        await db.SaveChangesAsync(cancellationToken);

        // The mail commits with the row: a link is never stored without its message, nor sent without its row.
        var url = agency.Absolute($"{ResetPath}?token={Uri.EscapeDataString(token)}");
        await NotificationOutbox.QueueAsync(db, agency,
            new NotificationMessage(null, "password-reset", $"password-reset:{reset.Id}", ResetPath),
            [new MessageRecipient(null, user.Email ?? string.Empty, user.ClientId)],
            _ => AccountEmails.PasswordReset(agency.PortalName, user.DisplayName, url, settings.FormatLocal(reset.ExpiresAtUtc)),
            now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>True when the link can still set a password (the page asks before showing the form).</summary>
    public async Task<bool> IsUsableAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return false;
        }

        var hash = InvitationToken.Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var reset = await db.PasswordResets.AsNoTracking().SingleOrDefaultAsync(r => r.TokenHash == hash, cancellationToken);
        return reset is not null && reset.IsUsable(now);
    }

    /// <summary>
    /// Sets the new password through the link. A password the policy refuses is a field message and leaves the link
    /// usable; an unusable link is a <see cref="DomainException"/> (<see cref="LinkNotUsable"/>). Returns the account's
    /// e-mail, for the sign-in form.
    /// </summary>
    public async Task<string> ResetAsync(string? token, string? newPassword, CancellationToken cancellationToken = default)
    {
        new Validation().Required("Password", newPassword, "New password", 100).ThrowIfInvalid();
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new DomainException(LinkNotUsable);
        }

        var hash = InvitationToken.Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var reset = await db.PasswordResets.SingleOrDefaultAsync(r => r.TokenHash == hash, cancellationToken);
        if (reset is null || !reset.IsUsable(now))
        {
            throw new DomainException(LinkNotUsable);
        }

        var user = await userManager.FindByIdAsync(reset.UserId);
        if (user is not { IsActive: true })
        {
            throw new DomainException(LinkNotUsable);
        }

        // Claim the link first, in one statement (a second tab with the same link loses here), then change the password;
        // a password the policy refuses gives the link back.
        var claimed = await db.PasswordResets.Where(r => r.Id == reset.Id && r.UsedAtUtc == null && r.RevokedAtUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.UsedAtUtc, now), cancellationToken);
        if (claimed != 1)
        {
            throw new DomainException(LinkNotUsable);
        }

        var identityToken = await userManager.GeneratePasswordResetTokenAsync(user);
        var result = await userManager.ResetPasswordAsync(user, identityToken, newPassword!);
        if (!result.Succeeded)
        {
            await db.PasswordResets.Where(r => r.Id == reset.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.UsedAtUtc, (DateTime?)null), cancellationToken);
            throw new ValidationFailedException(new Dictionary<string, string[]>
            {
                ["Password"] = [.. result.Errors.Select(e => e.Description)],
            });
        }

        await userManager.SetLockoutEndDateAsync(user, null);
        await userManager.ResetAccessFailedCountAsync(user);
        audit.Add(db, user.Id, AuditKinds.PasswordReset, user.Email ?? user.Id, user.ClientId);
        await db.SaveChangesAsync(cancellationToken);
        return user.Email ?? string.Empty;
    }
}
