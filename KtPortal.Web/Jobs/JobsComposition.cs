using KtPortal.Domain.Data;
using Quartz;

namespace KtPortal.Web.Jobs;

/// <summary>
/// Quartz with an in-memory store by default: each instance runs every job, and every job is state-driven (it claims
/// its work with a unique key or a conditional update), so that is correct on any number of instances. With
/// <c>KtPortal:Jobs:Clustered=true</c> on SQL Server the instances share Quartz's ADO store instead and each firing runs
/// on one of them: less repeated work, same results. Quartz cannot cluster on SQLite.
/// </summary>
internal static class JobsComposition
{
    public static void AddPortalJobs(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var enabled = configuration.GetValue("KtPortal:Jobs:Enabled", true);
        var clustered = configuration.GetValue("KtPortal:Jobs:Clustered", false);
        if (clustered && database.Provider != DatabaseProvider.SqlServer)
        {
            throw new InvalidOperationException(
                "KtPortal:Jobs:Clustered needs KtPortal:Database:Provider=SqlServer: Quartz cannot cluster on SQLite. "
                + "Leave it off; the jobs are correct on several instances without it (docs/deployment.md).");
        }

        services.AddQuartz(quartz =>
        {
            if (clustered)
            {
                quartz.UsePersistentStore(store =>
                {
                    store.UseSqlServer(database.ConnectionString);
                    store.UseClustering(cluster =>
                    {
                        cluster.CheckinInterval = TimeSpan.FromSeconds(15);
                        cluster.CheckinMisfireThreshold = TimeSpan.FromSeconds(30);
                    });
                    store.UseSystemTextJsonSerializer();
                    // The QRTZ_ tables are created on first start when missing (the account needs CREATE TABLE then);
                    // a DBA can run Quartz's tables_sqlServer.sql instead and leave the account without it.
                    store.ProvisionSchema();
                });
            }

            quartz.AddJob<CloseResolvedTicketsJob>(job => job.WithIdentity(CloseResolvedTicketsJob.Key).StoreDurably());
            quartz.AddJob<RunBillingCycleJob>(job => job.WithIdentity(RunBillingCycleJob.Key).StoreDurably());
            quartz.AddJob<SendOutboxJob>(job => job.WithIdentity(SendOutboxJob.Key).StoreDurably());
            quartz.AddJob<ImportInboundFolderJob>(job => job.WithIdentity(ImportInboundFolderJob.Key).StoreDurably());
            quartz.AddJob<EstimateNewTicketsJob>(job => job.WithIdentity(EstimateNewTicketsJob.Key).StoreDurably());
            quartz.AddJob<SlaAlertsJob>(job => job.WithIdentity(SlaAlertsJob.Key).StoreDurably());
            quartz.AddJob<RaiseRecurringTicketsJob>(job => job.WithIdentity(RaiseRecurringTicketsJob.Key).StoreDurably());
            if (enabled)
            {
                quartz.AddTrigger(trigger => trigger.ForJob(RunBillingCycleJob.Key)
                    .WithIdentity("billing-cycle")
                    .StartAt(TimeProvider.System.GetUtcNow().AddSeconds(30))
                    .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(15)).RepeatForever()));
                quartz.AddTrigger(trigger => trigger.ForJob(SendOutboxJob.Key)
                    .WithIdentity("send-outbox")
                    .StartAt(TimeProvider.System.GetUtcNow().AddSeconds(5))
                    .WithSimpleSchedule(s => s.WithInterval(OutboxSendInterval(configuration)).RepeatForever()));
                quartz.AddTrigger(trigger => trigger.ForJob(ImportInboundFolderJob.Key)
                    .WithIdentity("import-inbound-folder")
                    .StartAt(TimeProvider.System.GetUtcNow().AddSeconds(10))
                    .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(30)).RepeatForever()));
                quartz.AddTrigger(trigger => trigger.ForJob(EstimateNewTicketsJob.Key)
                    .WithIdentity("estimate-new-tickets")
                    .StartAt(TimeProvider.System.GetUtcNow().AddSeconds(3))
                    .WithSimpleSchedule(s => s.WithInterval(EstimationSweepInterval(configuration)).RepeatForever()));
                quartz.AddTrigger(trigger => trigger.ForJob(SlaAlertsJob.Key)
                    .WithIdentity("sla-alerts")
                    .StartAt(TimeProvider.System.GetUtcNow().Add(SlaAlertInterval(configuration)))
                    .WithSimpleSchedule(s => s.WithInterval(SlaAlertInterval(configuration)).RepeatForever()));
                quartz.AddTrigger(trigger => trigger.ForJob(RaiseRecurringTicketsJob.Key)
                    .WithIdentity("raise-recurring-tickets")
                    .StartAt(TimeProvider.System.GetUtcNow().AddSeconds(40))
                    .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(15)).RepeatForever()));
                quartz.AddTrigger(trigger => trigger.ForJob(CloseResolvedTicketsJob.Key)
                    .WithIdentity("close-resolved-tickets")
                    // Quartz schedules on the real clock; the first run waits a minute so start-up stays quick.
                    .StartAt(TimeProvider.System.GetUtcNow().AddMinutes(1))
                    .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(15)).RepeatForever()));
            }
        });
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
    }

    private static TimeSpan OutboxSendInterval(IConfiguration configuration) =>
        configuration.GetValue("KtPortal:Email:SendInterval", new KtPortal.Domain.Email.EmailOptions().SendInterval);

    /// <summary>A minute: alerts are about minutes. Browser tests set it long and run the job when they move the clock.</summary>
    private static TimeSpan SlaAlertInterval(IConfiguration configuration) =>
        configuration.GetValue("KtPortal:ServiceLevels:AlertInterval", TimeSpan.FromMinutes(1));

    private static TimeSpan EstimationSweepInterval(IConfiguration configuration) =>
        (configuration.GetSection(KtPortal.Domain.Estimation.EstimationOptions.Section).Get<KtPortal.Domain.Estimation.EstimationOptions>()
            ?? new KtPortal.Domain.Estimation.EstimationOptions()).SweepInterval;
}
