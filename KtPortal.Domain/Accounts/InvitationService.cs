using KtPortal.Domain.Audit;
using KtPortal.Domain.Clients;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Email.Templates;
using KtPortal.Domain.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KtPortal.Domain.Accounts;

/// <summary>
/// There is no public registration: people join a client through an invitation link that staff,
/// or that client's own admins, send, and the agency's own staff and admins through one an admin sends
/// (InvitationService.Staff.cs). Accepting the invitation creates the account and sets the password.
/// </summary>
public sealed partial class InvitationService(
    IDbContextFactory<KtPortalDbContext> contextFactory,
    UserManager<PortalUser> userManager,
    IChangeNotifier notifier,
    IOptions<AccountOptions> options,
    TimeProvider clock,
    AgencyProfile agency,
    PortalSettings settings,
    AuditTrail audit)
{
    /// <summary>
    /// Creates an invitation and returns its one-time token. Inviting the same address to the same
    /// client again replaces the earlier pending invitation.
    /// </summary>
    public async Task<CreatedInvitation> CreateAsync(
        Actor actor, InvitationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        RequireCanManage(actor, request.ClientId);

        new Validation()
            .Email(nameof(request.Email), request.Email, "E-mail")
            .Required(nameof(request.DisplayName), request.DisplayName, "Name", 200)
            .Check(PortalRoles.IsClientRole(request.Role), nameof(request.Role), "Choose Client admin or Client user.")
            .ThrowIfInvalid();

        var email = request.Email.Trim();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Clients.AnyAsync(c => c.Id == request.ClientId, cancellationToken))
        {
            throw new NotFoundException("The client");
        }

        var normalized = userManager.NormalizeEmail(email);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, cancellationToken))
        {
            throw new ValidationFailedException(nameof(request.Email), "Someone with this e-mail address already has an account.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var earlier = await db.Invitations
            .Where(i => i.ClientId == request.ClientId && i.Email == email && i.AcceptedAtUtc == null && i.RevokedAtUtc == null)
            .ToListAsync(cancellationToken);
        foreach (var invitation in earlier)
        {
            invitation.RevokedAtUtc = now;
        }

        var token = InvitationToken.NewToken();
        var created = new Invitation
        {
            ClientId = request.ClientId,
            Email = email,
            DisplayName = request.DisplayName.Trim(),
            Role = request.Role,
            TokenHash = InvitationToken.Hash(token),
            CreatedAtUtc = now,
            ExpiresAtUtc = now + options.Value.InvitationLifetime,
            CreatedByUserId = actor.UserId,
        };
        db.Invitations.Add(created);
        audit.Add(db, actor, AuditKinds.PersonInvited, email, request.ClientId, after: $"{created.DisplayName}, {PortalRoles.Label(request.Role)}");
        await db.SaveChangesAsync(cancellationToken);

        // The e-mail carries the one-time link; the row commits with the invitation, so neither exists without the other.
        var clientName = await db.Clients.Where(c => c.Id == request.ClientId).Select(c => c.Name).SingleAsync(cancellationToken);
        await QueueInvitationMailAsync(db, actor, created, token, clientName, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        await PublishAsync(request.ClientId);
        return new CreatedInvitation(created.Id, email, token, created.ExpiresAtUtc);
    }

    /// <summary>
    /// The invitation e-mail with its one-time link, written into the invitation's transaction so neither exists
    /// without the other; <paramref name="joining"/> is the client, or the agency for its own people.
    /// </summary>
    private async Task QueueInvitationMailAsync(
        KtPortalDbContext db, Actor actor, Invitation created, string token, string joining, DateTime now, CancellationToken cancellationToken)
    {
        var invitedBy = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? agency.Name;
        var url = agency.Absolute("/Account/AcceptInvitation?token=" + Uri.EscapeDataString(token));
        await NotificationOutbox.QueueAsync(db, agency,
            new NotificationMessage(null, "invitation", $"invitation:{created.Id}", "/Account/AcceptInvitation"),
            [new MessageRecipient(null, created.Email)],
            _ => AccountEmails.Invitation(agency.PortalName, joining, invitedBy, url, settings.FormatLocal(created.ExpiresAtUtc)),
            now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<InvitationListItem>> ListPendingAsync(
        Actor actor, int clientId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        RequireCanManage(actor, clientId);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Invitations.AsNoTracking()
            .Where(i => i.ClientId == clientId && i.AcceptedAtUtc == null && i.RevokedAtUtc == null && i.ExpiresAtUtc > now)
            .OrderBy(i => i.Email)
            .Select(i => new InvitationListItem(i.Id, i.Email, i.DisplayName, i.Role, i.ExpiresAtUtc))
            .ToListAsync(cancellationToken);
    }

    public async Task RevokeAsync(Actor actor, int invitationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == invitationId, cancellationToken);
        if (invitation is null || !CanManage(actor, invitation.ClientId))
        {
            throw new NotFoundException("The invitation");
        }

        if (invitation.RevokedAtUtc is null)
        {
            invitation.RevokedAtUtc = clock.GetUtcNow().UtcDateTime;
            audit.Add(db, actor, AuditKinds.InvitationWithdrawn, invitation.Email, invitation.ClientId);
        }

        await db.SaveChangesAsync(cancellationToken);
        await PublishAsync(invitation.ClientId);
    }

    /// <summary>What the accept page shows; null when the token matches no invitation.</summary>
    public async Task<InvitationPreview?> PreviewAsync(string? token, CancellationToken cancellationToken = default)
    {
        var invitation = await FindAsync(token, cancellationToken);
        return invitation is null ? null : new InvitationPreview(invitation.Email, invitation.DisplayName, invitation.ClientName, invitation.State);
    }

    /// <summary>
    /// Creates the invitee's account with <paramref name="password"/> (checked against the password
    /// policy) and returns the new user's id. An expired or used invitation creates nothing.
    /// </summary>
    public async Task<string> AcceptAsync(string? token, string? password, CancellationToken cancellationToken = default)
    {
        var found = await FindAsync(token, cancellationToken) ?? throw new NotFoundException("The invitation");
        switch (found.State)
        {
            case InvitationState.Expired:
                throw new DomainException("This invitation has expired. Ask whoever invited you to send a new one.");
            case InvitationState.Used:
                throw new DomainException("This invitation has already been used. Sign in with your e-mail and password.");
            case InvitationState.Revoked:
                throw new DomainException("This invitation was withdrawn or replaced by a newer one. Use the latest link you were sent.");
        }

        if (string.IsNullOrEmpty(password))
        {
            throw new ValidationFailedException("Password", "Choose a password.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var user = new PortalUser
        {
            UserName = found.Email,
            Email = found.Email,
            EmailConfirmed = true, // the link reached this inbox
            DisplayName = found.DisplayName,
            ClientId = found.ClientId,
            CreatedAtUtc = now,
        };

        foreach (var validator in userManager.PasswordValidators)
        {
            var check = await validator.ValidateAsync(userManager, user, password);
            if (!check.Succeeded)
            {
                throw new ValidationFailedException("Password", string.Join(" ", check.Errors.Select(e => e.Description)));
            }
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Claim the invitation first: of two concurrent accepts, only one updates the row.
        var claimed = await db.Invitations
            .Where(i => i.Id == found.Id && i.AcceptedAtUtc == null && i.RevokedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAtUtc, now), cancellationToken);
        if (claimed == 0)
        {
            throw new DomainException("This invitation has already been used. Sign in with your e-mail and password.");
        }

        var role = await db.Roles.SingleAsync(r => r.Name == found.Role, cancellationToken);
        user.NormalizedEmail = userManager.NormalizeEmail(user.Email);
        user.NormalizedUserName = userManager.NormalizeName(user.UserName);
        user.PasswordHash = userManager.PasswordHasher.HashPassword(user, password);
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.LockoutEnabled = true;
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == user.NormalizedEmail, cancellationToken))
        {
            throw new DomainException("Someone with this e-mail address already has an account. Sign in instead.");
        }

        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        await PublishAsync(found.ClientId);
        return user.Id;
    }

    /// <summary>A client's invitations: staff, or that client's admins. The agency's own (no client): admins only.</summary>
    private static bool CanManage(Actor actor, int? clientId) => clientId is int id
        ? actor.IsStaff || (actor.IsClientAdmin && actor.ClientId == id)
        : actor.IsAdmin;

    private static void RequireCanManage(Actor actor, int? clientId)
    {
        if (!CanManage(actor, clientId))
        {
            throw new NotFoundException("The client");
        }
    }

    private Task PublishAsync(int? clientId) =>
        notifier.PublishAsync(new PortalChange(PortalChange.Topics.User, clientId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "staff", clientId));

    private async Task<FoundInvitation?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return null;
        }

        var hash = InvitationToken.Hash(token.Trim());
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var found = await (
            from i in db.Invitations.AsNoTracking()
            join c in db.Clients on i.ClientId equals c.Id into clients
            from c in clients.DefaultIfEmpty()
            where i.TokenHash == hash
            select new { i.Id, i.ClientId, i.Email, i.DisplayName, i.Role, i.ExpiresAtUtc, i.AcceptedAtUtc, i.RevokedAtUtc, ClientName = c == null ? null : c.Name })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var state = found.AcceptedAtUtc is not null ? InvitationState.Used
            : found.RevokedAtUtc is not null ? InvitationState.Revoked
            : found.ExpiresAtUtc <= clock.GetUtcNow().UtcDateTime ? InvitationState.Expired
            : InvitationState.Pending;
        return new FoundInvitation(found.Id, found.ClientId, found.Email, found.DisplayName, found.Role, found.ClientName ?? agency.Name, state);
    }

    private sealed record FoundInvitation(
        int Id, int? ClientId, string Email, string DisplayName, string Role, string ClientName, InvitationState State);
}
