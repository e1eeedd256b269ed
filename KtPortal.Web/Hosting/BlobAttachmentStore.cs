using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using KtPortal.Domain.Tickets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KtPortal.Web.Hosting;

/// <summary>Bound from <c>KtPortal:Attachments:Blob</c>: set a connection string to keep attachments in Azure Blob Storage.</summary>
public sealed class BlobStoreOptions
{
    /// <summary>An Azure Storage connection string (or Azurite's, for tests).</summary>
    public string? ConnectionString { get; set; }

    public string Container { get; set; } = "attachments";
}

/// <summary>
/// Attachments in Azure Blob Storage, one private blob per file under the store's random name, so every instance reads
/// what any instance saved and no shared disk is needed. The container is created (private) on first use. The size
/// limit is enforced on the bytes as they go up; a file past it is deleted and never listed.
/// </summary>
public sealed class BlobAttachmentStore(BlobContainerClient container) : IAttachmentStore
{
    private int _containerReady;

    public async Task<(string StoredName, long SizeBytes)> SaveAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        await EnsureContainerAsync(cancellationToken);
        var storedName = StoredNames.New();
        var blob = container.GetBlobClient(storedName);
        await using var limited = new LimitedReadStream(content, maxBytes);
        try
        {
            await blob.UploadAsync(limited, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" } }, cancellationToken);
        }
        catch
        {
            await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
            throw;
        }

        return (storedName, limited.BytesRead);
    }

    public async Task<Stream> OpenReadAsync(string storedName, CancellationToken cancellationToken)
    {
        try
        {
            return await container.GetBlobClient(StoredNames.Check(storedName)).OpenReadAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw new FileNotFoundException("The attachment's blob is not in the store.", storedName, ex);
        }
    }

    public async Task DeleteAsync(string storedName, CancellationToken cancellationToken) =>
        await container.GetBlobClient(StoredNames.Check(storedName)).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _containerReady) == 0)
        {
            await container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);
            Volatile.Write(ref _containerReady, 1);
        }
    }

    /// <summary>Reads through to the upload and stops it, with <see cref="AttachmentTooLargeException"/>, past the limit.</summary>
    private sealed class LimitedReadStream(Stream inner, long maxBytes) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            BytesRead += read;
            return BytesRead > maxBytes ? throw new AttachmentTooLargeException() : read;
        }
    }
}

/// <summary>Ready only while the attachments container answers: without it no upload or download can work.</summary>
internal sealed class BlobHealthCheck(BlobContainerClient container) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await container.GetPropertiesAsync(cancellationToken: cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Not created yet: the first upload creates it, and the account answered.
            return HealthCheckResult.Healthy("The attachments container is created with the first upload.");
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException or HttpRequestException)
        {
            return HealthCheckResult.Unhealthy("The attachments store does not answer.", ex);
        }
    }
}
