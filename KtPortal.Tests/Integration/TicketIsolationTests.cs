using System.Net;
using KtPortal.Domain.Common;
using KtPortal.Domain.Seeding;
using KtPortal.Domain.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Integration;

/// <summary>
/// Tickets, replies and attachments across two clients, through real HTTP with real sign-ins: the other
/// client's ticket page and files are 404, internal notes and their files never reach a client.
/// </summary>
public sealed class TicketIsolationTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    private sealed record Fixture(string AcmeTicket, int PublicFile, int InternalFile, string BirchTicket, int BirchFile);

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Fixture? SharedFixture;

    /// <summary>One Acme ticket (raised by Alice, with a file, a reply and an internal note with a file) and one Birch ticket with a file.</summary>
    private async Task<Fixture> ArrangeAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (SharedFixture is not null && await ExistsAsync(SharedFixture.AcmeTicket))
            {
                return SharedFixture;
            }

            await using var scope = factory.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<KtPortal.Domain.Accounts.PortalUser>>();
            var alice = await ActorAsync(users, DemoData.AliceEmail, PortalRoles.ClientAdmin);
            var bob = await ActorAsync(users, DemoData.BobEmail, PortalRoles.ClientAdmin);
            var staff = await ActorAsync(users, DemoData.StaffEmail, PortalRoles.Staff);
            var tickets = services.GetRequiredService<TicketService>();
            var conversation = services.GetRequiredService<TicketConversationService>();
            var queries = services.GetRequiredService<TicketQueries>();

            var acme = await tickets.CreateAsync(alice, new NewTicketInput(TicketType.Troubleshooting, 1, "Acme secret outage", "Details only Acme may read"), [Upload("acme-plan.pdf", "%PDF acme")]);
            await conversation.AddCommentAsync(staff, acme, "Public reply to Acme", isInternal: false);
            await conversation.AddCommentAsync(staff, acme, "Internal: Acme is behind on payments", isInternal: true, [Upload("staff-notes.txt", "internal only")]);
            var birch = await tickets.CreateAsync(bob, new NewTicketInput(TicketType.Troubleshooting, 1, "Birch private issue", "Birch only"), [Upload("birch.txt", "birch data")]);

            var acmeConversation = (await queries.GetConversationAsync(staff, acme))!;
            var birchConversation = (await queries.GetConversationAsync(staff, birch))!;
            SharedFixture = new Fixture(
                TicketNumber.Format(acme),
                acmeConversation.TicketAttachments.Single().Id,
                acmeConversation.Comments.Single(c => c.IsInternal).Attachments.Single().Id,
                TicketNumber.Format(birch),
                birchConversation.TicketAttachments.Single().Id);
            return SharedFixture;
        }
        finally
        {
            Gate.Release();
        }
    }

    private async Task<bool> ExistsAsync(string number)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        if (!TicketNumber.TryParse(number, out var n))
        {
            return false;
        }

        return await scope.ServiceProvider.GetRequiredService<TicketQueries>().GetByNumberAsync(Actor.System, n) is { Title: "Acme secret outage" };
    }

    private static async Task<Actor> ActorAsync(Microsoft.AspNetCore.Identity.UserManager<KtPortal.Domain.Accounts.PortalUser> users, string email, string role)
    {
        var user = (await users.FindByEmailAsync(email))!;
        return new Actor(user.Id, role, user.ClientId);
    }

    private static AttachmentUpload Upload(string name, string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        return new AttachmentUpload(name, bytes.Length, _ => new MemoryStream(bytes));
    }

    private static string FileUrl(string ticket, int id) => $"/tickets/{ticket}/attachments/{id}";

    [Fact]
    public async Task ShouldServeTheTicketPageAndPublicFileToItsClient_WithoutTheInternalNote()
    {
        var f = await ArrangeAsync();
        using var alice = PortalClient.Create(factory);
        await alice.SignInAsync(DemoData.AliceEmail);

        using var page = await alice.GetAsync($"/tickets/{f.AcmeTicket}");
        using var file = await alice.GetAsync(FileUrl(f.AcmeTicket, f.PublicFile));

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.Should().Contain("Acme secret outage").And.Contain("Public reply to Acme").And.Contain("acme-plan.pdf");
        html.Should().NotContain("behind on payments").And.NotContain("staff-notes.txt").And.NotContain("Added an internal note");
        file.StatusCode.Should().Be(HttpStatusCode.OK);
        file.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        file.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        file.Content.Headers.ContentDisposition.FileNameStar.Should().Be("acme-plan.pdf");
        file.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        (await file.Content.ReadAsStringAsync()).Should().Be("%PDF acme");
    }

    [Fact]
    public async Task ShouldAnswer404ToAnotherClient_ForTheTicketItsFilesAndItsNotesFiles()
    {
        var f = await ArrangeAsync();
        using var bob = PortalClient.Create(factory);
        await bob.SignInAsync(DemoData.BobEmail);

        foreach (var path in new[]
        {
            $"/tickets/{f.AcmeTicket}",
            FileUrl(f.AcmeTicket, f.PublicFile),
            FileUrl(f.AcmeTicket, f.InternalFile),

            // His own ticket number with Acme's file id: the file must belong to that ticket.
            FileUrl(f.BirchTicket, f.PublicFile),
        })
        {
            using var response = await bob.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.NotFound, path);
            (await response.Content.ReadAsStringAsync()).Should().NotContain("acme", because: path);
        }

        using var own = await bob.GetAsync(FileUrl(f.BirchTicket, f.BirchFile));
        own.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ShouldAnswer404ToTheClient_ForAnInternalNotesFile_AndServeItToStaff()
    {
        var f = await ArrangeAsync();
        using var alice = PortalClient.Create(factory);
        await alice.SignInAsync(DemoData.AliceEmail);
        using var staff = PortalClient.Create(factory);
        await staff.SignInAsync(DemoData.StaffEmail);

        using var clientGets = await alice.GetAsync(FileUrl(f.AcmeTicket, f.InternalFile));
        using var staffGets = await staff.GetAsync(FileUrl(f.AcmeTicket, f.InternalFile));
        using var staffPage = await staff.GetAsync($"/tickets/{f.AcmeTicket}");

        clientGets.StatusCode.Should().Be(HttpStatusCode.NotFound);
        staffGets.StatusCode.Should().Be(HttpStatusCode.OK);
        (await staffGets.Content.ReadAsStringAsync()).Should().Be("internal only");
        (await staffPage.Content.ReadAsStringAsync()).Should().Contain("behind on payments");
    }

    [Fact]
    public async Task ShouldAnswer404ToAColleagueWhoIsNotCopied_AndSendAnonymousVisitorsToSignIn()
    {
        var f = await ArrangeAsync();
        using var carol = PortalClient.Create(factory);
        await carol.SignInAsync(DemoData.CarolEmail);
        using var anonymous = PortalClient.Create(factory);

        using var page = await carol.GetAsync($"/tickets/{f.AcmeTicket}");
        using var file = await carol.GetAsync(FileUrl(f.AcmeTicket, f.PublicFile));
        using var anonymousFile = await anonymous.GetAsync(FileUrl(f.AcmeTicket, f.PublicFile));

        page.StatusCode.Should().Be(HttpStatusCode.NotFound);
        file.StatusCode.Should().Be(HttpStatusCode.NotFound);
        anonymousFile.StatusCode.Should().Be(HttpStatusCode.Redirect);
        anonymousFile.Headers.Location!.OriginalString.Should().Contain("Account/Login");
    }

    [Fact]
    public async Task ShouldKeepAttachmentsOutsideWwwroot()
    {
        await ArrangeAsync();

        var files = Directory.GetFiles(factory.AttachmentsPath);
        files.Should().NotBeEmpty().And.OnlyContain(path => !path.Contains("wwwroot", StringComparison.Ordinal));
        files.Select(Path.GetFileName).Should().OnlyContain(name => name!.Length == 32 && !name.Contains('.', StringComparison.Ordinal));
    }
}
