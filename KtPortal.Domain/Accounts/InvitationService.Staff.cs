using KtPortal.Domain.Audit;
using KtPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Accounts;

/// <summary>An invitation to the agency's own people: staff or admin, sent by an admin, with no client.</summary>
public sealed record StaffInvitationRequest(string Email, string DisplayName, string Role);

/// <summary>Invitations to join the agency itself, as staff or admin: the same link, e-mail and acceptance as a client's.</summary>
public sealed partial class InvitationService
{
    public async Task<CreatedInvitation> InviteStaffAsync(Actor actor, StaffInvitationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        RequireCanManage(actor, null);
        new Validation()
            .Email(nameof(request.Email), request.Email, "E-mail")
            .Required(nameof(request.DisplayName), request.DisplayName, "Name", 200)
            .Check(request.Role is PortalRoles.Staff or PortalRoles.Admin, nameof(request.Role), "Choose Staff or Admin.")
            .ThrowIfInvalid();

        var email = request.Email.Trim();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var normalized = userManager.NormalizeEmail(email);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, cancellationToken))
        {
            throw new ValidationFailedException(nameof(request.Email), "Someone with this e-mail address already has an account.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var earlier in await db.Invitations.Where(i => i.ClientId == null && i.Email == email && i.AcceptedAtUtc == null && i.RevokedAtUtc == null).ToListAsync(cancellationToken))
        {
            earlier.RevokedAtUtc = now;
        }

        var token = InvitationToken.NewToken();
        var created = new Invitation
        {
            ClientId = null,
            Email = email,
            DisplayName = request.DisplayName.Trim(),
            Role = request.Role,
            TokenHash = InvitationToken.Hash(token),
            CreatedAtUtc = now,
            ExpiresAtUtc = now + options.Value.InvitationLifetime,
            CreatedByUserId = actor.UserId,
        };
        db.Invitations.Add(created);
        audit.Add(db, actor, AuditKinds.PersonInvited, email, null, after: $"{created.DisplayName}, {PortalRoles.Label(request.Role)}");
        await db.SaveChangesAsync(cancellationToken);
        await QueueInvitationMailAsync(db, actor, created, token, agency.Name, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        await PublishAsync(null);
        return new CreatedInvitation(created.Id, email, token, created.ExpiresAtUtc);
    }

    /// <summary>The agency's pending invitations (admins only).</summary>
    public async Task<IReadOnlyList<InvitationListItem>> ListPendingStaffAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        RequireCanManage(actor, null);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Invitations.AsNoTracking()
            .Where(i => i.ClientId == null && i.AcceptedAtUtc == null && i.RevokedAtUtc == null && i.ExpiresAtUtc > now)
            .OrderBy(i => i.Email)
            .Select(i => new InvitationListItem(i.Id, i.Email, i.DisplayName, i.Role, i.ExpiresAtUtc))
            .ToListAsync(cancellationToken);
    }
}
