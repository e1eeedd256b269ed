using Quartz;

namespace KtPortal.Web.Jobs;

/// <summary>Quartz with an in-memory store (one node); each job is state-driven, so frequent runs are cheap and safe.</summary>
internal static class JobsComposition
{
    public static void AddPortalJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var enabled = configuration.GetValue("KtPortal:Jobs:Enabled", true);
        services.AddQuartz(quartz =>
        {
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
