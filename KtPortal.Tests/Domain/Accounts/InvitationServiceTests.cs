using KtPortal.Domain.Accounts;
using KtPortal.Domain.Common;
using KtPortal.Domain.Seeding;
using KtPortal.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Domain.Accounts;

public sealed class InvitationServiceTests : DomainTestBase
{
    private int _acme;
    private int _birch;
    private Actor _alice = null!;

    protected override async Task SeedAsync()
    {
        _acme = await Host.CreateClientAsync("Acme Dental");
        _birch = await Host.CreateClientAsync("Birch & Co");
        _alice = await Host.CreateUserAsync("alice@acme.test", PortalRoles.ClientAdmin, _acme);
    }

    private Task<CreatedInvitation> InviteAsync(Actor actor, int clientId, string email = "dana@acme.test", string role = PortalRoles.ClientUser) =>
        Host.WithAsync<InvitationService, CreatedInvitation>(s => s.CreateAsync(actor, new InvitationRequest(clientId, email, "Dana", role)));

    private Task<string> AcceptAsync(string token, string password = DemoData.Password) =>
        Host.WithAsync<InvitationService, string>(s => s.AcceptAsync(token, password));

    [Fact]
    public async Task ShouldCreateAnActiveClientUserWhoCanSignIn_WhenTheInvitationIsAccepted()
    {
        var invitation = await InviteAsync(DomainTestHost.StaffActor, _acme);

        var userId = await AcceptAsync(invitation.Token);

        await using var scope = Host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByIdAsync(userId);
        user!.Email.Should().Be("dana@acme.test");
        user.ClientId.Should().Be(_acme);
        (await users.IsInRoleAsync(user, PortalRoles.ClientUser)).Should().BeTrue();
        (await users.CheckPasswordAsync(user, DemoData.Password)).Should().BeTrue();
    }

    [Fact]
    public async Task ShouldStoreOnlyAHashOfTheToken()
    {
        var invitation = await InviteAsync(DomainTestHost.StaffActor, _acme);

        await using var db = await Host.OpenDbAsync();
        var stored = db.Invitations.Single();
        stored.TokenHash.Should().NotBe(invitation.Token).And.HaveLength(64);
    }

    [Fact]
    public async Task ShouldRefuseAndCreateNoAccount_WhenTheInvitationHasExpired()
    {
        var invitation = await InviteAsync(DomainTestHost.StaffActor, _acme);
        Host.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));

        var preview = await Host.WithAsync<InvitationService, InvitationPreview?>(s => s.PreviewAsync(invitation.Token));
        var accept = () => AcceptAsync(invitation.Token);

        preview!.State.Should().Be(InvitationState.Expired);
        (await accept.Should().ThrowAsync<DomainException>()).Which.Message.Should().Contain("expired");
        await using var db = await Host.OpenDbAsync();
        db.Users.Should().NotContain(u => u.Email == "dana@acme.test");
    }

    [Fact]
    public async Task ShouldWorkOnlyOnce_WhenTheSameLinkIsUsedTwice()
    {
        var invitation = await InviteAsync(DomainTestHost.StaffActor, _acme);
        await AcceptAsync(invitation.Token);

        var again = () => AcceptAsync(invitation.Token);

        (await again.Should().ThrowAsync<DomainException>()).Which.Message.Should().Contain("already been used");
    }

    [Fact]
    public async Task ShouldKeepTheInvitationUsable_WhenThePasswordBreaksThePolicy()
    {
        var invitation = await InviteAsync(DomainTestHost.StaffActor, _acme);

        var weak = () => AcceptAsync(invitation.Token, "short");

        (await weak.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Should().ContainKey("Password");
        (await AcceptAsync(invitation.Token)).Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task ShouldLetAClientAdminInviteOnlyIntoTheirOwnClient()
    {
        var own = await InviteAsync(_alice, _acme, role: PortalRoles.ClientAdmin);
        var other = () => InviteAsync(_alice, _birch);

        own.Token.Should().NotBeNullOrEmpty();
        await other.Should().ThrowAsync<NotFoundException>();
    }

    [Fact]
    public async Task ShouldRefuse_WhenAClientUserInvitesOrAStaffRoleIsRequested()
    {
        var carol = await Host.CreateUserAsync("carol@acme.test", PortalRoles.ClientUser, _acme);

        var byCarol = () => InviteAsync(carol, _acme);
        var asStaff = () => InviteAsync(DomainTestHost.StaffActor, _acme, role: PortalRoles.Admin);

        await byCarol.Should().ThrowAsync<NotFoundException>();
        (await asStaff.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Should().ContainKey("Role");
    }

    [Fact]
    public async Task ShouldRefuse_WhenTheAddressAlreadyHasAnAccountOrIsNotAnAddress()
    {
        var existing = () => InviteAsync(DomainTestHost.StaffActor, _acme, email: "ALICE@acme.test");
        var garbage = () => InviteAsync(DomainTestHost.StaffActor, _acme, email: "alice at acme");

        (await existing.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Should().ContainKey("Email");
        (await garbage.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Should().ContainKey("Email");
    }

    [Fact]
    public async Task ShouldWithdrawTheEarlierLink_WhenTheSamePersonIsInvitedAgain()
    {
        var first = await InviteAsync(DomainTestHost.StaffActor, _acme);
        var second = await InviteAsync(DomainTestHost.StaffActor, _acme);

        var firstAccept = () => AcceptAsync(first.Token);

        (await firstAccept.Should().ThrowAsync<DomainException>()).Which.Message.Should().Contain("withdrawn");
        (await AcceptAsync(second.Token)).Should().NotBeNullOrEmpty();
        var pending = await Host.WithAsync<InvitationService, IReadOnlyList<InvitationListItem>>(s => s.ListPendingAsync(DomainTestHost.StaffActor, _acme));
        pending.Should().BeEmpty();
    }

    [Fact]
    public async Task ShouldAnswerNull_WhenTheTokenMatchesNothing()
    {
        (await Host.WithAsync<InvitationService, InvitationPreview?>(s => s.PreviewAsync("no-such-token"))).Should().BeNull();
        (await Host.WithAsync<InvitationService, InvitationPreview?>(s => s.PreviewAsync(null))).Should().BeNull();
        var accept = () => AcceptAsync("no-such-token");
        await accept.Should().ThrowAsync<NotFoundException>();
    }
}
