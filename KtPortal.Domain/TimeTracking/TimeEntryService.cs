using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.TimeTracking;

/// <summary>
/// Staff log, edit and delete time on tickets. Each change runs in one transaction with what billing does about it
/// (<see cref="ITimeEntryBilling"/>: period locks, rule 4's thresholds with their notifications and outbox rows, the
/// pending-charges draft); the change is published after commit so that open meters re-read.
/// </summary>
public sealed class TimeEntryService(
    IDbContextFactory<KtPortalDbContext> contextFactory,
    IChangeNotifier notifier,
    TimeProvider clock,
    PortalSettings settings,
    ITimeEntryBilling billing)
{
    private const string WorkDateField = nameof(TimeEntryInput.WorkDate);

    public async Task<long> LogAsync(Actor actor, int ticketNumber, TimeEntryInput input, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "log time");
        ArgumentNullException.ThrowIfNull(input);
        var minutes = ParseDuration(input.Duration);
        return await AddAsync(actor, ticketNumber, input, minutes, cancellationToken);
    }

    /// <summary>Adds an entry whose minutes are already known (the timer); validation as for a typed entry.</summary>
    internal async Task<long> AddAsync(
        Actor actor, int ticketNumber, TimeEntryInput input, int minutes, CancellationToken cancellationToken,
        Func<KtPortalDbContext, CancellationToken, Task>? alsoInTransaction = null)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var ticket = await FindTicketAsync(db, actor, ticketNumber, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        ValidateFields(input, minutes);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var period = await OpenPeriodForAsync(db, ticket.ClientId, input.WorkDate, cancellationToken);
        var entry = new TimeEntry
        {
            TicketId = ticket.Id,
            StaffId = actor.UserId,
            WorkDate = input.WorkDate,
            Minutes = minutes,
            WorkType = input.WorkType ?? WorkTypes.DefaultFor(ticket.Type),
            Note = input.Note?.Trim() ?? string.Empty,
            Billable = input.Billable,
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
        };
        db.TimeEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        if (alsoInTransaction is not null)
        {
            await alsoInTransaction(db, cancellationToken);
        }

        var notices = await billing.AfterChangeAsync(db, [period], now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await PublishAsync(ticket, notices);
        return entry.Id;
    }

    public async Task<Guid> UpdateAsync(Actor actor, long entryId, TimeEntryInput input, Guid concurrencyStamp, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "log time");
        ArgumentNullException.ThrowIfNull(input);
        var minutes = ParseDuration(input.Duration);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var (entry, ticket) = await FindEntryAsync(db, entryId, cancellationToken);
        ValidateFields(input, minutes);
        var now = clock.GetUtcNow().UtcDateTime;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var oldPeriod = await OpenPeriodForAsync(db, ticket.ClientId, entry.WorkDate, cancellationToken);
        var period = await OpenPeriodForAsync(db, ticket.ClientId, input.WorkDate, cancellationToken);
        await billing.RefuseIfInvoicedAsync(db, entry, WorkDateField, cancellationToken);
        db.Entry(entry).Property(e => e.ConcurrencyStamp).OriginalValue = concurrencyStamp;
        entry.WorkDate = input.WorkDate;
        entry.Minutes = minutes;
        entry.WorkType = input.WorkType ?? entry.WorkType;
        entry.Note = input.Note?.Trim() ?? string.Empty;
        entry.Billable = input.Billable;
        entry.UpdatedAtUtc = now;
        entry.ConcurrencyStamp = Guid.NewGuid();
        await SaveAsync(db, cancellationToken);
        var notices = await billing.AfterChangeAsync(db, [period, oldPeriod], now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await PublishAsync(ticket, notices);
        return entry.ConcurrencyStamp;
    }

    public async Task DeleteAsync(Actor actor, long entryId, Guid concurrencyStamp, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "log time");
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var (entry, ticket) = await FindEntryAsync(db, entryId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var period = await OpenPeriodForAsync(db, ticket.ClientId, entry.WorkDate, cancellationToken);
        await billing.RefuseIfInvoicedAsync(db, entry, WorkDateField, cancellationToken);
        db.Entry(entry).Property(e => e.ConcurrencyStamp).OriginalValue = concurrencyStamp;
        db.TimeEntries.Remove(entry);
        await SaveAsync(db, cancellationToken);
        var notices = await billing.AfterChangeAsync(db, [period], clock.GetUtcNow().UtcDateTime, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await PublishAsync(ticket, notices);
    }

    /// <summary>The ticket's entries, newest work first, each marked with why it is locked if it is.</summary>
    public async Task<IReadOnlyList<TimeEntryView>> ListForTicketAsync(Actor actor, int ticketNumber, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "log time");
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var ticket = await FindTicketAsync(db, actor, ticketNumber, cancellationToken);
        var rows = await (
            from e in db.TimeEntries.AsNoTracking()
            where e.TicketId == ticket.Id
            join u in db.Users on e.StaffId equals u.Id
            orderby e.WorkDate descending, e.CreatedAtUtc descending, e.Id descending
            select new { Entry = e, u.DisplayName })
            .ToListAsync(cancellationToken);
        var locks = await billing.LockReasonsAsync(db, ticket.ClientId, rows.Select(r => r.Entry).ToList(), cancellationToken);
        return rows.Select(r => new TimeEntryView(
            r.Entry.Id, r.Entry.StaffId, r.DisplayName, r.Entry.WorkDate, r.Entry.Minutes, r.Entry.WorkType, r.Entry.Note, r.Entry.Billable,
            r.Entry.CreatedAtUtc, locks.GetValueOrDefault(r.Entry.Id), r.Entry.ConcurrencyStamp)).ToList();
    }

    /// <summary>The open period that holds <paramref name="workDate"/>, opened if needed; refuses future and closed dates.</summary>
    private async Task<int> OpenPeriodForAsync(KtPortalDbContext db, int clientId, DateOnly workDate, CancellationToken cancellationToken)
    {
        if (workDate > settings.Today(clock))
        {
            throw new ValidationFailedException(WorkDateField, "The work date can't be in the future.");
        }

        return await billing.OpenPeriodAsync(db, clientId, workDate, WorkDateField, cancellationToken);
    }

    internal static int ParseDuration(string? duration) =>
        DurationParser.TryParse(duration, out var minutes, out var error)
            ? minutes
            : throw new ValidationFailedException("Duration", error);

    private static void ValidateFields(TimeEntryInput input, int minutes)
    {
        new Validation()
            .Range("Duration", minutes, TimeEntry.MinMinutes, TimeEntry.MaxMinutes, "A time entry is 1 minute to 24 hours.")
            .Check((input.Note?.Trim().Length ?? 0) <= TimeEntry.NoteMaxLength, "Note", $"Note must be at most {TimeEntry.NoteMaxLength} characters.")
            .Check(input.WorkType is null || Enum.IsDefined(input.WorkType.Value), "WorkType", "Choose Development or Support.")
            .ThrowIfInvalid();
    }

    private static async Task<Ticket> FindTicketAsync(KtPortalDbContext db, Actor actor, int number, CancellationToken cancellationToken) =>
        await TicketScope.Visible(db, actor, tracking: false).SingleOrDefaultAsync(t => t.Number == number, cancellationToken)
            ?? throw new NotFoundException("The ticket");

    private static async Task<(TimeEntry Entry, Ticket Ticket)> FindEntryAsync(KtPortalDbContext db, long entryId, CancellationToken cancellationToken)
    {
        var entry = await db.TimeEntries.SingleOrDefaultAsync(e => e.Id == entryId, cancellationToken)
            ?? throw new NotFoundException("The time entry");
        var ticket = await db.Tickets.AsNoTracking().SingleAsync(t => t.Id == entry.TicketId, cancellationToken);
        return (entry, ticket);
    }

    private static Task SaveAsync(KtPortalDbContext db, CancellationToken cancellationToken) => ConcurrencyGuard.SaveAsync(db, "time entry", cancellationToken);

    private async Task PublishAsync(Ticket ticket, IReadOnlyList<PortalChange> notices)
    {
        await notifier.PublishAsync(new PortalChange(PortalChange.Topics.Usage, TicketNumber.Format(ticket.Number), ticket.ClientId));
        await notifier.PublishAllAsync(notices);
    }
}
