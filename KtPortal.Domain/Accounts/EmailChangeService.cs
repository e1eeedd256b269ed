using KtPortal.Domain.Audit;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KtPortal.Domain.Accounts;

/// <summary>
/// Moving an account to a new e-mail address: asked for with the current password, confirmed by a one-time link sent
/// to the new address (so nobody signs in as an address they cannot read), with a notice to the old one. The change
/// ends the account's other sessions and is audited.
/// </summary>
public sealed class EmailChangeService(
    IDbContextFactory<KtPortalDbContext> contextFactory,
    UserManager<PortalUser> userManager,
    IOptions<AccountOptions> options,
    TimeProvider clock,
    AgencyProfile agency,
    PortalSettings settings,
    AuditTrail audit)
{
    public const string ConfirmPath = "/Account/ConfirmEmailChange";

    public const string LinkNotUsable = "This link has expired, was already used or was replaced by a newer one. Ask for the change again from your account page.";

    /// <summary>The pending change of an account, for its page: the new address and until when the link works.</summary>
    public sealed record Pending(string NewEmail, DateTime ExpiresAtUtc);

    public async Task<Pending?> PendingAsync(string userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var stamp = await db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleOrDefaultAsync(cancellationToken);
        var pending = await db.EmailChanges.AsNoTracking()
            .Where(c => c.UserId == userId && c.UsedAtUtc == null && c.RevokedAtUtc == null && c.ExpiresAtUtc > now)
            .OrderByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        return pending is not null && pending.SecurityStamp == stamp ? new Pending(pending.NewEmail, pending.ExpiresAtUtc) : null;
    }

    /// <summary>
    /// Sends the confirmation link to <paramref name="newEmail"/> and a notice to the current address. Field messages
    /// for a malformed or taken address, the current one, or a wrong password; nothing is sent then.
    /// </summary>
    public async Task RequestAsync(string userId, string? newEmail, string? currentPassword, CancellationToken cancellationToken = default)
    {
        new Validation().Email("NewEmail", newEmail, "New e-mail").Required("Password", currentPassword, "Your current password", 100).ThrowIfInvalid();
        var user = await userManager.FindByIdAsync(userId);
        if (user is not { IsActive: true })
        {
            throw new NotFoundException("The account");
        }

        var address = newEmail!.Trim();
        if (string.Equals(address, user.Email, StringComparison.OrdinalIgnoreCase))
        {
            throw new ValidationFailedException("NewEmail", "That is the address you use now.");
        }

        if (!await userManager.CheckPasswordAsync(user, currentPassword!))
        {
            throw new ValidationFailedException("Password", "That is not your current password.");
        }

        if (await userManager.FindByEmailAsync(address) is not null)
        {
            throw new ValidationFailedException("NewEmail", "Another account uses that address.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await RevokeOpenAsync(db, user.Id, now, cancellationToken);
        var token = InvitationToken.NewToken();
        var change = new EmailChange
        {
            UserId = user.Id,
            NewEmail = address,
            TokenHash = InvitationToken.Hash(token),
            SecurityStamp = user.SecurityStamp ?? string.Empty,
            CreatedAtUtc = now,
            ExpiresAtUtc = now + options.Value.EmailChangeLifetime,
        };
        db.EmailChanges.Add(change);
        await db.SaveChangesAsync(cancellationToken);

        // Both messages commit with the row: a link is never stored without its message, nor sent without its row.
        var url = agency.Absolute($"{ConfirmPath}?token={Uri.EscapeDataString(token)}");
        await NotificationOutbox.QueueAsync(db, agency,
            new NotificationMessage(null, "email-change-confirm", $"email-change-confirm:{change.Id}", ConfirmPath),
            [new MessageRecipient(null, address, user.ClientId)],
            _ => AccountEmails.ConfirmEmailChange(agency.PortalName, user.DisplayName, address, url, settings.FormatLocal(change.ExpiresAtUtc)),
            now, cancellationToken);
        await NotificationOutbox.QueueAsync(db, agency,
            new NotificationMessage(null, "email-change-notice", $"email-change-notice:{change.Id}", "/Account/Manage/ChangePassword"),
            [new MessageRecipient(null, user.Email ?? string.Empty, user.ClientId)],
            _ => AccountEmails.EmailChangeRequested(agency.PortalName, user.DisplayName, address, agency.Absolute("/Account/Manage/ChangePassword")),
            now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The address a usable link would switch to, or null: the page shows it before the person confirms.</summary>
    public async Task<string?> PreviewAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        var hash = InvitationToken.Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var change = await db.EmailChanges.AsNoTracking().SingleOrDefaultAsync(c => c.TokenHash == hash, cancellationToken);
        var stamp = change is null ? null : await db.Users.Where(u => u.Id == change.UserId && u.IsActive).Select(u => u.SecurityStamp).SingleOrDefaultAsync(cancellationToken);
        return change is not null && change.IsUsable(now) && stamp == change.SecurityStamp ? change.NewEmail : null;
    }

    /// <summary>Withdraws the pending change, if any.</summary>
    public async Task CancelAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await RevokeOpenAsync(db, userId, clock.GetUtcNow().UtcDateTime, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Makes the new address the account's (its sign-in name too) through the link; ends its other sessions. An unusable
    /// link — used, replaced, expired, the password changed since, or the address taken meanwhile — is a
    /// <see cref="DomainException"/>. Returns the new address.
    /// </summary>
    public async Task<string> ConfirmAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new DomainException(LinkNotUsable);
        }

        var hash = InvitationToken.Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var change = await db.EmailChanges.SingleOrDefaultAsync(c => c.TokenHash == hash, cancellationToken);
        var user = change is null ? null : await userManager.FindByIdAsync(change.UserId);
        if (change is null || !change.IsUsable(now) || user is not { IsActive: true } || user.SecurityStamp != change.SecurityStamp)
        {
            throw new DomainException(LinkNotUsable);
        }

        if (await userManager.FindByEmailAsync(change.NewEmail) is { } other && other.Id != user.Id)
        {
            throw new DomainException("Another account took that address meanwhile, so yours stays as it was.");
        }

        // Claim the link first, in one statement: a second tab with the same link loses here.
        var claimed = await db.EmailChanges.Where(c => c.Id == change.Id && c.UsedAtUtc == null && c.RevokedAtUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.UsedAtUtc, now), cancellationToken);
        if (claimed != 1)
        {
            throw new DomainException(LinkNotUsable);
        }

        var before = user.Email;
        user.Email = change.NewEmail;
        user.NormalizedEmail = userManager.NormalizeEmail(change.NewEmail);
        user.UserName = change.NewEmail;
        user.NormalizedUserName = userManager.NormalizeName(change.NewEmail);
        user.EmailConfirmed = true;
        var result = await userManager.UpdateAsync(user);
        if (!result.Succeeded)
        {
            await db.EmailChanges.Where(c => c.Id == change.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.UsedAtUtc, (DateTime?)null), cancellationToken);
            throw new DomainException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        // A new stamp and no stored sessions: every session of the account ends at once, this browser's included, since
        // the address it signs in with changed.
        await userManager.UpdateSecurityStampAsync(user);
        await db.UserSessions.Where(s => s.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        audit.Add(db, user.Id, AuditKinds.EmailChanged, change.NewEmail, user.ClientId, before, change.NewEmail);
        await db.SaveChangesAsync(cancellationToken);
        return change.NewEmail;
    }

    private static async Task RevokeOpenAsync(KtPortalDbContext db, string userId, DateTime now, CancellationToken cancellationToken)
    {
        foreach (var open in await db.EmailChanges.Where(c => c.UserId == userId && c.UsedAtUtc == null && c.RevokedAtUtc == null).ToListAsync(cancellationToken))
        {
            open.RevokedAtUtc = now;
        }
    }
}
