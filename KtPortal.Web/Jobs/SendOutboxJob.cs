using KtPortal.Domain.Email.Outbound;
using Quartz;

namespace KtPortal.Web.Jobs;

/// <summary>Sends due outbox messages every 30 seconds; see <see cref="OutboxSender"/> for retries and at-most-once.</summary>
[DisallowConcurrentExecution]
internal sealed class SendOutboxJob(OutboxSender sender, ILogger<SendOutboxJob> logger) : IJob
{
    public static readonly JobKey Key = new(nameof(SendOutboxJob));

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = await sender.SendDueAsync(cancellationToken);
        if (result.Sent + result.Retrying + result.Failed + result.Interrupted > 0)
        {
            logger.LogInformation("Outbox: {Sent} sent, {Retrying} to retry, {Failed} failed, {Interrupted} interrupted",
                result.Sent, result.Retrying, result.Failed, result.Interrupted);
        }
    }
}
