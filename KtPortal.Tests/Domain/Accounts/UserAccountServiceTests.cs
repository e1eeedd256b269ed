using KtPortal.Domain.Accounts;
using KtPortal.Domain.Common;
using KtPortal.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Domain.Accounts;

public sealed class UserAccountServiceTests : DomainTestBase
{
    private Actor _alice = null!;
    private Actor _carol = null!;
    private Actor _bob = null!;

    protected override async Task SeedAsync()
    {
        var acme = await Host.CreateClientAsync("Acme Dental");
        var birch = await Host.CreateClientAsync("Birch & Co");
        _alice = await Host.CreateUserAsync("alice@acme.test", PortalRoles.ClientAdmin, acme);
        _carol = await Host.CreateUserAsync("carol@acme.test", PortalRoles.ClientUser, acme);
        _bob = await Host.CreateUserAsync("bob@birch.test", PortalRoles.ClientAdmin, birch);
    }

    private async Task<PortalUser> LoadAsync(string id)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(id))!;
    }

    [Fact]
    public async Task ShouldChangeTheSecurityStampAndBlockSignIn_WhenStaffDeactivatesAUser()
    {
        var before = await LoadAsync(_carol.UserId);

        await Host.WithAsync<UserAccountService>(s => s.SetActiveAsync(DomainTestHost.StaffActor, _carol.UserId, active: false));

        var after = await LoadAsync(_carol.UserId);
        after.IsActive.Should().BeFalse();
        after.SecurityStamp.Should().NotBe(before.SecurityStamp);
        await using var scope = Host.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<IUserConfirmation<PortalUser>>();
        (await signIn.IsConfirmedAsync(scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>(), after)).Should().BeFalse();
    }

    [Fact]
    public async Task ShouldLetAClientAdminDeactivateOnlyTheirOwnClientsUsersAndNotThemselves()
    {
        await Host.WithAsync<UserAccountService>(s => s.SetActiveAsync(_alice, _carol.UserId, active: false));
        var otherClient = () => Host.WithAsync<UserAccountService>(s => s.SetActiveAsync(_alice, _bob.UserId, active: false));
        var self = () => Host.WithAsync<UserAccountService>(s => s.SetActiveAsync(_alice, _alice.UserId, active: false));
        var byClientUser = () => Host.WithAsync<UserAccountService>(s => s.SetActiveAsync(_carol, _alice.UserId, active: false));

        (await LoadAsync(_carol.UserId)).IsActive.Should().BeFalse();
        await otherClient.Should().ThrowAsync<NotFoundException>();
        await self.Should().ThrowAsync<DomainException>();
        await byClientUser.Should().ThrowAsync<NotFoundException>();
        (await LoadAsync(_bob.UserId)).IsActive.Should().BeTrue();
    }

    [Fact]
    public async Task ShouldLetTheUserSignInAgain_WhenReactivated()
    {
        await Host.WithAsync<UserAccountService>(s => s.SetActiveAsync(DomainTestHost.StaffActor, _carol.UserId, active: false));
        await Host.WithAsync<UserAccountService>(s => s.SetActiveAsync(DomainTestHost.StaffActor, _carol.UserId, active: true));

        (await LoadAsync(_carol.UserId)).IsActive.Should().BeTrue();
    }
}
