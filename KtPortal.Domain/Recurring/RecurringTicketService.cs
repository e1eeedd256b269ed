using System.Globalization;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Recurring;

/// <summary>
/// Staff keep each client's recurring maintenance work; <see cref="RaiseDueAsync"/> (the Quartz job) raises one ticket
/// per occurrence, idempotently: the occurrence row is unique per template and day and commits with its ticket, so a
/// run repeated, overlapping or on another instance raises nothing twice, and a run after downtime raises each missed
/// occurrence once.
/// </summary>
public sealed class RecurringTicketService(
    IDbContextFactory<KtPortalDbContext> contextFactory,
    TicketService tickets,
    PortalSettings settings,
    TimeProvider clock,
    Microsoft.Extensions.Logging.ILogger<RecurringTicketService> logger)
{
    public async Task<IReadOnlyList<RecurringTicketView>> ListAsync(Actor actor, int clientId, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "see recurring work");
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var today = settings.Today(clock);
        var rows = await (
            from r in db.RecurringTickets.AsNoTracking()
            where r.ClientId == clientId
            join u in db.Users on r.AssigneeId equals u.Id into people
            from u in people.DefaultIfEmpty()
            orderby r.Title
            select new { r, Assignee = u == null ? null : u.DisplayName, Raised = db.RecurringOccurrences.Count(o => o.RecurringTicketId == r.Id) })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(x => new RecurringTicketView(x.r, x.Assignee, x.r.IsPaused ? null : RecurrenceSchedule.Next(x.r, Later(today, x.r.ActiveFrom)), x.Raised, Describe(x.r)))];
    }

    /// <summary>Creates (<paramref name="id"/> null) or changes a template; returns its id.</summary>
    public async Task<int> SaveAsync(Actor actor, int clientId, int? id, RecurringTicketInput input, Guid? concurrencyStamp, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "change recurring work");
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await ValidateAsync(db, clientId, input, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = settings.Today(clock);
        RecurringTicket template;
        if (id is { } existing)
        {
            template = await db.RecurringTickets.SingleOrDefaultAsync(r => r.Id == existing && r.ClientId == clientId, cancellationToken)
                ?? throw new NotFoundException("That recurring ticket");
            db.Entry(template).Property(r => r.ConcurrencyStamp).OriginalValue = concurrencyStamp ?? template.ConcurrencyStamp;
        }
        else
        {
            template = new RecurringTicket { ClientId = clientId, CreatedById = actor.UserId, CreatedAtUtc = now, ActiveFrom = today };
            db.RecurringTickets.Add(template);
        }

        template.Title = input.Title.Trim();
        template.Description = input.Description.Trim();
        template.Checklist = string.Join('\n', (input.Checklist ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        template.Type = input.Type;
        template.SupportTypeId = input.SupportTypeId;
        template.Priority = input.Priority;
        template.AssigneeId = input.AssigneeId;
        template.Kind = input.Kind;
        template.DayOfMonth = input.DayOfMonth;
        template.IntervalMonths = input.Kind == RecurrenceKind.Monthly ? input.IntervalMonths : 1;
        template.DayOfWeek = input.DayOfWeek;
        template.StartDate = input.StartDate!.Value;
        template.EndDate = input.EndDate;
        template.UpdatedAtUtc = now;
        template.ConcurrencyStamp = Guid.NewGuid();
        await ConcurrencyGuard.SaveAsync(db, "recurring ticket", cancellationToken);
        return template.Id;
    }

    /// <summary>Pauses or resumes; a resumed template starts from today (what was missed while paused is not raised).</summary>
    public async Task SetPausedAsync(Actor actor, int id, bool paused, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "pause recurring work");
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var template = await db.RecurringTickets.SingleOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw new NotFoundException("That recurring ticket");
        if (template.IsPaused != paused && !paused)
        {
            template.ActiveFrom = settings.Today(clock);
        }

        template.IsPaused = paused;
        template.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Removes a template; the tickets it raised stay.</summary>
    public async Task DeleteAsync(Actor actor, int id, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "remove recurring work");
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var template = await db.RecurringTickets.SingleOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw new NotFoundException("That recurring ticket");
        db.RecurringTickets.Remove(template);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Raises every occurrence due by today that has no ticket yet; returns how many tickets were raised.</summary>
    public async Task<int> RaiseDueAsync(CancellationToken cancellationToken = default)
    {
        var today = settings.Today(clock);
        List<RecurringTicket> templates;
        HashSet<(int, DateOnly)> raised;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            templates = await db.RecurringTickets.AsNoTracking().Where(r => !r.IsPaused).ToListAsync(cancellationToken);
            raised = [.. (await db.RecurringOccurrences.AsNoTracking().Where(o => o.Date >= today.AddYears(-1))
                .Select(o => new { o.RecurringTicketId, o.Date }).ToListAsync(cancellationToken)).Select(o => (o.RecurringTicketId, o.Date))];
        }

        var count = 0;
        foreach (var template in templates)
        {
            // A year back at most: a template is not meant to flood a client after a long outage.
            var from = Later(template.ActiveFrom, today.AddYears(-1));
            foreach (var day in RecurrenceSchedule.Between(template, from, today).Where(d => !raised.Contains((template.Id, d))))
            {
                if (await RaiseAsync(template, day, cancellationToken))
                {
                    count++;
                }
            }
        }

        return count;
    }

    private async Task<bool> RaiseAsync(RecurringTicket template, DateOnly day, CancellationToken cancellationToken)
    {
        var input = new NewTicketInput(template.Type, template.SupportTypeId, Title(template, day), template.Description, template.Priority,
            template.ClientId, RequesterId: null, AssigneeId: template.AssigneeId, Source: TicketSource.Staff);
        try
        {
            await tickets.CreateAsync(Actor.System, input, attachments: null, (db, ticket) =>
            {
                db.RecurringOccurrences.Add(new RecurringOccurrence { RecurringTicketId = template.Id, Date = day, TicketId = ticket.Id, CreatedAtUtc = ticket.CreatedAtUtc });
                var position = 0;
                foreach (var item in template.ChecklistItems())
                {
                    db.TicketChecklistItems.Add(new TicketChecklistItem { TicketId = ticket.Id, Position = ++position, Text = item });
                }
            }, cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another run raised this occurrence first (the unique index refused ours, and our ticket with it).
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            if (await db.RecurringOccurrences.AnyAsync(o => o.RecurringTicketId == template.Id && o.Date == day, cancellationToken))
            {
                return false;
            }

            throw;
        }
        catch (ValidationFailedException ex)
        {
            // The template no longer makes a valid ticket (its support type or assignee was deactivated): skip it until
            // staff fix it; the occurrence stays unraised, so a fixed template catches it up.
            Microsoft.Extensions.Logging.LoggerExtensions.LogWarning(logger, "Recurring ticket {Id} ({Title}) could not raise {Day}: {Problem}", template.Id, template.Title, day, ex.Message);
            return false;
        }
    }

    /// <summary>"Monthly updates · Dec 2026" or "Backups check · Nov 30, 2026": each ticket says which occurrence it is.</summary>
    public static string Title(RecurringTicket template, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(template);
        var label = template.Kind == RecurrenceKind.Monthly && template.IntervalMonths == 1
            ? day.ToString("MMM yyyy", CultureInfo.InvariantCulture)
            : day.ToString("MMM d, yyyy", CultureInfo.InvariantCulture);
        var title = $"{template.Title} · {label}";
        return title.Length <= TicketRules.TitleMaxLength ? title : template.Title;
    }

    public static string Describe(RecurringTicket template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var schedule = template.Kind == RecurrenceKind.Weekly
            ? $"Every {template.DayOfWeek}"
            : template.IntervalMonths == 1 ? $"Monthly on day {template.DayOfMonth}" : $"Every {template.IntervalMonths} months on day {template.DayOfMonth}";
        return template.EndDate is { } end ? $"{schedule}, until {end.AddDays(-1).ToString("MMM d, yyyy", CultureInfo.InvariantCulture)}" : schedule;
    }

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;

    private static async Task ValidateAsync(KtPortalDbContext db, int clientId, RecurringTicketInput input, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        validation.Check(await db.Clients.AnyAsync(c => c.Id == clientId, cancellationToken), "ClientId", "That client no longer exists.");
        TicketService.ValidateText(validation, input.Title, input.Description);
        validation.Check(await db.SupportTypes.AnyAsync(s => s.Id == input.SupportTypeId && s.IsActive, cancellationToken), nameof(input.SupportTypeId), "Choose a support type.");
        validation.Check(Enum.IsDefined(input.Type), nameof(input.Type), "Choose a ticket type.");
        validation.Check(Enum.IsDefined(input.Priority), nameof(input.Priority), "Choose a priority.");
        if (input.AssigneeId is { } assignee)
        {
            validation.Check(await TicketService.ActiveStaff(db).AnyAsync(u => u.Id == assignee, cancellationToken), nameof(input.AssigneeId), "The assignee must be an active staff member.");
        }

        validation.Check(Enum.IsDefined(input.Kind), nameof(input.Kind), "Choose how often.");
        if (input.Kind == RecurrenceKind.Monthly)
        {
            validation.Range(nameof(input.DayOfMonth), input.DayOfMonth, 1, 28, "Choose a day from 1 to 28: every month has it.");
            validation.Range(nameof(input.IntervalMonths), input.IntervalMonths, 1, 12, "Every 1 to 12 months.");
        }
        else
        {
            validation.Check(Enum.IsDefined(input.DayOfWeek), nameof(input.DayOfWeek), "Choose a weekday.");
        }

        validation.Check(input.StartDate is not null, nameof(input.StartDate), "Start date is required.");
        validation.Check(input.EndDate is null || input.StartDate is null || input.EndDate > input.StartDate, nameof(input.EndDate), "The end must be after the start.");
        var items = (input.Checklist ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        validation.Check(items.Length <= RecurringTicket.ChecklistMaxItems, nameof(input.Checklist), $"At most {RecurringTicket.ChecklistMaxItems} checklist items.");
        validation.Check(items.All(i => i.Length <= TicketChecklistItem.TextMaxLength), nameof(input.Checklist), $"Each checklist item is at most {TicketChecklistItem.TextMaxLength} characters.");
        validation.ThrowIfInvalid();
    }
}
