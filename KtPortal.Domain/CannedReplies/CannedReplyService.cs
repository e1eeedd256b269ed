using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.CannedReplies;

/// <summary>
/// Staff's canned replies: each sees their own and the shared ones. A body that names an unknown variable, or leaves
/// "{{" open, is refused with the reason; filling one in for a ticket goes through the ticket's and the meter's own
/// queries, so it never shows what the staff member could not read anyway.
/// </summary>
public sealed class CannedReplyService(
    IDbContextFactory<KtPortalDbContext> contextFactory,
    TicketQueries tickets,
    UsageQueries usage,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<CannedReplyView>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "use canned replies");
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await (
            from r in Visible(db, actor)
            join u in db.Users on r.CreatedById equals u.Id into authors
            from u in authors.DefaultIfEmpty()
            select new { Reply = r, AuthorName = u == null ? null : u.DisplayName }).ToListAsync(cancellationToken);
        return [.. rows
            .OrderBy(r => r.Reply.Title, StringComparer.CurrentCultureIgnoreCase)
            .Select(r => new CannedReplyView(r.Reply.Id, r.Reply.Title, r.Reply.Body, r.Reply.OwnerId is null, r.AuthorName,
                CanEdit(actor, r.Reply), r.Reply.UpdatedAtUtc, r.Reply.ConcurrencyStamp))];
    }

    public async Task<int> CreateAsync(Actor actor, CannedReplyInput input, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "keep canned replies");
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await ValidateAsync(db, actor, input, null, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var reply = new CannedReply { CreatedById = actor.UserId, CreatedAtUtc = now };
        Apply(reply, actor, input, now);
        db.CannedReplies.Add(reply);
        await db.SaveChangesAsync(cancellationToken);
        return reply.Id;
    }

    public async Task<Guid> UpdateAsync(Actor actor, int id, CannedReplyInput input, Guid concurrencyStamp, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "keep canned replies");
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var reply = await FindEditableAsync(db, actor, id, cancellationToken);
        await ValidateAsync(db, actor, input, id, cancellationToken);
        db.Entry(reply).Property(r => r.ConcurrencyStamp).OriginalValue = concurrencyStamp;
        Apply(reply, actor, input, clock.GetUtcNow().UtcDateTime);
        await ConcurrencyGuard.SaveAsync(db, "canned reply", cancellationToken);
        return reply.ConcurrencyStamp;
    }

    public async Task DeleteAsync(Actor actor, int id, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "keep canned replies");
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.CannedReplies.Remove(await FindEditableAsync(db, actor, id, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The reply's text for this ticket, every variable filled in; notes say where a value was missing.</summary>
    public async Task<FilledCannedReply> FillAsync(Actor actor, int id, int ticketNumber, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "use canned replies");
        string body;
        string agentName;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            body = await Visible(db, actor).Where(r => r.Id == id).Select(r => r.Body).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("The canned reply");
            agentName = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? string.Empty;
        }

        var ticket = await tickets.GetByNumberAsync(actor, ticketNumber, cancellationToken) ?? throw new NotFoundException("The ticket");
        var uses = CannedReplyVariables.Read(body, out _).Select(u => u.Name).ToHashSet(StringComparer.Ordinal);
        var notes = new List<string>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [CannedReplyVariables.ClientName] = ticket.ClientName,
            [CannedReplyVariables.RequesterFirstName] = FirstName(ticket.RequesterName) ?? "there",
            [CannedReplyVariables.RequesterName] = ticket.RequesterName ?? "there",
            [CannedReplyVariables.TicketNumber] = Tickets.TicketNumber.Format(ticket.Number),
            [CannedReplyVariables.TicketTitle] = ticket.Title,
            [CannedReplyVariables.AgentFirstName] = FirstName(agentName) ?? agentName,
        };
        if (ticket.RequesterName is null && (uses.Contains(CannedReplyVariables.RequesterFirstName) || uses.Contains(CannedReplyVariables.RequesterName)))
        {
            notes.Add("Nobody raised this ticket through the portal, so the requester's name reads \"there\".");
        }

        if (uses.Contains(CannedReplyVariables.PlanHoursLeft))
        {
            var meter = await usage.GetMeterAsync(actor, ticket.ClientId, cancellationToken);
            if (meter?.HasPlan == true)
            {
                values[CannedReplyVariables.PlanHoursLeft] = Hours.Format(meter.RemainingMinutes);
            }
            else
            {
                values[CannedReplyVariables.PlanHoursLeft] = "0";
                notes.Add($"{ticket.ClientName} has no running plan, so the hours left read 0.");
            }
        }

        return new FilledCannedReply(CannedReplyVariables.Fill(body, values), notes);
    }

    private static IQueryable<CannedReply> Visible(KtPortalDbContext db, Actor actor) =>
        db.CannedReplies.AsNoTracking().Where(r => r.OwnerId == null || r.OwnerId == actor.UserId);

    private static bool CanEdit(Actor actor, CannedReply reply) =>
        reply.OwnerId == actor.UserId || (reply.OwnerId is null && (reply.CreatedById == actor.UserId || actor.IsAdmin));

    private static async Task<CannedReply> FindEditableAsync(KtPortalDbContext db, Actor actor, int id, CancellationToken cancellationToken)
    {
        var reply = await db.CannedReplies.SingleOrDefaultAsync(r => r.Id == id && (r.OwnerId == null || r.OwnerId == actor.UserId), cancellationToken)
            ?? throw new NotFoundException("The canned reply");
        if (!CanEdit(actor, reply))
        {
            throw new ForbiddenException("Only whoever wrote a shared reply, or an admin, can change or remove it.");
        }

        return reply;
    }

    private static async Task ValidateAsync(KtPortalDbContext db, Actor actor, CannedReplyInput input, int? id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var validation = new Validation()
            .Required(nameof(input.Title), input.Title, "Title", CannedReplyRules.TitleMaxLength)
            .Required(nameof(input.Body), input.Body, "Text", CannedReplyRules.BodyMaxLength);
        CannedReplyVariables.Read(input.Body ?? string.Empty, out var problems);
        foreach (var problem in problems)
        {
            validation.Check(false, nameof(input.Body), problem);
        }

        var title = input.Title?.Trim() ?? string.Empty;
        if (title.Length > 0)
        {
            // Among the replies this person sees: two with one title in the same list cannot be told apart.
            var titles = await Visible(db, actor).Where(r => r.Id != id).Select(r => r.Title).ToListAsync(cancellationToken);
            validation.Check(!titles.Contains(title, StringComparer.OrdinalIgnoreCase), nameof(input.Title), "You already have a reply with this title (yours or shared).");
        }

        validation.ThrowIfInvalid();
    }

    private static void Apply(CannedReply reply, Actor actor, CannedReplyInput input, DateTime now)
    {
        reply.Title = input.Title.Trim();
        reply.Body = input.Body.Trim();
        reply.OwnerId = input.Shared ? null : actor.UserId;
        reply.UpdatedAtUtc = now;
        reply.ConcurrencyStamp = Guid.NewGuid();
    }

    private static string? FirstName(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? trimmed : trimmed[..space];
    }
}
