using KtPortal.Domain.Billing;
using KtPortal.Domain.Billing.Plans;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Settings;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;
using KtPortal.Domain.TimeTracking;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Seeding;

public sealed record BulkPlanResult(int PlansAdded, int EntriesAdded);

/// <summary>
/// For benchmarks and fault runs of the billing cycle: gives every client without a plan one (through the plan service,
/// from the start of its current period, a cycle day of its own) and logs time on some of its open tickets today
/// (through the time service, so periods open and usage is kept exactly as when staff log it). Some clients end up
/// inside their hours, some past them.
/// </summary>
public sealed class BulkPlanSeeder(
    IDbContextFactory<KtPortalDbContext> contextFactory,
    PlanService plans,
    TimeEntryService time,
    TimeProvider clock,
    AgencySettingsStore settingsStore)
{
    private const int TicketsTimedPerClient = 3;

    public async Task<BulkPlanResult> SeedAsync(int seed, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var random = new Random(seed);
        var today = settingsStore.Portal.Today(clock);
        List<int> clients;
        Dictionary<int, List<int>> ticketsByClient;
        string staffId;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            clients = await db.Clients.Where(c => !db.Plans.Any(p => p.ClientId == c.Id)).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);
            ticketsByClient = (await db.Tickets.AsNoTracking()
                    // A subquery, not the id list: EF Core sends a list as one parameter per id (thousands of clients).
                    .Where(t => t.Status != TicketStatus.Closed && !db.Plans.Any(p => p.ClientId == t.ClientId))
                    .Select(t => new { t.ClientId, t.Number })
                    .ToListAsync(cancellationToken))
                .GroupBy(t => t.ClientId)
                .ToDictionary(g => g.Key, g => g.Select(t => t.Number).Take(TicketsTimedPerClient).ToList());
            staffId = await db.Users.Where(u => u.ClientId == null && u.IsActive).OrderBy(u => u.Email).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken)
                ?? throw new ValidationFailedException("staff", "There is no staff member to log time as: seed clients first (they bring staff).");
        }

        var staff = new Actor(staffId, PortalRoles.Staff, null);
        var coveredTypes = SupportType.Seed.Select(s => s.Id).ToArray();
        var entries = 0;
        for (var i = 0; i < clients.Count; i++)
        {
            var cycleDay = random.Next(1, 29);
            var includedHours = random.Next(2, 11);
            await plans.CreateAsync(Actor.System, clients[i], new PlanInput(
                $"Maintenance {includedHours} h", includedHours * 60, coveredTypes, 120_00, 95_00, includedHours * 50_00, cycleDay,
                BillingCalendar.PeriodContaining(today, cycleDay).Start), cancellationToken);
            foreach (var number in ticketsByClient.GetValueOrDefault(clients[i]) ?? [])
            {
                await time.LogAsync(staff, number, new TimeEntryInput(today, $"{random.Next(1, 16) * 15}m"), cancellationToken);
                entries++;
            }

            progress?.Report(i + 1);
        }

        return new BulkPlanResult(clients.Count, entries);
    }
}
