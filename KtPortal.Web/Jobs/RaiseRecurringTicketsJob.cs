using KtPortal.Domain.Recurring;
using Quartz;

namespace KtPortal.Web.Jobs;

/// <summary>
/// Raises the recurring maintenance tickets that are due, catching up what a stopped portal missed. Idempotent per
/// occurrence (a unique row commits with each ticket), so a late, repeated or concurrent run raises nothing twice.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class RaiseRecurringTicketsJob(RecurringTicketService recurring, ILogger<RaiseRecurringTicketsJob> logger) : IJob
{
    public static readonly JobKey Key = new(nameof(RaiseRecurringTicketsJob));

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var raised = await recurring.RaiseDueAsync(cancellationToken);
        if (raised > 0)
        {
            LogRaised(logger, raised);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Raised {Count} recurring tickets")]
    private static partial void LogRaised(ILogger logger, int count);
}
