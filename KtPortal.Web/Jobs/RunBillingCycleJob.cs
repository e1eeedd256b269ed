using KtPortal.Domain.Invoices;
using Quartz;

namespace KtPortal.Web.Jobs;

/// <summary>
/// The billing cycle every 15 minutes: opens periods and issues plan fees, closes ended periods with their usage
/// invoices, keeps pending charges current and queues overdue reminders; then the monthly reports of periods it closed. <see cref="BillingCycle"/> works from the
/// database's state, so a missed, repeated or crashed run converges to the same invoices.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class RunBillingCycleJob(BillingCycle cycle, KtPortal.Domain.Reports.Monthly.MonthlyClientReports reports, TimeProvider clock) : IJob
{
    public static readonly JobKey Key = new(nameof(RunBillingCycleJob));

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = clock.GetUtcNow();
        await cycle.RunAsync(now, cancellationToken);
        await reports.QueueAsync(now, cancellationToken);
    }
}
