using KtPortal.Domain.Accounts;
using KtPortal.Domain.Clients;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Seeding;

/// <summary>
/// Seeds the demo clients, users and tickets of docs/contracts.md. Runs in Development (or with
/// --seed-demo) and does nothing when the demo admin already exists, so restarts are safe.
/// Later features (plans, time, invoices) extend it with their part of the demo.
/// </summary>
public sealed class DemoDataSeeder(
    IDbContextFactory<KtPortalDbContext> contextFactory,
    UserManager<PortalUser> userManager,
    RoleSeeder roleSeeder,
    TimeProvider clock,
    PortalSettings settings,
    Invoices.BillingCycle billingCycle)
{
    public async Task<bool> SeedAsync(CancellationToken cancellationToken = default)
    {
        await roleSeeder.EnsureRolesAsync();
        await using (var check = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            if (await check.Tickets.AnyAsync(cancellationToken))
            {
                return false;
            }
        }

        // Each step finds what an interrupted earlier run left, so a crash mid-seed is repaired by the next start.
        var now = clock.GetUtcNow().UtcDateTime;
        var acmeId = await FindOrCreateClientAsync(DemoData.AcmeName, "billing@acme.test", dev: 120_00, support: 95_00, now, cancellationToken);
        var birchId = await FindOrCreateClientAsync(DemoData.BirchName, "accounts@birch.test", dev: 110_00, support: 90_00, now, cancellationToken);

        await CreateUserAsync(DemoData.AdminEmail, "Avery Admin", PortalRoles.Admin, null, now);
        var staff = await CreateUserAsync(DemoData.StaffEmail, "Sam Staff", PortalRoles.Staff, null, now);
        var alice = await CreateUserAsync(DemoData.AliceEmail, "Alice Archer", PortalRoles.ClientAdmin, acmeId, now);
        var carol = await CreateUserAsync(DemoData.CarolEmail, "Carol Chen", PortalRoles.ClientUser, acmeId, now);
        var bob = await CreateUserAsync(DemoData.BobEmail, "Bob Birch", PortalRoles.ClientAdmin, birchId, now);

        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            var number = Ticket.FirstNumber;
            var statuses = Enum.GetValues<TicketStatus>();
            var i = 0;
            foreach (var (title, type) in AcmeTickets)
            {
                var requester = i % 3 == 2 ? carol : alice;
                db.Tickets.Add(NewTicket(number++, acmeId, requester, i % 2 == 0 ? staff : null, title, type, statuses[i % statuses.Length], now.AddHours(-6 * (40 - i)), i));
                i++;
            }

            foreach (var (title, type) in BirchTickets)
            {
                db.Tickets.Add(NewTicket(number++, birchId, bob, i % 2 == 0 ? staff : null, title, type, statuses[i % statuses.Length], now.AddHours(-6 * (40 - i)), i));
                i++;
            }

            await db.SaveChangesAsync(cancellationToken);
            await AddConversationAsync(db, Ticket.FirstNumber, alice, staff, now, cancellationToken);

            // The closed history ends where Acme's plan begins: the start of the previous period.
            var current = Billing.BillingCalendar.PeriodContaining(settings.Today(clock), 1);
            var historyEnd = Billing.BillingCalendar.PeriodContaining(current.Start.AddDays(-1), 1).Start;
            await DemoHistorySeeder.SeedAsync(db, acmeId, birchId, [alice, carol], bob, staff, historyEnd, now, cancellationToken);
            await DemoTimeSeeder.SeedAsync(db, acmeId, birchId, staff, settings.Today(clock), now, cancellationToken);
        }

        await DemoInvoiceSeeder.SeedAsync(contextFactory, billingCycle, settings, now, cancellationToken);

        return true;
    }

    private async Task<int> FindOrCreateClientAsync(
        string name, string billingEmail, long dev, long support, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.Clients.Where(c => c.Name == name).Select(c => (int?)c.Id).SingleOrDefaultAsync(cancellationToken);
        if (existing is int id)
        {
            return id;
        }

        var client = new Client
        {
            Name = name,
            BillingEmail = billingEmail,
            DevelopmentRateMinor = dev,
            SupportRateMinor = support,
            PaymentTermsDays = 14,
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
        };
        db.Clients.Add(client);
        await db.SaveChangesAsync(cancellationToken);
        return client.Id;
    }

    private static Ticket NewTicket(
        int number, int clientId, string requesterId, string? assigneeId, string title, TicketType type, TicketStatus status, DateTime createdAt, int index)
    {
        var updated = createdAt.AddHours(2);
        return new Ticket
        {
            Number = number,
            ClientId = clientId,
            RequesterId = requesterId,
            AssigneeId = status == TicketStatus.New ? null : assigneeId,
            Title = title,
            Description = $"{title}.\n\nReported through the portal; **please** keep us posted.",
            Type = type,
            SupportTypeId = type == TicketType.ServiceRequest ? SupportType.DevelopmentId : (index % 4 == 0 ? SupportType.WordPressId : SupportType.TroubleshootingId),
            Priority = (TicketPriority)(index % 4),
            Source = index % 5 == 0 ? TicketSource.Email : TicketSource.Portal,
            Status = status,
            CreatedAtUtc = createdAt,
            UpdatedAtUtc = updated,
            ResolvedAtUtc = status is TicketStatus.Resolved or TicketStatus.Closed ? updated : null,
            ClosedAtUtc = status == TicketStatus.Closed ? updated : null,
        };
    }

    /// <summary>A short exchange on the first ticket, including an internal note the client never sees.</summary>
    private static async Task AddConversationAsync(
        KtPortalDbContext db, int number, string clientUserId, string staffId, DateTime now, CancellationToken cancellationToken)
    {
        var ticketId = await db.Tickets.Where(t => t.Number == number).Select(t => t.Id).SingleAsync(cancellationToken);
        db.TicketActivities.Add(new TicketActivity { TicketId = ticketId, ActorId = clientUserId, Kind = TicketActivityKind.Created, Detail = "Raised via Portal", CreatedAtUtc = now.AddHours(-240) });
        db.TicketComments.AddRange(
            new TicketComment { TicketId = ticketId, AuthorId = staffId, Body = "Thanks Alice, we are looking at the mail logs now.", CreatedAtUtc = now.AddHours(-239) },
            new TicketComment { TicketId = ticketId, AuthorId = staffId, Body = "SMTP plugin lost its API key after the update. Re-entering it.", IsInternal = true, CreatedAtUtc = now.AddHours(-238) },
            new TicketComment { TicketId = ticketId, AuthorId = clientUserId, Body = "Great, thank you!", CreatedAtUtc = now.AddHours(-237) });
        // Tracked, not a bulk update, so the response minutes and the report's day counts follow (TicketStatsKeeper).
        (await db.Tickets.SingleAsync(t => t.Id == ticketId, cancellationToken)).FirstResponseAtUtc = now.AddHours(-239);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<string> CreateUserAsync(string email, string name, string role, int? clientId, DateTime now)
    {
        if (await userManager.FindByEmailAsync(email) is { } existing)
        {
            return existing.Id;
        }

        var user = new PortalUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            ClientId = clientId,
            CreatedAtUtc = now,
        };
        var created = await userManager.CreateAsync(user, DemoData.Password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"Could not create demo user {email}: {string.Join(" ", created.Errors.Select(e => e.Description))}");
        }

        await userManager.AddToRoleAsync(user, role);
        return user.Id;
    }

    private static readonly (string Title, TicketType Type)[] AcmeTickets =
    [
        ("Contact form not sending e-mails", TicketType.Troubleshooting),
        ("Add online booking widget to the homepage", TicketType.ServiceRequest),
        ("WordPress update broke the gallery", TicketType.Troubleshooting),
        ("New team member bios page", TicketType.ServiceRequest),
        ("SSL certificate warning on the blog", TicketType.Troubleshooting),
        ("Site slow on mobile", TicketType.Troubleshooting),
        ("Patient intake PDF form", TicketType.ServiceRequest),
        ("Plugin security alert from Wordfence", TicketType.Troubleshooting),
        ("Update opening hours for the holidays", TicketType.ServiceRequest),
        ("Google Maps embed shows the wrong office", TicketType.Troubleshooting),
        ("Newsletter sign-up integration", TicketType.ServiceRequest),
        ("Broken images after hosting move", TicketType.Troubleshooting),
        ("Add Spanish translation of services pages", TicketType.ServiceRequest),
        ("Login loop in the WordPress admin", TicketType.Troubleshooting),
        ("Cookie consent banner", TicketType.ServiceRequest),
        ("Email bouncing for info@ address", TicketType.Troubleshooting),
        ("Insurance partners logo strip", TicketType.ServiceRequest),
        ("404 errors from old blog links", TicketType.Troubleshooting),
    ];

    private static readonly (string Title, TicketType Type)[] BirchTickets =
    [
        ("Shop checkout fails with PayPal", TicketType.Troubleshooting),
        ("New product category pages", TicketType.ServiceRequest),
        ("DNS change for the new mail provider", TicketType.Troubleshooting),
        ("Quarterly sale landing page", TicketType.ServiceRequest),
        ("Backups failing nightly", TicketType.Troubleshooting),
        ("Add product reviews", TicketType.ServiceRequest),
        ("Search returns no results", TicketType.Troubleshooting),
        ("Staff directory export", TicketType.ServiceRequest),
    ];
}
