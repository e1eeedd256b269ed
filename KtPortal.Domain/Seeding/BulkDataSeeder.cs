using KtPortal.Domain.Accounts;
using KtPortal.Domain.Clients;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;
using KtPortal.Domain.Tickets.Stats;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Seeding;

public sealed record BulkSeedResult(int ClientsAdded, int UsersAdded, int TicketsAdded, int FirstNumber, int LastNumber);

/// <summary>
/// Adds generated clients, users and tickets for benchmarks and load checks (the <c>seed</c> subcommand).
/// Deterministic for a given seed. Generated users have no password: they exist to own and be
/// assigned tickets, not to sign in.
/// </summary>
public sealed class BulkDataSeeder(IDbContextFactory<KtPortalDbContext> contextFactory, TimeProvider clock, AgencySettingsStore settingsStore)
{
    public const int MaxClients = 10_000;
    public const int MaxTickets = 5_000_000;
    private const int BatchSize = 5_000;
    private const int UsersPerClient = 3;

    public async Task<BulkSeedResult> SeedAsync(
        int clients, int tickets, int seed, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        new Validation()
            .Range("clients", clients, 1, MaxClients, $"--clients must be between 1 and {MaxClients}.")
            .Range("tickets", tickets, 0, MaxTickets, $"--tickets must be between 0 and {MaxTickets}.")
            .ThrowIfInvalid();

        var random = new Random(seed);
        var now = clock.GetUtcNow().UtcDateTime;
        var (clientIds, usersByClient, usersAdded) = await AddClientsAsync(clients, seed, random, now, cancellationToken);
        var staffIds = await EnsureStaffAsync(now, cancellationToken);
        usersAdded += staffIds.Added;

        if (tickets == 0)
        {
            return new BulkSeedResult(clients, usersAdded, 0, 0, 0);
        }

        int first;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            // Reserve the whole block of numbers at once; nothing else can take them afterwards.
            var floor = (await db.Tickets.MaxAsync(t => (int?)t.Number, cancellationToken) ?? Ticket.FirstNumber - 1) + 1L;
            first = (int)await SequenceAllocator.ReserveAsync(db, Sequence.TicketNumbers, tickets, floor, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        var supportTypes = SupportType.Seed.Select(s => s.Id).ToArray();
        // The report's day counts are built once at the end rather than recounted for every batch.
        using var suspended = TicketStatsKeeper.Suspend();
        using var slaSuspended = ServiceLevels.TicketSlaKeeper.Suspend();
        for (var offset = 0; offset < tickets; offset += BatchSize)
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var count = Math.Min(BatchSize, tickets - offset);
            for (var i = 0; i < count; i++)
            {
                var client = random.Next(clientIds.Count);
                db.Tickets.Add(NewTicket(first + offset + i, clientIds[client], usersByClient[client], staffIds.Ids, supportTypes, random, now));
            }

            await db.SaveChangesAsync(cancellationToken);
            progress?.Report(offset + count);
        }

        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            await TicketStatsRebuild.RebuildAsync(db, settingsStore.Portal, cancellationToken);
            await ServiceLevels.SlaRebuild.RecomputeOpenAsync(db, settingsStore.Portal, cancellationToken);
        }

