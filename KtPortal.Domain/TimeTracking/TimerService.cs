using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.TimeTracking;

/// <summary>The timer asks before saving a run this long: someone probably forgot to stop it.</summary>
public sealed class TimerNeedsConfirmationException(int elapsedMinutes)
    : DomainException($"This timer has run for {Hours.Format(elapsedMinutes)} h. Check the duration before saving it.")
{
    public int ElapsedMinutes { get; } = elapsedMinutes;
}

/// <summary>
/// One server-side timer per staff member: it lives in the database, so it survives closed tabs and can be stopped
/// from any device. Stopping saves a time entry dated on the day it started (portal time).
/// </summary>
public sealed class TimerService(
    IDbContextFactory<KtPortalDbContext> contextFactory,
    IChangeNotifier notifier,
    TimeProvider clock,
    PortalSettings settings,
    TimeEntryService entries)
{
    /// <summary>Runs longer than this ask before they are saved.</summary>
    public const int ConfirmAfterMinutes = 10 * 60;

    public async Task<RunningTimerView?> GetAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsStaff)
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await (
            from r in db.RunningTimers
            where r.StaffId == actor.UserId
            join t in db.Tickets on r.TicketId equals t.Id
            select new RunningTimerView(t.Number, t.Title, r.StartedAtUtc)).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task StartAsync(Actor actor, int ticketNumber, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "use the timer");
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var ticket = await TicketScope.Visible(db, actor).SingleOrDefaultAsync(t => t.Number == ticketNumber, cancellationToken)
            ?? throw new NotFoundException("The ticket");
        var running = await (
            from r in db.RunningTimers
            where r.StaffId == actor.UserId
            join t in db.Tickets on r.TicketId equals t.Id
            select new { t.Number }).SingleOrDefaultAsync(cancellationToken);
        if (running is not null)
        {
            throw new DomainException(running.Number == ticketNumber
                ? "Your timer is already running on this ticket."
                : $"Your timer is running on {TicketNumber.Format(running.Number)}. Stop it there first: one timer runs at a time.");
        }

        db.RunningTimers.Add(new RunningTimer { StaffId = actor.UserId, TicketId = ticket.Id, StartedAtUtc = clock.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new DomainException("Your timer was started elsewhere a moment ago. Reload to see it.");
        }

        await PublishAsync(actor);
    }

    /// <summary>The whole minutes the timer has run so far, at least 1.</summary>
    public int ElapsedMinutes(RunningTimerView timer)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return ElapsedSince(timer.StartedAtUtc);
    }

    private int ElapsedSince(DateTime startedAtUtc) =>
        Math.Max(1, (int)Math.Ceiling((clock.GetUtcNow().UtcDateTime - startedAtUtc).TotalMinutes));

    /// <summary>
    /// Stops the timer and saves its time. Past <see cref="ConfirmAfterMinutes"/> it throws
    /// <see cref="TimerNeedsConfirmationException"/> unless <paramref name="confirmedDuration"/> is given (the duration
    /// the person confirmed or corrected, typed like any duration).
    /// </summary>
    public async Task<long> StopAsync(Actor actor, string? note, string? confirmedDuration = null, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "use the timer");
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var timer = await db.RunningTimers.SingleOrDefaultAsync(r => r.StaffId == actor.UserId, cancellationToken)
            ?? throw new DomainException("Your timer is not running (it may have been stopped on another device).");
        var number = await db.Tickets.Where(t => t.Id == timer.TicketId).Select(t => t.Number).SingleAsync(cancellationToken);
        var elapsed = ElapsedSince(timer.StartedAtUtc);
        int minutes;
        if (confirmedDuration is not null)
        {
            minutes = TimeEntryService.ParseDuration(confirmedDuration);
        }
        else if (elapsed > ConfirmAfterMinutes)
        {
            throw new TimerNeedsConfirmationException(elapsed);
        }
        else
        {
            minutes = elapsed;
        }

        var workDate = settings.LocalDate(new DateTimeOffset(timer.StartedAtUtc, TimeSpan.Zero));
        var startedAt = timer.StartedAtUtc;
        var id = await entries.AddAsync(actor, number, new TimeEntryInput(workDate, string.Empty, Note: note), minutes, cancellationToken,
            async (tx, ct) =>
            {
                // In the entry's transaction: a stop from two devices at once saves the time once, and a refused entry
                // (closed period, bad note) leaves the timer running.
                var removed = await tx.RunningTimers.Where(r => r.StaffId == actor.UserId && r.StartedAtUtc == startedAt).ExecuteDeleteAsync(ct);
                if (removed == 0)
                {
                    throw new DomainException("Your timer was already stopped on another device.");
                }
            });
        await PublishAsync(actor);
        return id;
    }

    public async Task DiscardAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "use the timer");
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.RunningTimers.Where(r => r.StaffId == actor.UserId).ExecuteDeleteAsync(cancellationToken);
        await PublishAsync(actor);
    }

    private Task PublishAsync(Actor actor) => notifier.PublishAsync(new PortalChange(PortalChange.Topics.Timer, actor.UserId, null));
}
