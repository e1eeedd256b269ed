using Azure.Storage.Blobs;
using KtPortal.Domain.Tickets;
using KtPortal.Tests.TestSupport;
using KtPortal.Web.Hosting;

namespace KtPortal.Tests.Web.Hosting;

/// <summary>The blob store against Azurite: what goes in comes out, past the limit nothing is kept, names are checked.</summary>
public sealed class BlobAttachmentStoreTests : IAsyncLifetime
{
    private AzuriteProcess _azurite = null!;
    private BlobContainerClient _container = null!;
    private BlobAttachmentStore _store = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync();
        _container = new BlobContainerClient(_azurite.ConnectionString, "attachments");
        _store = new BlobAttachmentStore(_container);
    }

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task ShouldKeepAFile_AndGiveItBack_AndDeleteIt()
    {
        var bytes = Enumerable.Range(0, 300_000).Select(i => (byte)(i % 251)).ToArray();

        var (name, size) = await _store.SaveAsync(new MemoryStream(bytes), maxBytes: 1_000_000, CancellationToken.None);

        size.Should().Be(bytes.Length);
        name.Should().MatchRegex("^[0-9a-f]{32}$");
        await using (var read = await _store.OpenReadAsync(name, CancellationToken.None))
        using (var copy = new MemoryStream())
        {
            await read.CopyToAsync(copy);
            copy.ToArray().Should().Equal(bytes);
        }

        (await _container.GetPropertiesAsync()).Value.PublicAccess.Should().Be(Azure.Storage.Blobs.Models.PublicAccessType.None, "attachments are never public");
        await _store.DeleteAsync(name, CancellationToken.None);
        await _store.DeleteAsync(name, CancellationToken.None);
        var gone = () => _store.OpenReadAsync(name, CancellationToken.None);
        await gone.Should().ThrowAsync<FileNotFoundException>();
    }

    [Fact]
    public async Task ShouldKeepNothing_WhenAFileIsLargerThanTheLimit()
    {
        var save = () => _store.SaveAsync(new MemoryStream(new byte[5_000]), maxBytes: 4_096, CancellationToken.None);

        await save.Should().ThrowAsync<AttachmentTooLargeException>();
        var left = new List<string>();
        await foreach (var blob in _container.GetBlobsAsync())
        {
            left.Add(blob.Name);
        }

        left.Should().BeEmpty();
    }

    [Fact]
    public async Task ShouldRefuseANameItDidNotGive()
    {
        var read = () => _store.OpenReadAsync("../other-container/secret", CancellationToken.None);

        await read.Should().ThrowAsync<ArgumentException>();
    }
}
