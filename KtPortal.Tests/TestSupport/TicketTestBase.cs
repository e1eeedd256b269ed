using KtPortal.Domain.Common;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;

namespace KtPortal.Tests.TestSupport;

/// <summary>Two clients (Acme with an admin and a user, Birch with an admin), a staff member, and service shortcuts.</summary>
public abstract class TicketTestBase : DomainTestBase
{
    protected int AcmeId { get; private set; }

    protected int BirchId { get; private set; }

    protected Actor Staff { get; private set; } = null!;

    protected Actor Alice { get; private set; } = null!;

    protected Actor Carol { get; private set; } = null!;

    protected Actor Bob { get; private set; } = null!;

    protected override async Task SeedAsync()
    {
        AcmeId = await Host.CreateClientAsync("Acme Dental");
        BirchId = await Host.CreateClientAsync("Birch & Co");
        Staff = await Host.CreateUserAsync("sam@kt.test", PortalRoles.Staff, null);
        Alice = await Host.CreateUserAsync("alice@acme.test", PortalRoles.ClientAdmin, AcmeId);
        Carol = await Host.CreateUserAsync("carol@acme.test", PortalRoles.ClientUser, AcmeId);
        Bob = await Host.CreateUserAsync("bob@birch.test", PortalRoles.ClientAdmin, BirchId);
    }

    protected static NewTicketInput NewInput(string title = "Contact form broken", string description = "It does not send.") =>
        new(TicketType.Troubleshooting, SupportType.TroubleshootingId, title, description);

    protected Task<int> RaiseAsync(Actor actor, NewTicketInput? input = null, IReadOnlyList<AttachmentUpload>? files = null) =>
        Host.WithAsync<TicketService, int>(s => s.CreateAsync(actor, input ?? NewInput(), files));

    protected Task<TicketDetails?> GetAsync(Actor actor, int number) =>
        Host.WithAsync<TicketQueries, TicketDetails?>(q => q.GetByNumberAsync(actor, number));

    protected Task<TicketConversation?> ConversationAsync(Actor actor, int number) =>
        Host.WithAsync<TicketQueries, TicketConversation?>(q => q.GetConversationAsync(actor, number));

    protected Task<StatusMove> MoveAsync(Actor actor, int number, TicketStatus status, Guid? stamp = null) =>
        Host.WithAsync<TicketService, StatusMove>(s => s.ChangeStatusAsync(actor, number, status, stamp));

    protected Task<int> CommentAsync(Actor actor, int number, string body, bool isInternal = false, IReadOnlyList<AttachmentUpload>? files = null) =>
        Host.WithAsync<TicketConversationService, int>(s => s.AddCommentAsync(actor, number, body, isInternal, files));

    protected static AttachmentUpload File(string name, string content) => File(name, System.Text.Encoding.UTF8.GetBytes(content));

    protected static AttachmentUpload File(string name, byte[] bytes) => new(name, bytes.Length, _ => new MemoryStream(bytes));

    protected async Task<int> CountAsync<T>()
        where T : class
    {
        await using var db = await Host.OpenDbAsync();
        return db.Set<T>().Count();
    }
}
