using KtPortal.Domain.Common;
using KtPortal.Domain.Email.Outbound;
using KtPortal.Domain.Email;
using KtPortal.Domain.Tickets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KtPortal.Domain.InboundMail;

/// <summary>What one pass over the inbound folder did.</summary>
public sealed record InboundFolderResult(int Processed, int Rejected, int Left);

/// <summary>
/// For setups without SendGrid: every <c>.eml</c> dropped into <see cref="EmailOptions.InboundDirectory"/> goes through
/// the same pipeline as a webhook post, then moves to <c>processed/</c> (or <c>rejected/</c> when it is not a message).
/// A file whose processing fails (the database is down) stays where it is for the next pass; the Message-ID keeps a
/// file that was recorded but not yet moved from acting twice.
/// </summary>
public sealed class InboundFolderImporter(
    InboundMailService inbound, IOptions<EmailOptions> options, ContentRoot root, ILogger<InboundFolderImporter> logger)
{
    public string? Directory => string.IsNullOrWhiteSpace(options.Value.InboundDirectory)
        ? null
        : PickupFolderEmailSender.ResolvePath(options.Value.InboundDirectory, root);

    public async Task<InboundFolderResult> ImportAsync(CancellationToken cancellationToken = default)
    {
        var folder = Directory;
        if (folder is null || !System.IO.Directory.Exists(folder))
        {
            return new InboundFolderResult(0, 0, 0);
        }

        int processed = 0, rejected = 0, left = 0;
        foreach (var file in System.IO.Directory.EnumerateFiles(folder, "*.eml").Order(StringComparer.Ordinal).ToList())
        {
            try
            {
                var raw = await File.ReadAllBytesAsync(file, cancellationToken);
                if (raw.Length > options.Value.MaxInboundBytes)
                {
                    Move(file, "rejected");
                    rejected++;
                    continue;
                }

                var result = await inbound.ReceiveAsync(raw, InboundSource.Folder, cancellationToken: cancellationToken);
                var malformed = result.Outcome == InboundOutcome.Malformed;
                Move(file, malformed ? "rejected" : "processed");
                if (malformed)
                {
                    rejected++;
                }
                else
                {
                    processed++;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Inbound file {File} was left for the next pass", Path.GetFileName(file));
                left++;
            }
        }

        return new InboundFolderResult(processed, rejected, left);
    }

    private static void Move(string file, string subfolder)
    {
        var target = Path.Combine(Path.GetDirectoryName(file)!, subfolder);
        System.IO.Directory.CreateDirectory(target);
        File.Move(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
    }
}
