using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs;
using KtPortal.Domain.Common;
using KtPortal.Domain.Seeding;
using KtPortal.Domain.Tickets;
using KtPortal.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Integration.Hosting;

/// <summary>
/// The portal with attachments in Azure Blob Storage (Azurite): a client's file goes to a blob, not the disk, comes back
/// to that client over HTTP, stays 404 to another client, and readiness checks the store.
/// </summary>
public sealed class BlobAttachmentsTests : IAsyncLifetime
{
    private AzuriteProcess _azurite = null!;

    public async Task InitializeAsync() => _azurite = await AzuriteProcess.StartAsync();

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task ShouldKeepAClientsFileInABlob_ServeItToThatClient_AndNotToAnother()
    {
        await using var factory = new BlobPortalFactory(_azurite.ConnectionString);
        string number;
        int fileId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<KtPortal.Domain.Accounts.PortalUser>>();
            var user = (await users.FindByEmailAsync(DemoData.AliceEmail))!;
            var actor = new Actor(user.Id, PortalRoles.ClientAdmin, user.ClientId);
            var bytes = "%PDF blob-backed"u8.ToArray();
            var ticket = await scope.ServiceProvider.GetRequiredService<TicketService>().CreateAsync(actor,
                new NewTicketInput(TicketType.Troubleshooting, 1, "Invoice scan", "See the file"), [new AttachmentUpload("scan.pdf", bytes.Length, _ => new MemoryStream(bytes))]);
            number = TicketNumber.Format(ticket);
            fileId = (await scope.ServiceProvider.GetRequiredService<TicketQueries>().GetConversationAsync(actor, ticket))!.TicketAttachments.Single().Id;
        }

        var blobs = new List<string>();
        await foreach (var blob in new BlobContainerClient(_azurite.ConnectionString, "attachments").GetBlobsAsync())
        {
            blobs.Add(blob.Name);
        }

        blobs.Should().ContainSingle().Which.Should().MatchRegex("^[0-9a-f]{32}$");
        Directory.Exists(factory.AttachmentsPath).Should().BeFalse("nothing went to the local disk");

        using var alice = PortalClient.Create(factory);
        await alice.SignInAsync(DemoData.AliceEmail);
        using var file = await alice.GetAsync($"/tickets/{number}/attachments/{fileId}");
        file.StatusCode.Should().Be(HttpStatusCode.OK);
        (await file.Content.ReadAsStringAsync()).Should().Be("%PDF blob-backed");

        using var bob = PortalClient.Create(factory);
        await bob.SignInAsync(DemoData.BobEmail);
        using var refused = await bob.GetAsync($"/tickets/{number}/attachments/{fileId}");
        refused.StatusCode.Should().Be(HttpStatusCode.NotFound);

        using var ready = await alice.GetAsync("/health/ready");
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("checks").GetProperty("attachments").GetProperty("status").GetString().Should().Be("Healthy");
    }

    private sealed class BlobPortalFactory(string connectionString) : PortalWebFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("KtPortal:Attachments:Blob:ConnectionString", connectionString);
        }
    }
}
