using KtPortal.Domain.ServiceLevels;
using Quartz;

namespace KtPortal.Web.Jobs;

/// <summary>
/// Sends the service-level alerts that are due (at risk, breached). State-driven and claimed per ticket, so a run that
/// is late, repeated or on two instances at once sends each alert once.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class SlaAlertsJob(SlaAlerts alerts, ILogger<SlaAlertsJob> logger) : IJob
{
    public static readonly JobKey Key = new(nameof(SlaAlertsJob));

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        int sent;
        do
        {
            sent = await alerts.SendDueAsync(cancellationToken);
            if (sent > 0)
            {
                LogSent(logger, sent);
            }
        }
        while (sent > 0 && !cancellationToken.IsCancellationRequested);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Count} service-level alerts")]
    private static partial void LogSent(ILogger logger, int count);
}
