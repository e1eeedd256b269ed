using KtPortal.Domain.Accounts;
using KtPortal.Domain.Audit;
using KtPortal.Domain.Common;
using KtPortal.Domain.Seeding;
using KtPortal.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Domain.Accounts;

/// <summary>Admins invite the agency's own people, as staff or admin, through the same one-time link as a client's.</summary>
public sealed class StaffInvitationTests : DomainTestBase
{
    private Actor _admin = null!;
    private Actor _staff = null!;
    private Actor _alice = null!;

    protected override async Task SeedAsync()
    {
        _admin = await Host.CreateUserAsync("avery@kt.test", PortalRoles.Admin, null);
        _staff = await Host.CreateUserAsync("sam@kt.test", PortalRoles.Staff, null);
        var acme = await Host.CreateClientAsync("Acme Dental");
        _alice = await Host.CreateUserAsync("alice@acme.test", PortalRoles.ClientAdmin, acme);
    }

    private Task<CreatedInvitation> InviteAsync(Actor actor, string email = "robin@kt.test", string role = PortalRoles.Admin) =>
        Host.WithAsync<InvitationService, CreatedInvitation>(s => s.InviteStaffAsync(actor, new StaffInvitationRequest(email, "Robin", role)));

    [Fact]
    public async Task ShouldCreateAnAgencyAccountInTheInvitedRole_WithNoClient()
    {
        var invitation = await InviteAsync(_admin);
        (await Host.WithAsync<InvitationService, InvitationPreview?>(s => s.PreviewAsync(invitation.Token)))!.ClientName
            .Should().Be(new AgencyProfile().Name, "the invitee joins the agency itself");

        var userId = await Host.WithAsync<InvitationService, string>(s => s.AcceptAsync(invitation.Token, DemoData.Password));

        await using var scope = Host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByIdAsync(userId))!;
        user.ClientId.Should().BeNull();
        (await users.IsInRoleAsync(user, PortalRoles.Admin)).Should().BeTrue();
        await using var db = await Host.OpenDbAsync();
        (await db.OutboxMessages.SingleAsync(m => m.Kind == "invitation")).ToAddress.Should().Be("robin@kt.test");
        (await db.AuditEntries.SingleAsync(a => a.Kind == AuditKinds.PersonInvited)).After.Should().Be("Robin, Admin");
    }

    [Fact]
    public async Task ShouldLetOnlyAdminsInviteOrWithdraw_AndListTheAgencysPendingOnes()
    {
        foreach (var actor in new[] { _staff, _alice })
        {
            var invite = () => InviteAsync(actor);
            await invite.Should().ThrowAsync<NotFoundException>();
        }

        var invitation = await InviteAsync(_admin);
        (await Host.WithAsync<InvitationService, IReadOnlyList<InvitationListItem>>(s => s.ListPendingStaffAsync(_admin))).Should().ContainSingle();
        var withdrawByStaff = () => Host.WithAsync<InvitationService>(s => s.RevokeAsync(_staff, invitation.Id));
        await withdrawByStaff.Should().ThrowAsync<NotFoundException>();

        await Host.WithAsync<InvitationService>(s => s.RevokeAsync(_admin, invitation.Id));

        (await Host.WithAsync<InvitationService, IReadOnlyList<InvitationListItem>>(s => s.ListPendingStaffAsync(_admin))).Should().BeEmpty();
        var accept = () => Host.WithAsync<InvitationService, string>(s => s.AcceptAsync(invitation.Token, DemoData.Password));
        (await accept.Should().ThrowAsync<DomainException>()).Which.Message.Should().Contain("withdrawn");
    }

    [Theory]
    [InlineData("robin@kt.test", "ClientAdmin", "Role")]
    [InlineData("not an address", "Staff", "Email")]
    [InlineData("sam@kt.test", "Staff", "Email")]
    public async Task ShouldRefuseBadInput_WithAFieldMessage_AndSendNothing(string email, string role, string field)
    {
        var invite = () => InviteAsync(_admin, email, role);

        (await invite.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Should().ContainKey(field);
        await using var db = await Host.OpenDbAsync();
        (await db.OutboxMessages.AnyAsync(m => m.Kind == "invitation")).Should().BeFalse();
    }
}
