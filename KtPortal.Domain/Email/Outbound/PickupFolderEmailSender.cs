using System.Security.Cryptography;
using System.Text;
using KtPortal.Domain.Common;
using Microsoft.Extensions.Options;

namespace KtPortal.Domain.Email.Outbound;

/// <summary>
/// The default sender when no SendGrid key is set: writes each message as an <c>.eml</c> file that any mail client
/// opens. The file is written under a temporary name and moved into place, so a reader never sees half a message.
/// </summary>
public sealed class PickupFolderEmailSender(IOptions<EmailOptions> options, ContentRoot root, TimeProvider clock) : IEmailSender
{
    public string Directory => ResolvePath(options.Value.PickupDirectory, root);

    public async Task<string> SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var name = $"{clock.GetUtcNow():yyyyMMdd-HHmmss}-{FileSafe(email.MessageId)}.eml";
            var path = Path.Combine(Directory, name);
            var temporary = path + ".tmp";
            var message = OutgoingMime.Build(email, clock.GetUtcNow());
            await using (var file = File.Create(temporary))
            {
                await message.WriteToAsync(file, cancellationToken);
            }

            File.Move(temporary, path, overwrite: true);
            return $"written {name}";
        }
        catch (IOException ex)
        {
            throw new EmailSendException($"Could not write to the pickup folder: {ex.Message}", permanent: false, ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new EmailSendException($"Could not write to the pickup folder: {ex.Message}", permanent: false, ex);
        }
    }

    internal static string ResolvePath(string path, ContentRoot root) =>
        Path.IsPathRooted(path) ? path : Path.Combine(root.Path, path);

    private static string FileSafe(string messageId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(messageId));
        return Convert.ToHexString(hash, 0, 8).ToLowerInvariant();
    }
}
