using System.Security.Cryptography;
using KtPortal.Domain.Common;
using Microsoft.Extensions.Options;

namespace KtPortal.Domain.Tickets;

/// <summary>
/// Keeps attachment bytes. The file-system store is the default; Azure Blob Storage replaces it when configured
/// (several instances, no shared disk). Stored names are the store's own random hex names, never a user's file name.
/// </summary>
public interface IAttachmentStore
{
    /// <summary>
    /// Copies the stream into the store under a new random name and returns that name and the bytes written; past
    /// <paramref name="maxBytes"/> it keeps nothing and throws <see cref="AttachmentTooLargeException"/>.
    /// </summary>
    Task<(string StoredName, long SizeBytes)> SaveAsync(Stream content, long maxBytes, CancellationToken cancellationToken);

    /// <summary>Opens a stored file; <see cref="FileNotFoundException"/> when the store no longer has it.</summary>
    Task<Stream> OpenReadAsync(string storedName, CancellationToken cancellationToken);

    /// <summary>Removes a stored file; nothing happens when it is already gone.</summary>
    Task DeleteAsync(string storedName, CancellationToken cancellationToken);
}

/// <summary>Stores files in a folder outside wwwroot, each under a random name with no extension.</summary>
public sealed class FileSystemAttachmentStore(IOptions<AttachmentOptions> options, ContentRoot root) : IAttachmentStore
{
    public async Task<(string StoredName, long SizeBytes)> SaveAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        Directory.CreateDirectory(Folder);
        var storedName = StoredNames.New();
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

    public Task<Stream> OpenReadAsync(string storedName, CancellationToken cancellationToken) =>
        Task.FromResult<Stream>(new FileStream(PathFor(storedName), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true));

    public Task DeleteAsync(string storedName, CancellationToken cancellationToken)
    {
        File.Delete(PathFor(storedName));
        return Task.CompletedTask;
    }

    private string Folder => Path.GetFullPath(options.Value.Path, root.Path);

    private string PathFor(string storedName) => Path.Combine(Folder, StoredNames.Check(storedName));
}

/// <summary>The names stores give files: 32 random lower-case hex digits.</summary>
public static class StoredNames
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Stored names are ours (hex); anything else is refused rather than used as a path or blob name.</summary>
    public static string Check(string storedName) =>
        storedName is { Length: 32 } && storedName.All(char.IsAsciiHexDigitLower)
            ? storedName
            : throw new ArgumentException("Not a stored attachment name.", nameof(storedName));
}

public sealed class AttachmentTooLargeException() : Exception("The file is larger than the limit.");
