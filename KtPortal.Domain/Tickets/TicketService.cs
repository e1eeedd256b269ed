using KtPortal.Domain.Accounts;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Email;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Tickets;

/// <summary>
/// Raises and works tickets: create, edit, status (TicketService.Status.cs), assignment, copied users. Every method checks the
/// actor's scope in the query, validates before it writes, records history, and publishes a
/// <see cref="PortalChange"/> after the save commits.
/// </summary>
public sealed partial class TicketService(
    IDbContextFactory<KtPortalDbContext> contextFactory,
    IChangeNotifier notifier,
    TimeProvider clock,
    TicketAttachmentWriter attachmentWriter,
    AgencyProfile agency,
    IOptions<EmailOptions> emailOptions)
{
    private readonly TicketNotifications _notifications = new(agency, new Email.ReplyAddresses(emailOptions));


    /// <summary>Raises a ticket with its first attachments and returns its number.</summary>
    public Task<int> CreateAsync(
        Actor actor, NewTicketInput input, IReadOnlyList<AttachmentUpload>? attachments = null, CancellationToken cancellationToken = default) =>
        CreateAsync(actor, input, attachments, alsoSave: null, cancellationToken);

    /// <summary>As above; <paramref name="alsoSave"/> adds rows that must commit with the ticket (the inbound e-mail it came from).</summary>
    internal async Task<int> CreateAsync(
        Actor actor, NewTicketInput input, IReadOnlyList<AttachmentUpload>? attachments, Action<KtPortalDbContext, Ticket>? alsoSave,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        attachments ??= [];
        var resolved = await ValidateNewAsync(actor, input, attachments, cancellationToken);

        // Files first (they can be large and slow), then one short transaction; a failed save removes the files.
        var stored = await attachmentWriter.StoreAsync(attachments, cancellationToken);
        (int Number, int ClientId, IReadOnlyList<PortalChange> Notices) saved;
        try
        {
            saved = await SequenceAllocator.RetryOnConflictAsync(() => InsertAsync(actor, input, resolved, stored, alsoSave, cancellationToken));
        }
        catch
        {
            await attachmentWriter.DiscardAsync(stored);
            throw;
        }

        // Committed: the files belong to the ticket now, whatever happens while telling the open pages.
        await PublishAsync(saved.Number, saved.ClientId);
        await notifier.PublishAllAsync(saved.Notices);
        return saved.Number;
    }

    /// <summary>Staff edit the title, description, type, support type or priority, guarded by the stamp they read.</summary>
    public async Task<Guid> UpdateAsync(
        Actor actor, int number, TicketEditInput input, Guid concurrencyStamp, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "edit tickets");
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var ticket = await FindAsync(db, actor, number, cancellationToken);
        var validation = new Validation();
        ValidateText(validation, input.Title, input.Description);
        await ValidateSupportTypeAsync(db, validation, input.SupportTypeId, ticket.SupportTypeId, cancellationToken);
        validation.ThrowIfInvalid();

        var changes = new List<string>();
        Track(changes, "title", ticket.Title, input.Title.Trim());
        Track(changes, "type", TicketRules.Label(ticket.Type), TicketRules.Label(input.Type));
        Track(changes, "priority", ticket.Priority.ToString(), input.Priority.ToString());
        if (ticket.SupportTypeId != input.SupportTypeId)
        {
            var names = await db.SupportTypes.Where(s => s.Id == ticket.SupportTypeId || s.Id == input.SupportTypeId)
                .ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
            changes.Add($"support type {names[ticket.SupportTypeId]} → {names[input.SupportTypeId]}");
        }

        if (ticket.Description != input.Description.Trim())
        {
            changes.Add("description");
        }

        if (changes.Count == 0)
        {
            return ticket.ConcurrencyStamp;
        }

        ticket.Title = input.Title.Trim();
        ticket.Description = input.Description.Trim();
        ticket.Type = input.Type;
        ticket.SupportTypeId = input.SupportTypeId;
        ticket.Priority = input.Priority;
        AddActivity(db, actor, ticket, TicketActivityKind.Edited, "Changed " + string.Join(", ", changes));
        return await SaveGuardedAsync(db, ticket, concurrencyStamp, cancellationToken);
    }

    /// <summary>Assigns a ticket to a staff member, or unassigns it with null. Staff only.</summary>
    public async Task<Guid> AssignAsync(
        Actor actor, int number, string? assigneeId, Guid? concurrencyStamp = null, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "assign tickets");
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var ticket = await FindAsync(db, actor, number, cancellationToken);
        var name = await AssigneeNameAsync(db, assigneeId, cancellationToken);
        if (ticket.AssigneeId == assigneeId)
        {
            return ticket.ConcurrencyStamp;
        }

        ticket.AssigneeId = assigneeId;
        AddActivity(db, actor, ticket, TicketActivityKind.Assigned, name is null ? "Unassigned" : $"Assigned to {name}");
        return await SaveGuardedAsync(db, ticket, concurrencyStamp ?? ticket.ConcurrencyStamp, cancellationToken);
    }

    /// <summary>Assigns several tickets at once.</summary>
    public async Task<BulkResult> BulkAssignAsync(Actor actor, IReadOnlyCollection<int> numbers, string? assigneeId, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "assign tickets");
        string? name;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            name = await AssigneeNameAsync(db, assigneeId, cancellationToken);
        }

        return await BulkAsync(actor, numbers, (db, ticket) =>
        {
            if (ticket.AssigneeId == assigneeId)
            {
                throw new DomainException(name is null ? "It is already unassigned." : $"It is already assigned to {name}.");
            }

            ticket.AssigneeId = assigneeId;
            AddActivity(db, actor, ticket, TicketActivityKind.Assigned, name is null ? "Unassigned" : $"Assigned to {name}");
            return Task.CompletedTask;
        }, cancellationToken);
    }

    /// <summary>Copies a colleague of the ticket's client on it. Staff, the client's admin, or someone who sees the ticket.</summary>
    public async Task AddCopiedUserAsync(Actor actor, int number, string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var ticket = await FindAsync(db, actor, number, cancellationToken);
        var user = await ActiveClientUsers(db, ticket.ClientId).SingleOrDefaultAsync(u => u.Id == userId, cancellationToken)
            ?? throw new ValidationFailedException("UserId", "Only active users of the ticket's client can be copied.");
        if (user.Id == ticket.RequesterId || await db.TicketWatchers.AnyAsync(w => w.TicketId == ticket.Id && w.UserId == userId, cancellationToken))
        {
            return;
        }

        db.TicketWatchers.Add(new TicketWatcher { TicketId = ticket.Id, UserId = userId, AddedAtUtc = Now });
        AddActivity(db, actor, ticket, TicketActivityKind.WatcherAdded, $"Copied {user.DisplayName}");
        await db.SaveChangesAsync(cancellationToken);
        await PublishAsync(ticket.Number, ticket.ClientId);
    }

    /// <summary>Stops copying a user. Staff, the client's admin, or the copied user themselves.</summary>
    public async Task RemoveCopiedUserAsync(Actor actor, int number, string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var ticket = await FindAsync(db, actor, number, cancellationToken);
        if (!actor.IsStaff && !actor.IsClientAdmin && actor.UserId != userId)
        {
            throw new ForbiddenException("Only staff, your organisation's admin or the copied person can remove them.");
        }

        var watcher = await db.TicketWatchers.SingleOrDefaultAsync(w => w.TicketId == ticket.Id && w.UserId == userId, cancellationToken);
        if (watcher is null)
        {
            return;
        }

        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
        db.TicketWatchers.Remove(watcher);
        AddActivity(db, actor, ticket, TicketActivityKind.WatcherRemoved, $"Stopped copying {name}");
        await db.SaveChangesAsync(cancellationToken);
        await PublishAsync(ticket.Number, ticket.ClientId);
    }

    /// <summary>
    /// Closes resolved tickets with no public reply for <see cref="TicketRules.AutoCloseAfter"/>. State-driven,
    /// so a late or repeated run closes the same tickets once. Returns how many it closed.
    /// </summary>
    public async Task<int> CloseStaleResolvedAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = Now - TicketRules.AutoCloseAfter;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var stale = await db.Tickets
            .Where(t => t.Status == TicketStatus.Resolved && t.ResolvedAtUtc <= cutoff
                && (t.LastPublicReplyAtUtc == null || t.LastPublicReplyAtUtc <= cutoff))
            .OrderBy(t => t.Id)
            .Take(500)
            .ToListAsync(cancellationToken);
        foreach (var ticket in stale)
        {
            ticket.Status = TicketStatus.Closed;
            ticket.ClosedAtUtc = Now;
            Touch(ticket);
            AddActivity(db, Actor.System, ticket, TicketActivityKind.StatusChanged,
                "Closed automatically: resolved 7 days ago with no reply since");
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var ticket in stale)
        {
            await PublishAsync(ticket.Number, ticket.ClientId);
        }

        return stale.Count;
    }

    private async Task<BulkResult> BulkAsync(
        Actor actor, IReadOnlyCollection<int> numbers, Func<KtPortalDbContext, Ticket, Task> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        if (numbers.Count is 0 or > 200)
        {
            throw new ValidationFailedException("Tickets", "Select between 1 and 200 tickets.");
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var wanted = numbers.Distinct().ToList();
        var tickets = await TicketScope.Visible(db, actor, tracking: true).Where(t => wanted.Contains(t.Number)).ToListAsync(cancellationToken);
        var skipped = wanted.Except(tickets.Select(t => t.Number)).ToDictionary(n => n, _ => "Ticket not found.");
        var changed = new List<Ticket>();
        foreach (var ticket in tickets)
        {
            try
            {
                // The changes validate before they touch the ticket, so a refused one leaves it as it was.
                await change(db, ticket);
                Touch(ticket);
                changed.Add(ticket);
            }
            catch (DomainException ex)
            {
                skipped[ticket.Number] = ex.Message;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var ticket in changed)
        {
            await PublishAsync(ticket.Number, ticket.ClientId);
        }

        return new BulkResult([.. changed.Select(t => t.Number).Order()], skipped);
    }

    private async Task<(int Number, int ClientId, IReadOnlyList<PortalChange> Notices)> InsertAsync(
        Actor actor, NewTicketInput input, ResolvedTicketInput resolved, IReadOnlyList<StoredAttachment> stored,
        Action<KtPortalDbContext, Ticket>? alsoSave, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var floor = (await db.Tickets.MaxAsync(t => (int?)t.Number, cancellationToken) ?? Ticket.FirstNumber - 1) + 1L;
        var number = (int)await SequenceAllocator.ReserveAsync(db, Sequence.TicketNumbers, 1, floor, cancellationToken);
        var now = Now;
        var ticket = new Ticket
        {
            Number = number,
            ClientId = resolved.ClientId,
            Type = input.Type,
            SupportTypeId = input.SupportTypeId,
            Priority = input.Priority,
            Status = TicketStatus.New,
            Source = resolved.Source,
            Title = input.Title.Trim(),
            Description = input.Description.Trim(),
            RequesterId = resolved.RequesterId,
            AssigneeId = resolved.AssigneeId,
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
        };
        db.Tickets.Add(ticket);
        await db.SaveChangesAsync(cancellationToken);

        AddActivity(db, actor, ticket, TicketActivityKind.Created, $"Raised via {TicketRules.Label(resolved.Source)}");

        // Saved on its own so that "Raised" comes before the file lines in the history (same timestamp, lower id).
        await db.SaveChangesAsync(cancellationToken);
        foreach (var userId in resolved.CopiedUserIds)
        {
            db.TicketWatchers.Add(new TicketWatcher { TicketId = ticket.Id, UserId = userId, AddedAtUtc = now });
        }

        attachmentWriter.Attach(db, actor, ticket, commentId: null, isInternal: false, stored, now);
        var notices = await _notifications.CreatedAsync(db, actor, ticket, cancellationToken);
        alsoSave?.Invoke(db, ticket);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (number, ticket.ClientId, notices);
    }

    private sealed record ResolvedTicketInput(int ClientId, string? RequesterId, string? AssigneeId, TicketSource Source, IReadOnlyList<string> CopiedUserIds);

    private async Task<ResolvedTicketInput> ValidateNewAsync(
        Actor actor, NewTicketInput input, IReadOnlyList<AttachmentUpload> attachments, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var validation = new Validation();
        ValidateText(validation, input.Title, input.Description);
        await ValidateSupportTypeAsync(db, validation, input.SupportTypeId, currentId: null, cancellationToken);
        validation.Check(Enum.IsDefined(input.Priority), nameof(input.Priority), "Choose a priority.");
        validation.Check(Enum.IsDefined(input.Type), nameof(input.Type), "Choose a ticket type.");
        attachmentWriter.Validate(validation, attachments);

        int clientId;
        string? requesterId;
        string? assigneeId = null;
        TicketSource source;
        if (actor.IsStaff)
        {
            clientId = input.ClientId ?? 0;
            var clientExists = clientId > 0 && await db.Clients.AnyAsync(c => c.Id == clientId, cancellationToken);
            validation.Check(clientExists, nameof(input.ClientId), "Choose the client.");
            requesterId = input.RequesterId;
            if (requesterId is not null && clientExists)
            {
                validation.Check(await ActiveClientUsers(db, clientId).AnyAsync(u => u.Id == requesterId, cancellationToken),
                    nameof(input.RequesterId), "The requester must be an active user of the client.");
            }

            assigneeId = input.AssigneeId;
            if (assigneeId is not null)
            {
                validation.Check(await ActiveStaff(db).AnyAsync(u => u.Id == assigneeId, cancellationToken),
                    nameof(input.AssigneeId), "The assignee must be an active staff member.");
            }

            source = input.Source ?? TicketSource.Staff;
        }
        else
        {
            // Client users raise tickets for their own client, as themselves, whatever the input says.
            clientId = actor.ClientId ?? throw new ForbiddenException("Only users of a client can raise tickets.");
            requesterId = actor.UserId;
            source = input.Source == TicketSource.Email ? TicketSource.Email : TicketSource.Portal;
        }

        var copied = (input.CopiedUserIds ?? []).Where(id => id != requesterId).Distinct(StringComparer.Ordinal).ToList();
        if (copied.Count > 0)
        {
            var valid = await ActiveClientUsers(db, clientId).Where(u => copied.Contains(u.Id)).CountAsync(cancellationToken);
            validation.Check(valid == copied.Count, nameof(input.CopiedUserIds), "Only active users of the same client can be copied.");
        }

        validation.ThrowIfInvalid();
        return new ResolvedTicketInput(clientId, requesterId, assigneeId, source, copied);
    }

    internal static void ValidateText(Validation validation, string? title, string? description)
    {
        validation.Required("Title", title, "Title", TicketRules.TitleMaxLength);
        validation.Required("Description", description, "Description", TicketRules.TextMaxLength);
    }

    private static async Task ValidateSupportTypeAsync(
        KtPortalDbContext db, Validation validation, int supportTypeId, int? currentId, CancellationToken cancellationToken)
    {
        // An inactive type stays valid on the tickets that already have it.
        var ok = supportTypeId == currentId
            || await db.SupportTypes.AnyAsync(s => s.Id == supportTypeId && s.IsActive, cancellationToken);
        validation.Check(ok, "SupportTypeId", "Choose a support type.");
    }

    private static async Task<Ticket> FindAsync(KtPortalDbContext db, Actor actor, int number, CancellationToken cancellationToken) =>
        await TicketScope.Visible(db, actor, tracking: true).SingleOrDefaultAsync(t => t.Number == number, cancellationToken)
        ?? throw new NotFoundException("The ticket");

    private static IQueryable<PortalUser> ActiveClientUsers(KtPortalDbContext db, int clientId) =>
        db.Users.Where(u => u.ClientId == clientId && u.IsActive);

    internal static IQueryable<PortalUser> ActiveStaff(KtPortalDbContext db) =>
        from u in db.Users
        where u.IsActive && u.ClientId == null
        join ur in db.UserRoles on u.Id equals ur.UserId
        join r in db.Roles on ur.RoleId equals r.Id
        where r.Name == PortalRoles.Admin || r.Name == PortalRoles.Staff
        select u;

    private static async Task<string?> AssigneeNameAsync(KtPortalDbContext db, string? assigneeId, CancellationToken cancellationToken)
    {
        if (assigneeId is null)
        {
            return null;
        }

        return await ActiveStaff(db).Where(u => u.Id == assigneeId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken)
            ?? throw new ValidationFailedException("AssigneeId", "The assignee must be an active staff member.");
    }

    private async Task<Guid> SaveGuardedAsync(KtPortalDbContext db, Ticket ticket, Guid expectedStamp, CancellationToken cancellationToken)
    {
        db.Entry(ticket).Property(t => t.ConcurrencyStamp).OriginalValue = expectedStamp;
        Touch(ticket);
        await ConcurrencyGuard.SaveAsync(db, "ticket", cancellationToken);

        await PublishAsync(ticket.Number, ticket.ClientId);
        return ticket.ConcurrencyStamp;
    }

    private void Touch(Ticket ticket)
    {
        ticket.UpdatedAtUtc = Now;
        ticket.ConcurrencyStamp = Guid.NewGuid();
    }

    private void AddActivity(KtPortalDbContext db, Actor actor, Ticket ticket, TicketActivityKind kind, string detail) =>
        db.TicketActivities.Add(new TicketActivity
        {
            TicketId = ticket.Id,
            ActorId = TicketScope.AuthorId(actor),
            Kind = kind,
            Detail = detail,
            CreatedAtUtc = Now,
        });

    private static void Track(List<string> changes, string field, string before, string after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            changes.Add(field == "title" ? "title" : $"{field} {before} → {after}");
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private Task PublishAsync(int number, int clientId) =>
        notifier.PublishAsync(new PortalChange(PortalChange.Topics.Ticket, TicketNumber.Format(number), clientId));
}
