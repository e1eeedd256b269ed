using KtPortal.Domain.Billing;
using KtPortal.Domain.Data;
using KtPortal.Domain.Estimation;
using KtPortal.Domain.Tickets;
using KtPortal.Domain.TimeTracking;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Seeding;

/// <summary>
/// The demo's closed history (contracts.md: "enough closed history for the time estimator to give useful
/// answers"): four months of generated work for Acme and Birch before Acme's plan began, numbered below KT-1001
/// (older tickets, lower numbers), with the time logged on them. The billing cycle later invoices those months at
/// each client's rate card (DemoInvoiceSeeder). Each ticket also carries the estimate the local estimator would have
/// made from the history before it, and — as demo data — a staff adjustment and, for Service Requests, an approved
/// quote, so the accuracy page has something to show.
/// </summary>
internal static class DemoHistorySeeder
{
    public const int AcmeTickets = 30;
    public const int BirchTickets = 18;
    public const int Months = 4;
    public const int Seed = 20261124;

    public static async Task SeedAsync(
        KtPortalDbContext db, int acmeId, int birchId, string[] acmeRequesters, string bobId, string staffId, DateOnly historyEnd, DateTime now,
        CancellationToken cancellationToken)
    {
        var random = new Random(Seed);
        var start = historyEnd.AddMonths(-Months);
        var span = historyEnd.DayNumber - start.DayNumber - 8; // resolved, and all time logged, before the history ends
        var clients = new[] { (Id: acmeId, Count: AcmeTickets, Factor: 1.1), (Id: birchId, Count: BirchTickets, Factor: 0.9) };
        var work = clients
            .SelectMany(c => Enumerable.Range(0, c.Count).Select(_ =>
                (ClientId: c.Id, Work: TicketHistoryGenerator.Next(random, c.Factor), Day: start.AddDays(random.Next(span)))))
            .OrderBy(w => w.Day).ThenBy(w => w.ClientId)
            .ToList();

        var supportTypeNames = await db.SupportTypes.ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var estimator = new LocalTicketEstimator();
        var learned = new List<ResolvedTicket>();
        var number = Ticket.FirstNumber - work.Count;
        foreach (var (clientId, item, day) in work)
        {
            var created = day.ToDateTime(new TimeOnly(14, 0), DateTimeKind.Utc).AddMinutes(random.Next(240));
            var resolved = created.AddDays(item.EntryMinutes.Count).AddHours(3);
            var requester = clientId == acmeId ? acmeRequesters[random.Next(acmeRequesters.Length)] : bobId;
            var ticket = new Ticket
            {
                Number = number++,
                ClientId = clientId,
                RequesterId = requester,
                AssigneeId = staffId,
                Title = item.Title,
                Description = item.Description,
                Type = item.Type,
                SupportTypeId = item.SupportTypeId,
                Priority = TicketPriority.Normal,
                Source = random.Next(4) == 0 ? TicketSource.Email : TicketSource.Portal,
                Status = TicketStatus.Closed,
                CreatedAtUtc = created,
                UpdatedAtUtc = resolved.AddDays(7),
                ResolvedAtUtc = resolved,
                ClosedAtUtc = resolved.AddDays(7),
                FirstResponseAtUtc = created.AddMinutes(20 + random.Next(6 * 60)),
            };
            db.Tickets.Add(ticket);
            await db.SaveChangesAsync(cancellationToken);
            db.TicketActivities.Add(new TicketActivity
            {
                TicketId = ticket.Id, ActorId = requester, Kind = TicketActivityKind.Created, Detail = $"Raised via {TicketRules.Label(ticket.Source)}", CreatedAtUtc = created,
            });
            var developmentRate = await AddTimeAsync(db, ticket, item, staffId, now, cancellationToken);
            var settled = AddEstimate(db, ticket, item, supportTypeNames[item.SupportTypeId], estimator, learned, staffId, random);
            if (ticket.Type == TicketType.ServiceRequest)
            {
                db.TicketQuotes.Add(new TicketQuote
                {
                    TicketId = ticket.Id,
                    Minutes = settled,
                    RateMinor = developmentRate,
                    AmountMinor = BillingMath.Amount(settled, developmentRate),
                    Status = QuoteStatus.Approved,
                    SentById = staffId,
                    SentAtUtc = created.AddHours(1),
                    RespondedById = requester,
                    RespondedAtUtc = created.AddHours(2),
                });
            }

            learned.Add(new ResolvedTicket(ticket.Number, clientId, item.Type, item.SupportTypeId, item.Title, item.Description,
                ResolvedHistory.Charged(item.LoggedMinutes), resolved));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Logs the work a day at a time from the day it was raised; returns the development rate of the period it began in.</summary>
    private static async Task<long> AddTimeAsync(KtPortalDbContext db, Ticket ticket, GeneratedWork item, string staffId, DateTime now, CancellationToken cancellationToken)
    {
        var day = DateOnly.FromDateTime(ticket.CreatedAtUtc);
        long? developmentRate = null;
        foreach (var minutes in item.EntryMinutes)
        {
            // Periods open in order, oldest first: the history is walked in date order.
            var period = await BillingPeriodLedger.EnsureContainingAsync(db, ticket.ClientId, day, now, cancellationToken)
                ?? throw new InvalidOperationException("Demo history must be added oldest first.");
            developmentRate ??= period.DevelopmentRateMinor;
            db.TimeEntries.Add(new TimeEntry
            {
                TicketId = ticket.Id,
                StaffId = staffId,
                WorkDate = day,
                Minutes = minutes,
                WorkType = WorkTypes.DefaultFor(ticket.Type),
                Note = "Worked on " + ticket.Title.ToLowerInvariant(),
                CreatedAtUtc = now,
                UpdatedAtUtc = now,
            });
            day = day.AddDays(1);
        }

        return developmentRate ?? 0;
    }

    /// <summary>The estimate the local estimator makes from the history before the ticket, and a settled figure; returns the latter.</summary>
    private static int AddEstimate(
        KtPortalDbContext db, Ticket ticket, GeneratedWork item, string supportTypeName, LocalTicketEstimator estimator, List<ResolvedTicket> learned,
        string staffId, Random random)
    {
        var proposal = estimator.Estimate(new EstimateSubject(ticket.ClientId, item.Type, item.SupportTypeId, supportTypeName, item.Title, item.Description), learned);
        var estimate = new TicketEstimate { TicketId = ticket.Id };
        EstimationService.Apply(estimate, proposal, proposal.Minutes, ticket.CreatedAtUtc.AddMinutes(1));

        // Demo data: staff who know the client move the proposal part of the way towards what the job took.
        var charged = ResolvedHistory.Charged(item.LoggedMinutes);
        var adjusted = proposal.Minutes + ((charged - proposal.Minutes) * (0.3 + (random.NextDouble() * 0.4)));
        estimate.AdjustedMinutes = ResolvedHistory.Charged((int)Math.Round(adjusted / 15, MidpointRounding.AwayFromZero) * 15);
        estimate.AdjustedById = staffId;
        estimate.AdjustedAtUtc = ticket.CreatedAtUtc.AddHours(1);
        db.TicketEstimates.Add(estimate);
        return estimate.AdjustedMinutes.Value;
    }
}
