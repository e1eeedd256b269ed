using System.Security.Cryptography;
using KtPortal.Domain.Common;
using Microsoft.Extensions.Options;

namespace KtPortal.Domain.Tickets;

/// <summary>Keeps attachment bytes. The file-system store is the default; a blob store can replace it.</summary>
public interface IAttachmentStore
{
    /// <summary>Copies the stream into the store under a new random name and returns that name and the bytes written.</summary>
    Task<(string StoredName, long SizeBytes)> SaveAsync(Stream content, long maxBytes, CancellationToken cancellationToken);

    Stream OpenRead(string storedName);

    void Delete(string storedName);
}

/// <summary>Stores files in a folder outside wwwroot, each under a random name with no extension.</summary>
public sealed class FileSystemAttachmentStore(IOptions<AttachmentOptions> options, ContentRoot root) : IAttachmentStore
{
    public async Task<(string StoredName, long SizeBytes)> SaveAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        Directory.CreateDirectory(Folder);
        var storedName = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var path = PathFor(storedName);
        long written = 0;
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            var buffer = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                written += read;
                if (written > maxBytes)
                {
                    // The declared size lied; never keep more than the limit.
                    throw new AttachmentTooLargeException();
                }

                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        catch
        {
            File.Delete(path);
            throw;
        }

        return (storedName, written);
    }

    public Stream OpenRead(string storedName) =>
        new FileStream(PathFor(storedName), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    public void Delete(string storedName) => File.Delete(PathFor(storedName));

    private string Folder => Path.GetFullPath(options.Value.Path, root.Path);

    private string PathFor(string storedName)
    {
        // Stored names are ours (hex); refuse anything else rather than touch another path.
        if (storedName.Length != 32 || !storedName.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("Not a stored attachment name.", nameof(storedName));
        }

        return Path.Combine(Folder, storedName);
    }
}

public sealed class AttachmentTooLargeException() : Exception("The file is larger than the limit.");
