using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Invoices;
using KtPortal.Domain.Notifications;
using KtPortal.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.TimeTracking;

/// <summary>
/// Staff log, edit and delete time on tickets. Each change runs in one transaction that also checks the period's
/// thresholds (rule 4) and writes their notifications and outbox rows; the change is published after commit so
/// that open meters re-read.
/// </summary>
public sealed class TimeEntryService(
    IDbContextFactory<KtPortalDbContext> contextFactory,
    IChangeNotifier notifier,
    TimeProvider clock,
    PortalSettings settings,
    AgencyProfile agency)
{

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
        var period = await OpenPeriodForAsync(db, ticket.ClientId, input.WorkDate, "WorkDate", cancellationToken);
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

        // The period's usage after the change, computed once: the thresholds and the draft usage invoice both read it.
        var usage = await PeriodUsageReader.ReadAsync(db, period, cancellationToken);
        var notices = await ThresholdNotifier.CheckAsync(db, agency, usage, now, cancellationToken);
        await UsageInvoiceBuilder.SyncDraftAsync(db, period, now, cancellationToken, usage);
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
        var oldPeriod = await OpenPeriodForAsync(db, ticket.ClientId, entry.WorkDate, "WorkDate", cancellationToken);
        var period = await OpenPeriodForAsync(db, ticket.ClientId, input.WorkDate, "WorkDate", cancellationToken);
        await RefuseIfInvoicedAsync(db, entry, cancellationToken);
        db.Entry(entry).Property(e => e.ConcurrencyStamp).OriginalValue = concurrencyStamp;
        entry.WorkDate = input.WorkDate;
        entry.Minutes = minutes;
        entry.WorkType = input.WorkType ?? entry.WorkType;
        entry.Note = input.Note?.Trim() ?? string.Empty;
        entry.Billable = input.Billable;
        entry.UpdatedAtUtc = now;
        entry.ConcurrencyStamp = Guid.NewGuid();
        await SaveAsync(db, cancellationToken);
        var usage = await PeriodUsageReader.ReadAsync(db, period, cancellationToken);
        var notices = await ThresholdNotifier.CheckAsync(db, agency, usage, now, cancellationToken);
        await UsageInvoiceBuilder.SyncDraftAsync(db, period, now, cancellationToken, usage);
        if (oldPeriod.Id != period.Id)
        {
            await UsageInvoiceBuilder.SyncDraftAsync(db, oldPeriod, now, cancellationToken);
        }

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
        var period = await OpenPeriodForAsync(db, ticket.ClientId, entry.WorkDate, "WorkDate", cancellationToken);
        await RefuseIfInvoicedAsync(db, entry, cancellationToken);
        db.Entry(entry).Property(e => e.ConcurrencyStamp).OriginalValue = concurrencyStamp;
        db.TimeEntries.Remove(entry);
        await SaveAsync(db, cancellationToken);
        await UsageInvoiceBuilder.SyncDraftAsync(db, period, clock.GetUtcNow().UtcDateTime, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await PublishAsync(ticket, []);
    }

    /// <summary>The ticket's entries, newest work first, each marked with why it is locked if it is.</summary>
    public async Task<IReadOnlyList<TimeEntryView>> ListForTicketAsync(Actor actor, int ticketNumber, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "log time");
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var ticket = await FindTicketAsync(db, actor, ticketNumber, cancellationToken);
        var today = settings.Today(clock);
        var periods = await db.BillingPeriods.AsNoTracking().Where(p => p.ClientId == ticket.ClientId).ToListAsync(cancellationToken);
        var rows = await (
            from e in db.TimeEntries.AsNoTracking()
            where e.TicketId == ticket.Id
            join u in db.Users on e.StaffId equals u.Id
            orderby e.WorkDate descending, e.CreatedAtUtc descending, e.Id descending
            select new { Entry = e, u.DisplayName, InvoiceNumber = db.Invoices.Where(i => i.Id == e.InvoiceId).Select(i => i.Number).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new TimeEntryView(
            r.Entry.Id, r.Entry.StaffId, r.DisplayName, r.Entry.WorkDate, r.Entry.Minutes, r.Entry.WorkType, r.Entry.Note, r.Entry.Billable,
            r.Entry.CreatedAtUtc,
            r.Entry.InvoiceId is null ? LockReason(periods, r.Entry.WorkDate, today) : InvoicedMessage(r.InvoiceNumber),
            r.Entry.ConcurrencyStamp)).ToList();
    }

    /// <summary>Rule 2's lock message, or null while the entry's period is open.</summary>
    internal static string? LockReason(IEnumerable<BillingPeriod> periods, DateOnly workDate, DateOnly today)
    {
        var period = periods.FirstOrDefault(p => p.StartDate <= workDate && workDate < p.EndDate);
        if (period is null)
        {
            return workDate > today ? null : "This date is before the client's first billing period.";
        }

        return period.IsClosed(today) ? ClosedMessage(period) : null;
    }

    /// <summary>Rule 5: time billed on an invoice (or reserved by a draft billing it) is locked.</summary>
    private static async Task RefuseIfInvoicedAsync(KtPortalDbContext db, TimeEntry entry, CancellationToken cancellationToken)
    {
        if (entry.InvoiceId is not { } invoiceId)
        {
            return;
        }

        var number = await db.Invoices.Where(i => i.Id == invoiceId).Select(i => i.Number).SingleOrDefaultAsync(cancellationToken);
        throw new ValidationFailedException("WorkDate", InvoicedMessage(number));
    }

    internal static string InvoicedMessage(string? invoiceNumber) => invoiceNumber is null
        ? "This time is on a draft invoice. Delete the draft to change it."
        : $"This time is billed on invoice {invoiceNumber} and can no longer be changed.";

    internal static string ClosedMessage(BillingPeriod period) =>
        $"The billing period {BillingText.Range(period.Range)} is closed: its time can no longer be added, changed or deleted. " +
        "Log the correction in the open period instead, with a note saying what it corrects.";

    /// <summary>The open period that holds <paramref name="workDate"/>, opened if needed; refuses future and closed dates.</summary>
    internal async Task<BillingPeriod> OpenPeriodForAsync(KtPortalDbContext db, int clientId, DateOnly workDate, string field, CancellationToken cancellationToken)
    {
        var today = settings.Today(clock);
        if (workDate > today)
        {
            throw new ValidationFailedException(field, "The work date can't be in the future.");
        }

        var period = await BillingPeriodLedger.EnsureContainingAsync(db, clientId, workDate, clock.GetUtcNow().UtcDateTime, cancellationToken)
            ?? throw new ValidationFailedException(field, "This date is before the client's first billing period. Log the time in the open period instead.");
        if (period.IsClosed(today))
        {
            throw new ValidationFailedException(field, ClosedMessage(period));
        }

        return period;
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
