using KtPortal.Domain.Accounts;
using KtPortal.Domain.Audit;
using KtPortal.Domain.Billing.Plans;
using KtPortal.Domain.Billing;
using KtPortal.Domain.Clients;
using KtPortal.Domain.Common;
using KtPortal.Domain.Email.Outbound;
using KtPortal.Domain.InboundMail;
using KtPortal.Domain.Invoices;
using KtPortal.Domain.Notifications;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;
using KtPortal.Domain.TimeTracking;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Data;

/// <summary>
/// The portal's one database. Each provider has a subclass (<see cref="SqliteKtPortalDbContext"/>,
/// <see cref="SqlServerKtPortalDbContext"/>) only so that each keeps its own migrations;
/// the services see this type through <c>IDbContextFactory&lt;KtPortalDbContext&gt;</c>.
/// </summary>
public abstract class KtPortalDbContext(DbContextOptions options) : IdentityDbContext<PortalUser>(options), IDataProtectionKeyContext
{
    /// <summary>
    /// ASP.NET Core's data-protection key ring (sign-in cookies, antiforgery, circuit state): in the database so every
    /// instance reads the same keys and a redeploy signs nobody out.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Client> Clients => Set<Client>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<PasswordReset> PasswordResets => Set<PasswordReset>();

    public DbSet<EmailChange> EmailChanges => Set<EmailChange>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<Ticket> Tickets => Set<Ticket>();

    public DbSet<TicketComment> TicketComments => Set<TicketComment>();

    public DbSet<TicketAttachment> TicketAttachments => Set<TicketAttachment>();

    public DbSet<TicketActivity> TicketActivities => Set<TicketActivity>();

    public DbSet<TicketWatcher> TicketWatchers => Set<TicketWatcher>();

    public DbSet<SupportType> SupportTypes => Set<SupportType>();

    public DbSet<Sequence> Sequences => Set<Sequence>();

    public DbSet<Plan> Plans => Set<Plan>();

    public DbSet<PlanTemplate> PlanTemplates => Set<PlanTemplate>();

    public DbSet<BillingPeriod> BillingPeriods => Set<BillingPeriod>();

    public DbSet<TimeEntry> TimeEntries => Set<TimeEntry>();

    public DbSet<Tickets.Stats.TicketDayStat> TicketDayStats => Set<Tickets.Stats.TicketDayStat>();

    public DbSet<RunningTimer> RunningTimers => Set<RunningTimer>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();

    public DbSet<InboundEmail> InboundEmails => Set<InboundEmail>();

    public DbSet<Invoice> Invoices => Set<Invoice>();

    public DbSet<InvoiceLine> InvoiceLines => Set<InvoiceLine>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<PaymentRefund> PaymentRefunds => Set<PaymentRefund>();

    public DbSet<CreditNote> CreditNotes => Set<CreditNote>();

    public DbSet<CreditNoteLine> CreditNoteLines => Set<CreditNoteLine>();

    public DbSet<ProcessedWebhookEvent> ProcessedWebhookEvents => Set<ProcessedWebhookEvent>();

    public DbSet<Estimation.TicketEstimate> TicketEstimates => Set<Estimation.TicketEstimate>();

    public DbSet<Estimation.TicketQuote> TicketQuotes => Set<Estimation.TicketQuote>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Settings.AgencySettingsRecord> AgencySettings => Set<Settings.AgencySettingsRecord>();

    public DbSet<Common.AgencyLogo> AgencyLogos => Set<Common.AgencyLogo>();

    public DbSet<ServiceLevels.SlaPolicy> SlaPolicies => Set<ServiceLevels.SlaPolicy>();

    public DbSet<ServiceLevels.TicketSlaPause> TicketSlaPauses => Set<ServiceLevels.TicketSlaPause>();

    public DbSet<ServiceLevels.BusinessHoursSettings> BusinessHours => Set<ServiceLevels.BusinessHoursSettings>();

    public DbSet<ServiceLevels.AgencyHoliday> AgencyHolidays => Set<ServiceLevels.AgencyHoliday>();

    public DbSet<Recurring.RecurringTicket> RecurringTickets => Set<Recurring.RecurringTicket>();

    public DbSet<CannedReplies.CannedReply> CannedReplies => Set<CannedReplies.CannedReply>();

    public DbSet<Recurring.RecurringOccurrence> RecurringOccurrences => Set<Recurring.RecurringOccurrence>();

    public DbSet<Tickets.TicketChecklistItem> TicketChecklistItems => Set<Tickets.TicketChecklistItem>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseAuditRewrites();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseAuditRewrites();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>The audit trail is append-only: a changed or removed row is a bug, and nothing of that save is kept.</summary>
    private void RefuseAuditRewrites()
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The audit trail is append-only: its rows are never changed or removed.");
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(KtPortalDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // Every DateTime is UTC; the converter restores the Kind that SQLite and SQL Server drop.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}

public sealed class SqliteKtPortalDbContext(DbContextOptions<SqliteKtPortalDbContext> options) : KtPortalDbContext(options);

public sealed class SqlServerKtPortalDbContext(DbContextOptions<SqlServerKtPortalDbContext> options) : KtPortalDbContext(options);
