using KtPortal.Domain;
using KtPortal.Domain.Accounts;
using KtPortal.Domain.Clients;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Seeding;
using KtPortal.Domain.Tickets;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace KtPortal.Tests.TestSupport;

/// <summary>
/// The domain services over a migrated in-memory SQLite database (one open connection) and a fake clock,
/// with helpers that create clients, users and tickets. One per test.
/// </summary>
public sealed class DomainTestHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 15, 0, 0, TimeSpan.Zero);

    /// <summary>Keeps the in-memory database alive; every context opens its own connection to it.</summary>
    private readonly SqliteConnection _keepAlive;
    private ServiceProvider _root = null!;

    private DomainTestHost(SqliteConnection keepAlive)
    {
        _keepAlive = keepAlive;
    }

    /// <summary>The key that signs ticket reply addresses in domain tests.</summary>
    public const string ReplyAddressKey = "domain-tests-reply-address-key";

    /// <summary>The receiving mail server whose Authentication-Results headers domain tests trust.</summary>
    public const string TrustedAuthServId = "mx.ktportal.test";

    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>This host's own content root, so attachment files of different tests never mix.</summary>
    public string AttachmentRoot { get; } = Path.Combine(Path.GetTempPath(), "ktportal-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The files the attachment store holds right now.</summary>
    public IReadOnlyList<string> StoredFiles()
    {
        var folder = Path.Combine(AttachmentRoot, "App_Data", "attachments");
        return Directory.Exists(folder) ? Directory.GetFiles(folder) : [];
    }

    public IServiceProvider Services => _root;

    public static async Task<DomainTestHost> CreateAsync(Action<IServiceCollection>? configure = null)
    {
        // A named in-memory database in shared-cache mode, reached the way the app reaches its file: a connection per
        // context. One shared connection is not safe once live updates read on their own threads while a test writes.
        var connectionString = $"Data Source=ktportal-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
        var keepAlive = new SqliteConnection(connectionString);
        await keepAlive.OpenAsync();
        var services = new ServiceCollection();
        var host = new DomainTestHost(keepAlive);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddSingleton<TimeProvider>(host.Clock);
        services.AddKtPortalDatabase(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = connectionString });
        services.AddSingleton(new ContentRoot(host.AttachmentRoot));
        // Every change "comes from" one documentation address, so audit tests can see the address is recorded.
        services.AddScoped<KtPortal.Domain.Audit.IAuditOrigin>(_ => new TestAuditOrigin());
        services.AddKtPortalDomain();
        services.Configure<KtPortal.Domain.Email.EmailOptions>(o =>
        {
            o.ReplyAddressKey = ReplyAddressKey;
            o.TrustedAuthServIds.Add(TrustedAuthServId);
        });
        services.AddIdentityCore<PortalUser>(o => PortalIdentityPolicy.Apply(o))
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<KtPortalDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>();
        services.AddScoped<IUserConfirmation<PortalUser>, ActiveUserConfirmation>();
        configure?.Invoke(services);

        host._root = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await using (var scope = host._root.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync();
            await scope.ServiceProvider.GetRequiredService<RoleSeeder>().EnsureRolesAsync();
            await scope.ServiceProvider.GetRequiredService<KtPortal.Domain.Settings.AgencySettingsService>().LoadAsync();
        }

        return host;
    }

    /// <summary>Runs <paramref name="action"/> with a service from a fresh scope, as a request or circuit would.</summary>
    public async Task<TResult> WithAsync<TService, TResult>(Func<TService, Task<TResult>> action)
        where TService : notnull
    {
        await using var scope = _root.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async Task WithAsync<TService>(Func<TService, Task> action)
        where TService : notnull
    {
        await using var scope = _root.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public T Get<T>()
        where T : notnull => _root.GetRequiredService<T>();

    public async Task<KtPortalDbContext> OpenDbAsync() =>
        await _root.GetRequiredService<IDbContextFactory<KtPortalDbContext>>().CreateDbContextAsync();

    public static Actor StaffActor { get; } = new("staff-actor", PortalRoles.Staff, null);

    public async Task<int> CreateClientAsync(string name) =>
        await WithAsync<ClientService, int>(s => s.CreateAsync(StaffActor, new ClientInput(name, $"billing@{Slug(name)}.test", 120_00, 95_00, 0, 14)));

    /// <summary>Creates a user with password <see cref="DemoData.Password"/> and returns them as an actor.</summary>
    public async Task<Actor> CreateUserAsync(string email, string role, int? clientId)
    {
        await using var scope = _root.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = email.Split('@')[0],
            ClientId = clientId,
            CreatedAtUtc = Clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user, DemoData.Password);
        created.Succeeded.Should().BeTrue(string.Join(" ", created.Errors.Select(e => e.Description)));
        (await users.AddToRoleAsync(user, role)).Succeeded.Should().BeTrue();
        return new Actor(user.Id, role, clientId);
    }

    public async Task<int> CreateTicketAsync(int clientId, string? requesterId, string title = "Something is broken",
        TicketStatus status = TicketStatus.New)
    {
        await using var db = await OpenDbAsync();
        var now = Clock.GetUtcNow().UtcDateTime;
        var ticket = new Ticket
        {
            Number = (db.Tickets.Max(t => (int?)t.Number) ?? Ticket.FirstNumber - 1) + 1,
            ClientId = clientId,
            RequesterId = requesterId,
            Title = title,
            Description = title,
            Type = TicketType.Troubleshooting,
            SupportTypeId = KtPortal.Domain.SupportTypes.SupportType.TroubleshootingId,
            Status = status,
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
        };
        db.Tickets.Add(ticket);
        await db.SaveChangesAsync();
        return ticket.Number;
    }

    private static string Slug(string name) => new([.. name.ToLowerInvariant().Where(char.IsLetterOrDigit)]);

    public async ValueTask DisposeAsync()
    {
        await _root.DisposeAsync();
        await _keepAlive.DisposeAsync();
        if (Directory.Exists(AttachmentRoot))
        {
            Directory.Delete(AttachmentRoot, recursive: true);
        }
    }
}

/// <summary>The request address every domain test's changes come from (TEST-NET-3, reserved for documentation).</summary>
public sealed class TestAuditOrigin : KtPortal.Domain.Audit.IAuditOrigin
{
    public const string Address = "203.0.113.9";

    public string? IpAddress => Address;
}
