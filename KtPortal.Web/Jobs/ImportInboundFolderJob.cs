using KtPortal.Domain.InboundMail;
using Quartz;

namespace KtPortal.Web.Jobs;

/// <summary>Picks up .eml files dropped into the configured inbound folder every 30 seconds (setups without SendGrid).</summary>
[DisallowConcurrentExecution]
internal sealed class ImportInboundFolderJob(InboundFolderImporter importer, ILogger<ImportInboundFolderJob> logger) : IJob
{
    public static readonly JobKey Key = new(nameof(ImportInboundFolderJob));

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = await importer.ImportAsync(cancellationToken);
        if (result.Processed + result.Rejected + result.Left > 0)
        {
            logger.LogInformation("Inbound folder: {Processed} processed, {Rejected} rejected, {Left} left for the next pass",
                result.Processed, result.Rejected, result.Left);
        }
    }
}
