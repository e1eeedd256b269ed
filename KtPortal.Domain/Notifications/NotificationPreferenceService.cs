using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Notifications;

/// <summary>One event as the settings page shows it, with the user's current choice.</summary>
public sealed record NotificationChoice(NotificationEvent Event, string Label, string Description, bool Email, bool InApp);

/// <summary>Each user chooses, per event, whether they hear about it by e-mail, in the app, both or not at all.</summary>
public sealed class NotificationPreferenceService(IDbContextFactory<KtPortalDbContext> contextFactory)
{
    private static readonly Dictionary<NotificationEvent, (string Label, string Description)> Texts = new()
    {
        [NotificationEvent.TicketCreated] = ("New tickets", "A client raises a ticket (in the portal or by e-mail)."),
        [NotificationEvent.TicketReply] = ("Replies on tickets", "Someone on the other side replies on a ticket you follow."),
        [NotificationEvent.TicketStatusChanged] = ("Ticket waiting on you or resolved", "A ticket you follow needs your answer, or is resolved."),
        [NotificationEvent.PlanUsage] = ("Plan hours", "A maintenance plan reaches 80% of its hours, or goes over them."),
        [NotificationEvent.InvoiceIssued] = ("New invoices", "An invoice is issued (the e-mail has the PDF)."),
        [NotificationEvent.PaymentReceived] = ("Payments", "A payment for an invoice is received."),
        [NotificationEvent.InvoiceOverdue] = ("Overdue reminders", "An invoice is past its due date."),
        [NotificationEvent.QuoteSent] = ("Quotes to approve", "The agency sends an estimate for a request you follow, for you to approve or decline."),
        [NotificationEvent.QuoteAnswered] = ("Quote answers", "A client approves or declines a quote."),
        [NotificationEvent.ServiceLevel] = ("Service levels", "A ticket assigned to you (or nobody's yet) has used 75% of its response or resolution target, or missed it."),
        [NotificationEvent.MonthlyReport] = ("Monthly report", "When a month of your plan closes: a one-page PDF with the hours against the plan, tickets, response times and invoices. Off unless you turn it on."),
    };

    /// <summary>The events that can reach this actor at all; the others are not offered.</summary>
    public static IReadOnlyList<NotificationEvent> EventsFor(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.IsStaff)
        {
            return [NotificationEvent.TicketCreated, NotificationEvent.TicketReply, NotificationEvent.ServiceLevel, NotificationEvent.PlanUsage, NotificationEvent.QuoteAnswered];
        }

        return actor.IsClientAdmin
            ? [NotificationEvent.TicketReply, NotificationEvent.TicketStatusChanged, NotificationEvent.QuoteSent, NotificationEvent.PlanUsage,
               NotificationEvent.InvoiceIssued, NotificationEvent.PaymentReceived, NotificationEvent.InvoiceOverdue, NotificationEvent.MonthlyReport]
            : [NotificationEvent.TicketReply, NotificationEvent.TicketStatusChanged, NotificationEvent.QuoteSent];
    }

    public async Task<IReadOnlyList<NotificationChoice>> GetAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var saved = await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == actor.UserId).ToDictionaryAsync(p => p.Event, cancellationToken);
        return [.. EventsFor(actor).Select(e =>
        {
            var found = saved.GetValueOrDefault(e);
            var byDefault = NotificationDefaults.IsOn(e);
            return new NotificationChoice(e, Texts[e].Label, Texts[e].Description, found?.Email ?? byDefault, found?.InApp ?? byDefault);
        })];
    }

    /// <summary>Saves the actor's own choices; an event that cannot reach them is refused and nothing is saved.</summary>
    public async Task SaveAsync(Actor actor, IReadOnlyList<NotificationChoice> choices, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(choices);
        var offered = EventsFor(actor);
        var validation = new Validation();
        foreach (var choice in choices)
        {
            validation.Check(offered.Contains(choice.Event), "Event", $"\"{choice.Event}\" is not a notification you can receive.");
        }

        validation.ThrowIfInvalid();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var saved = await db.NotificationPreferences.Where(p => p.UserId == actor.UserId).ToDictionaryAsync(p => p.Event, cancellationToken);
        foreach (var choice in choices)
        {
            if (!saved.TryGetValue(choice.Event, out var row))
            {
                row = new NotificationPreference { UserId = actor.UserId, Event = choice.Event };
                db.NotificationPreferences.Add(row);
            }

            row.Email = choice.Email;
            row.InApp = choice.InApp;
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
