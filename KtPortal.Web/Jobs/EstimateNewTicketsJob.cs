using KtPortal.Domain.Estimation;
using Quartz;

namespace KtPortal.Web.Jobs;

/// <summary>Gives every open ticket without an estimate one (new tickets from the portal, e-mail or staff), a batch per run.</summary>
[DisallowConcurrentExecution]
internal sealed class EstimateNewTicketsJob(EstimationService estimation, ILogger<EstimateNewTicketsJob> logger) : IJob
{
    public static readonly JobKey Key = new(nameof(EstimateNewTicketsJob));

    public const int BatchSize = 20;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var made = await estimation.EstimatePendingAsync(BatchSize, cancellationToken);
        if (made > 0)
        {
            logger.LogInformation("Estimated {Count} new ticket(s)", made);
        }
    }
}
