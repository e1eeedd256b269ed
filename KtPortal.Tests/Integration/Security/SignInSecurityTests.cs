using System.Net;
using KtPortal.Domain.Accounts;
using KtPortal.Domain.Clients;
using KtPortal.Domain.Common;
using KtPortal.Domain.Seeding;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Integration.Security;

public sealed class SignInSecurityTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    private async Task<string> UserIdAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var clients = await scope.ServiceProvider.GetRequiredService<ClientQueries>().ListAsync(Actor.System);
        foreach (var client in clients)
        {
            var users = await scope.ServiceProvider.GetRequiredService<KtPortal.Domain.Accounts.ClientUserQueries>().ListAsync(Actor.System, client.Id);
            if (users.FirstOrDefault(u => u.Email == email) is { } user)
            {
                return user.UserId;
            }
        }

        throw new InvalidOperationException($"No user {email}.");
    }

    [Theory]
    [InlineData(DemoData.AdminEmail, "/board")]
    [InlineData(DemoData.StaffEmail, "/board")]
    [InlineData(DemoData.AliceEmail, "/dashboard")]
    [InlineData(DemoData.CarolEmail, "/dashboard")]
    public async Task ShouldSendEachRoleToItsStartPage_WhenSignedIn(string email, string startPage)
    {
        using var client = PortalClient.Create(factory);
        await client.SignInAsync(email);

        using var home = await client.GetAsync("/");

        home.StatusCode.Should().Be(HttpStatusCode.Redirect);
        home.Headers.Location!.OriginalString.Should().EndWith(startPage);
        using var start = await client.GetAsync(startPage);
        start.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ShouldShowOneVagueMessage_WhenThePasswordIsWrongOrTheUserUnknown()
    {
        using var client = PortalClient.Create(factory);

        using var wrong = await client.PostSignInAsync(DemoData.StaffEmail, "Wrong123!");
        using var unknown = await client.PostSignInAsync("nobody@nowhere.test", "Wrong123!");

        wrong.StatusCode.Should().Be(HttpStatusCode.OK);
        (await wrong.Content.ReadAsStringAsync()).Should().Contain("The e-mail or password is not right.");
        (await unknown.Content.ReadAsStringAsync()).Should().Contain("The e-mail or password is not right.");
    }

    [Fact]
    public async Task ShouldLockTheAccount_AfterFiveWrongPasswords()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var invitations = scope.ServiceProvider.GetRequiredService<InvitationService>();
            var acme = (await scope.ServiceProvider.GetRequiredService<ClientQueries>().ListAsync(Actor.System)).First(c => c.Name == DemoData.AcmeName);
            var invitation = await invitations.CreateAsync(Actor.System, new InvitationRequest(acme.Id, "locked@acme.test", "Locked", PortalRoles.ClientUser));
            await invitations.AcceptAsync(invitation.Token, DemoData.Password);
        }

        using var client = PortalClient.Create(factory);
        for (var i = 0; i < 5; i++)
        {
            using var _ = await client.PostSignInAsync("locked@acme.test", "Wrong123!");
        }

        using var right = await client.PostSignInAsync("locked@acme.test", DemoData.Password);

        right.StatusCode.Should().Be(HttpStatusCode.Redirect);
        right.Headers.Location!.OriginalString.Should().Contain("Account/Lockout");
    }

    [Fact]
    public async Task ShouldRefuseSignIn_WhenTheUserIsDeactivated_AndAllowItAgainWhenReactivated()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var invitations = scope.ServiceProvider.GetRequiredService<InvitationService>();
            var birch = (await scope.ServiceProvider.GetRequiredService<ClientQueries>().ListAsync(Actor.System)).First(c => c.Name == DemoData.BirchName);
            var invitation = await invitations.CreateAsync(Actor.System, new InvitationRequest(birch.Id, "leaver@birch.test", "Leaver", PortalRoles.ClientUser));
            await invitations.AcceptAsync(invitation.Token, DemoData.Password);
        }

        var userId = await UserIdAsync("leaver@birch.test");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserAccountService>().SetActiveAsync(Actor.System, userId, active: false);
        }

        using var client = PortalClient.Create(factory);
        using var refused = await client.PostSignInAsync("leaver@birch.test", DemoData.Password);

        refused.StatusCode.Should().Be(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("deactivated");

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserAccountService>().SetActiveAsync(Actor.System, userId, active: true);
        }

        await client.SignInAsync("leaver@birch.test");
    }

    [Fact]
    public async Task ShouldCreateTheAccountAndSignIn_WhenAnInvitationLinkIsAccepted()
    {
        CreatedInvitation invitation;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var acme = (await scope.ServiceProvider.GetRequiredService<ClientQueries>().ListAsync(Actor.System)).First(c => c.Name == DemoData.AcmeName);
            invitation = await scope.ServiceProvider.GetRequiredService<InvitationService>()
                .CreateAsync(Actor.System, new InvitationRequest(acme.Id, "newhire@acme.test", "New Hire", PortalRoles.ClientUser));
        }

        var path = $"/Account/AcceptInvitation?token={Uri.EscapeDataString(invitation.Token)}";
        using var client = PortalClient.Create(factory);
        using var page = await client.GetAsync(path);
        (await page.Content.ReadAsStringAsync()).Should().Contain("Welcome, New Hire").And.Contain(DemoData.AcmeName);

        using var mismatch = await client.PostFormAsync(path, "accept-invitation", new() { ["Input.Password"] = DemoData.Password, ["Input.ConfirmPassword"] = "Other123!" });
        (await mismatch.Content.ReadAsStringAsync()).Should().Contain("The two passwords are not the same.");

        using var accepted = await client.PostFormAsync(path, "accept-invitation", new() { ["Input.Password"] = DemoData.Password, ["Input.ConfirmPassword"] = DemoData.Password });
        accepted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        using var dashboard = await client.GetAsync("/dashboard");
        dashboard.StatusCode.Should().Be(HttpStatusCode.OK);

        using var reused = await PortalClient.Create(factory).GetAsync(path);
        (await reused.Content.ReadAsStringAsync()).Should().Contain("already been used");
    }

    [Fact]
    public async Task ShouldNotOfferRegistration()
    {
        using var client = PortalClient.Create(factory);

        using var register = await client.GetAsync("/Account/Register");

        register.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}

