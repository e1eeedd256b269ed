using KtPortal.Domain.Accounts;
using KtPortal.Domain.Billing.Plans;
using KtPortal.Domain.Billing;
using KtPortal.Domain.Clients;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Email;
using KtPortal.Domain.Invoices;
using KtPortal.Domain.Notifications;
using KtPortal.Domain.Seeding;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;
using KtPortal.Domain.TimeTracking;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Domain;

public static class DomainServiceCollectionExtensions
{
    /// <summary>The domain services; each feature adds its own line here.</summary>
    public static IServiceCollection AddKtPortalDomain(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IChangeNotifier, InProcessChangeNotifier>();
        // Agency and portal settings: one store, read per scope, so a saved change reaches the next request or page.
        services.TryAddSingleton(_ => new AgencySettingsStore(new AgencyProfile(), new PortalSettings()));
        services.TryAddScoped(sp => sp.GetRequiredService<AgencySettingsStore>().Portal);
        services.TryAddScoped(sp => sp.GetRequiredService<AgencySettingsStore>().Agency);
        services.AddScoped<Settings.AgencySettingsService>();
        services.AddScoped<DatabaseMigrator>();
        // Derived columns and summaries kept by the transaction that changes their source (see each keeper).
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, TimeTracking.TimeEntryKeeper>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, Tickets.Stats.TicketStatsKeeper>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, ServiceLevels.TicketSlaKeeper>();
        services.AddScoped<RoleSeeder>();
        services.AddScoped<DemoDataSeeder>();

        services.AddScoped<ClientService>();
        services.AddScoped<ClientQueries>();
        services.AddScoped<ClientUserQueries>();
        services.AddScoped<InvitationService>();
        services.AddScoped<PasswordResetService>();
        services.AddScoped<EmailChangeService>();
        services.TryAddScoped<Audit.IAuditOrigin, Audit.NoAuditOrigin>();
        services.AddScoped<Audit.AuditTrail>();
        services.AddScoped<AuditQueries>();
        services.AddScoped<SignInAudit>();
        services.AddScoped<PeopleService>();
        services.AddScoped<UserAccountService>();
        services.AddSingleton<UserSessionStore>();
        services.AddScoped<TicketQueries>();
        services.AddScoped<Search.GlobalSearchService>();
        services.AddScoped<CannedReplies.CannedReplyService>();
        services.AddScoped<TicketService>();
        services.AddScoped<TicketConversationService>();
        services.AddScoped<TicketAttachmentWriter>();
        services.TryAddSingleton<IAttachmentStore, FileSystemAttachmentStore>();
        services.TryAddSingleton(new ContentRoot(AppContext.BaseDirectory));
        services.AddOptions<AttachmentOptions>();
        services.AddScoped<SupportTypeQueries>();
        services.AddScoped<SupportTypeService>();
        services.AddScoped<BulkDataSeeder>();
        services.AddScoped<BulkPlanSeeder>();
        services.AddScoped<PlanService>();
        services.AddScoped<Billing.Consent.OverageConsentService>();
        services.AddScoped<PlanTemplateService>();
        services.AddScoped<IPeriodInvoices, PeriodInvoices>();
        services.AddScoped<PlanQueries>();
        services.AddScoped<UsageQueries>();
        services.AddScoped<TimeEntryService>();
        services.AddScoped<MyWeekQueries>();
        services.AddScoped<ITimeEntryBilling, TimeEntryBilling>();
        services.AddScoped<TimerService>();
        services.AddScoped<NotificationService>();
        services.AddScoped<NotificationPreferenceService>();
        services.AddOptions<EmailOptions>();
        services.AddSingleton<ReplyAddresses>();
        InboundMail.InboundMailReader.RegisterEncodings();
        services.AddScoped<Email.Outbound.OutboxSender>();
        services.AddScoped<Email.Outbound.OutboxAdminService>();
        services.AddScoped<InboundMail.InboundMailService>();
        services.AddScoped<InboundMail.InboundMailQueries>();
        services.AddScoped<InboundMail.InboundFolderImporter>();
        services.TryAddSingleton<Email.Outbound.IEmailSender>(sp =>
        {
            var options = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<EmailOptions>>();
            return string.IsNullOrWhiteSpace(options.Value.SendGridApiKey)
                ? ActivatorUtilities.CreateInstance<Email.Outbound.PickupFolderEmailSender>(sp)
                : ActivatorUtilities.CreateInstance<Email.Outbound.SendGridEmailSender>(sp);
        });
        services.TryAddScoped<IOnlinePayments, NoOnlinePayments>();
        services.AddScoped<InvoiceQueries>();
        services.AddScoped<Invoices.Statements.StatementQueries>();
        services.AddScoped<InvoiceService>();
        services.AddScoped<Invoices.CreditNotes.CreditNoteService>();
        services.AddScoped<Invoices.CreditNotes.CreditNoteQueries>();
        services.AddScoped<Invoices.Export.JournalQueries>();
        services.AddScoped<Reports.ReportQueries>();
        services.AddScoped<Reports.PlanReportQueries>();
        services.AddScoped<Reports.UtilizationQueries>();
        services.AddScoped<Reports.TicketReportQueries>();
        services.AddScoped<Reports.UsageHistoryQueries>();
        services.AddScoped<Reports.Monthly.ClientMonthlyReportQueries>();
        services.AddScoped<Reports.Monthly.MonthlyClientReports>();
        services.AddScoped<Email.Outbound.IOutboxAttachmentSource, Reports.Monthly.ClientReportAttachments>();
        services.AddScoped<InvoicePaymentService>();
        services.AddScoped<Email.Outbound.IOutboxAttachmentSource, InvoicePdfAttachments>();
        services.AddScoped<BillingCycle>();
        services.AddSingleton<Invoices.Ledger.InvoiceLedgerCheck>();
        services.AddSingleton<KtPortal.Domain.Invoices.Rendering.InvoiceRenderer>();
        services.AddSingleton<Estimation.LocalTicketEstimator>();
        services.TryAddSingleton<Estimation.ITicketEstimator>(sp => sp.GetRequiredService<Estimation.LocalTicketEstimator>());
        services.AddScoped<Estimation.EstimationService>();
        services.AddScoped<Estimation.EstimateQueries>();
        services.AddScoped<Estimation.QuoteQueries>();
        services.AddScoped<ServiceLevels.SlaAlerts>();
        services.AddScoped<Recurring.RecurringTicketService>();
        services.AddScoped<TicketChecklistService>();
        services.AddScoped<ServiceLevels.ServiceLevelService>();
        services.AddScoped<Reports.SlaAttainmentQueries>();
        return services;
    }
}
