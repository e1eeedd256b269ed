using KtPortal.Domain.Tickets;
using Quartz;

namespace KtPortal.Web.Jobs;

/// <summary>
/// Closes resolved tickets that had no reply for 7 days. The service asks the database what is due, so a
/// missed or repeated run converges to the same state.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class CloseResolvedTicketsJob(TicketService tickets, ILogger<CloseResolvedTicketsJob> logger) : IJob
{
    public static readonly JobKey Key = new(nameof(CloseResolvedTicketsJob));

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        int closed;
        do
        {
            closed = await tickets.CloseStaleResolvedAsync(cancellationToken);
            if (closed > 0)
            {
                LogClosed(logger, closed);
            }
        }
        while (closed > 0 && !cancellationToken.IsCancellationRequested);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed {Count} resolved tickets after 7 days without a reply")]
    private static partial void LogClosed(ILogger logger, int count);
}