        return new BulkSeedResult(clients, usersAdded, tickets, first, first + tickets - 1);
    }

    private async Task<(List<int> ClientIds, List<string[]> UsersByClient, int UsersAdded)> AddClientsAsync(
        int count, int seed, Random random, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var roles = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, cancellationToken);
        var taken = (await db.Clients.Select(c => c.Name).ToListAsync(cancellationToken)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var clients = new List<Client>();
        var users = new List<(Client Client, PortalUser[] People)>();
        for (var i = 0; i < count; i++)
        {
            var name = $"{Pick(random, CompanyFirst)} {Pick(random, CompanyLast)}";
            for (var n = 2; !taken.Add(name); n++)
            {
                name = $"{Pick(random, CompanyFirst)} {Pick(random, CompanyLast)} {n}";
            }

            var client = new Client
            {
                Name = name,
                BillingEmail = $"billing@gen{seed}-{i}.test",
                DevelopmentRateMinor = 100_00 + (random.Next(6) * 5_00),
                SupportRateMinor = 80_00 + (random.Next(5) * 5_00),
                PaymentTermsDays = 14,
                CreatedAtUtc = now,
                UpdatedAtUtc = now,
            };
            clients.Add(client);
            var people = Enumerable.Range(0, UsersPerClient).Select(u => NewUser($"user{u}@gen{seed}-{i}.test", $"{Pick(random, FirstNames)} {Pick(random, LastNames)}", client, now)).ToArray();
            users.Add((client, people));
        }

        db.Clients.AddRange(clients);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (client, people) in users)
        {
            for (var u = 0; u < people.Length; u++)
            {
                people[u].ClientId = client.Id;
                db.Users.Add(people[u]);
                db.UserRoles.Add(new() { UserId = people[u].Id, RoleId = roles[u == 0 ? PortalRoles.ClientAdmin : PortalRoles.ClientUser] });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return ([.. clients.Select(c => c.Id)], [.. users.Select(u => u.People.Select(p => p.Id).ToArray())], count * UsersPerClient);
    }

    private async Task<(string[] Ids, int Added)> EnsureStaffAsync(DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var staff = await TicketService.ActiveStaff(db).Select(u => u.Id).ToListAsync(cancellationToken);
        var added = 0;
        if (staff.Count < 4)
        {
            var roleId = await db.Roles.Where(r => r.Name == PortalRoles.Staff).Select(r => r.Id).SingleAsync(cancellationToken);
            for (var i = staff.Count; i < 4; i++)
            {
                var user = NewUser($"staff{i}@generated.test", $"Generated Staff {i}", client: null, now);
                db.Users.Add(user);
                db.UserRoles.Add(new() { UserId = user.Id, RoleId = roleId });
                staff.Add(user.Id);
                added++;
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return ([.. staff], added);
    }

    private static PortalUser NewUser(string email, string name, Client? client, DateTime now) => new()
    {
        UserName = email,
        NormalizedUserName = email.ToUpperInvariant(),
        Email = email,
        NormalizedEmail = email.ToUpperInvariant(),
        EmailConfirmed = true,
        DisplayName = name,
        ClientId = client?.Id,
        SecurityStamp = Guid.NewGuid().ToString("N"),
        CreatedAtUtc = now,
    };

    private static Ticket NewTicket(
        int number, int clientId, string[] people, string[] staff, int[] supportTypes, Random random, DateTime now)
    {
        var created = now.AddMinutes(-random.Next(1, 365 * 24 * 60));
        var status = random.Next(100) switch
        {
            < 6 => TicketStatus.New,
            < 14 => TicketStatus.InProgress,
            < 20 => TicketStatus.WaitingOnClient,
            < 28 => TicketStatus.Resolved,
            _ => TicketStatus.Closed,
        };
        var updated = created.AddMinutes(random.Next(0, (int)Math.Min(60 * 24 * 30, (now - created).TotalMinutes)));
        var type = random.Next(3) == 0 ? TicketType.ServiceRequest : TicketType.Troubleshooting;
        var subject = Pick(random, Subjects);
        var problem = type == TicketType.ServiceRequest ? Pick(random, Requests) : Pick(random, Problems);
        return new Ticket
        {
            Number = number,
            ClientId = clientId,
            Type = type,
            SupportTypeId = type == TicketType.ServiceRequest ? SupportType.DevelopmentId : supportTypes[random.Next(supportTypes.Length)],
            Priority = (TicketPriority)Math.Min(3, random.Next(6) / 2 + (random.Next(10) == 0 ? 1 : 0)),
            Status = status,
            Source = (TicketSource)random.Next(3),
            Title = $"{subject}: {problem}",
            Description = $"{problem} on the {subject.ToLowerInvariant()}. {Pick(random, Details)}",
            RequesterId = people[random.Next(people.Length)],
            AssigneeId = status == TicketStatus.New && random.Next(2) == 0 ? null : staff.Length == 0 ? null : staff[random.Next(staff.Length)],
            CreatedAtUtc = created,
            UpdatedAtUtc = updated,
            ResolvedAtUtc = status is TicketStatus.Resolved or TicketStatus.Closed ? updated : null,
            ClosedAtUtc = status == TicketStatus.Closed ? updated : null,
            FirstResponseAtUtc = status == TicketStatus.New ? null : created.AddMinutes(random.Next(1, 1 + (int)Math.Min(48 * 60, (updated - created).TotalMinutes))),
        };
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

    private static readonly string[] CompanyFirst = ["Harbor", "Maple", "Summit", "Cedar", "Bright", "North", "Silver", "Oak", "Riverside", "Blue", "Granite", "Willow", "Lakeside", "Pioneer", "Golden"];
    private static readonly string[] CompanyLast = ["Dental", "Law Group", "Bakery", "Fitness", "Realty", "Veterinary", "Accounting", "Studio", "Outfitters", "Clinic", "Books", "Roofing", "Cafe", "Travel", "Insurance"];
    private static readonly string[] FirstNames = ["Ana", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jamal", "Kate", "Liam", "Maya", "Noah", "Olga", "Priya"];
    private static readonly string[] LastNames = ["Garcia", "Smith", "Nguyen", "Patel", "Kowalski", "Okafor", "Rossi", "Tanaka", "Dubois", "Schmidt", "Silva", "Murphy"];
    private static readonly string[] Subjects = ["Homepage", "Contact form", "Checkout", "Blog", "Booking widget", "Newsletter", "Staff page", "Gallery", "Search", "Login", "Mail server", "DNS", "SSL certificate", "Backups", "Analytics"];
    private static readonly string[] Problems = ["Not loading on mobile", "Shows a 500 error", "E-mails not arriving", "Very slow since yesterday", "Broken layout after update", "Certificate warning in Chrome", "Spam getting through", "Images missing", "Redirect loop", "Plugin conflict warning"];
    private static readonly string[] Requests = ["Add a new section", "Redesign the layout", "Add a Spanish version", "Connect to the CRM", "Add online payments", "New landing page for the campaign", "Export data to CSV", "Add a cookie banner"];
    private static readonly string[] Details = ["Customers noticed it first this morning.", "Happens on Safari and Chrome.", "Please have a look when you can.", "This is blocking our launch next week.", "Screenshots attached in the original e-mail.", "It worked fine last month."];
}