/// <summary>A portal that allows three sign-in posts per minute per address.</summary>
public sealed class RateLimitedPortalWebFactory : PortalWebFactory
{
    protected override int SignInAttemptsPerMinute => 3;
}

public sealed class SignInRateLimitTests(RateLimitedPortalWebFactory factory) : IClassFixture<RateLimitedPortalWebFactory>
{
    [Fact]
    public async Task ShouldAnswer429_WhenOneAddressPostsTooManySignIns()
    {
        using var client = PortalClient.Create(factory);
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await client.PostSignInAsync($"guess{i}@acme.test", "Wrong123!");
            allowed.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var refused = await client.PostSignInAsync("guess4@acme.test", "Wrong123!");
        using var pageStillLoads = await client.GetAsync("/Account/Login");

        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("Too many sign-in attempts");
        pageStillLoads.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ShouldCountEveryPathThatReachesTheSignInHandler()
    {
        // Its own portal: the window of the class fixture is shared with the test above.
        await using var portal = new RateLimitedPortalWebFactory();
        using var client = PortalClient.Create(portal);
        foreach (var path in new[] { "/Account/Login/", "/account/LOGIN", "/ACCOUNT/login/" })
        {
            using var allowed = await client.PostSignInAsync("guess@acme.test", "Wrong123!", path);
            allowed.StatusCode.Should().Be(HttpStatusCode.OK, $"{path} shows the sign-in form");
            (await allowed.Content.ReadAsStringAsync()).Should().Contain("The e-mail or password is not right.", $"{path} reaches the sign-in handler");
        }

        using var refused = await client.PostSignInAsync("guess@acme.test", "Wrong123!");

        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the three posts above, whatever their spelling, used up the window");
    }
}

/// <summary>A portal that allows three sign-in posts per account per window, and many per address.</summary>
public sealed class AccountRateLimitedPortalWebFactory : PortalWebFactory
{
    protected override int SignInAttemptsPerAccount => 3;
}

public sealed class SignInAccountLimitTests(AccountRateLimitedPortalWebFactory factory) : IClassFixture<AccountRateLimitedPortalWebFactory>
{
    [Fact]
    public async Task ShouldRefuseMoreAttemptsOnOneAccount_WithoutLockingItOrTouchingOthers()
    {
        using var attacker = PortalClient.Create(factory);
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await attacker.PostSignInAsync(DemoData.CarolEmail.ToUpperInvariant(), "Wrong123!");
            (await wrong.Content.ReadAsStringAsync()).Should().Contain("The e-mail or password is not right.");
        }

        using var refused = await attacker.PostSignInAsync(DemoData.CarolEmail, DemoData.Password);

        refused.StatusCode.Should().Be(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("Too many sign-in attempts for this account");
        refused.Headers.Location.Should().BeNull("even the right password waits until the window has passed");
        using var someoneElse = PortalClient.Create(factory);
        await someoneElse.SignInAsync(DemoData.BobEmail);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PortalUser>>();
        var carol = await users.FindByEmailAsync(DemoData.CarolEmail);
        (await users.IsLockedOutAsync(carol!)).Should().BeFalse("three wrong passwords are below the lockout threshold, and the refused one never reached the check");
        (await users.GetAccessFailedCountAsync(carol!)).Should().Be(3);
    }
}
