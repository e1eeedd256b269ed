using System.Text.RegularExpressions;
using KtPortal.Domain.Accounts;
using KtPortal.Domain.Common;
using KtPortal.Domain.Seeding;
using KtPortal.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Domain.Accounts;

/// <summary>"Forgot password?": one link by e-mail that works once, for an hour, and unlocks the account.</summary>
public sealed partial class PasswordResetServiceTests : DomainTestBase
{
    private const string NewPassword = "N3w-Passw0rd!";
    private Actor _carol = null!;

    protected override async Task SeedAsync()
    {
        var acme = await Host.CreateClientAsync("Acme Dental");
        _carol = await Host.CreateUserAsync("carol@acme.test", PortalRoles.ClientUser, acme);
    }

    private Task RequestAsync(string email) => Host.WithAsync<PasswordResetService>(s => s.RequestAsync(email));

    private Task<string> ResetAsync(string token, string password = NewPassword) =>
        Host.WithAsync<PasswordResetService, string>(s => s.ResetAsync(token, password));

    private async Task<List<string>> ResetMailAsync()
    {
        await using var db = await Host.OpenDbAsync();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == "password-reset").OrderBy(m => m.Id).Select(m => m.BodyText).ToListAsync();
    }

    private async Task<string> LatestTokenAsync()
    {
        var body = (await ResetMailAsync()).Last();
        return Uri.UnescapeDataString(TokenInLink().Match(body).Groups[1].Value);
    }

    private async Task<T> WithUsersAsync<T>(Func<UserManager<PortalUser>, PortalUser, Task<T>> read)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return await read(users, (await users.FindByIdAsync(_carol.UserId))!);
    }

    [Fact]
    public async Task ShouldMailALinkThatSetsTheNewPassword_AndUnlocksTheAccount()
    {
        await WithUsersAsync((users, user) => users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(15)));

        await RequestAsync("CAROL@acme.test ");
        var mail = (await ResetMailAsync()).Should().ContainSingle().Subject;
        mail.Should().Contain("/Account/ResetPassword?token=").And.Contain("works once");

        (await ResetAsync(await LatestTokenAsync())).Should().Be("carol@acme.test");

        (await WithUsersAsync((users, user) => users.CheckPasswordAsync(user, NewPassword))).Should().BeTrue();
        (await WithUsersAsync((users, user) => users.CheckPasswordAsync(user, DemoData.Password))).Should().BeFalse();
        (await WithUsersAsync((users, user) => users.IsLockedOutAsync(user))).Should().BeFalse("a reset lifts the lockout");
        await using var db = await Host.OpenDbAsync();
        var audited = await db.AuditEntries.SingleAsync(a => a.Kind == KtPortal.Domain.Audit.AuditKinds.PasswordReset);
        (audited.ActorUserId, audited.Subject).Should().Be((_carol.UserId, "carol@acme.test"));
    }

    [Fact]
    public async Task ShouldWorkOnce()
    {
        await RequestAsync("carol@acme.test");
        var token = await LatestTokenAsync();
        await ResetAsync(token);

        var again = () => ResetAsync(token, "An0ther-Passw0rd!");

        (await again.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be(PasswordResetService.LinkNotUsable);
        (await Host.WithAsync<PasswordResetService, bool>(s => s.IsUsableAsync(token))).Should().BeFalse();
        (await WithUsersAsync((users, user) => users.CheckPasswordAsync(user, NewPassword))).Should().BeTrue();
    }

    [Fact]
    public async Task ShouldExpireAfterAnHour()
    {
        await RequestAsync("carol@acme.test");
        var token = await LatestTokenAsync();

        Host.Clock.Advance(TimeSpan.FromHours(1));
        var late = () => ResetAsync(token);

        (await late.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be(PasswordResetService.LinkNotUsable);
        (await WithUsersAsync((users, user) => users.CheckPasswordAsync(user, DemoData.Password))).Should().BeTrue();
    }

    [Fact]
    public async Task ShouldSendNothing_ForAnUnknownOrDeactivatedAddress_OrTwiceWithinThePause_AndOnlyTheLatestLinkWorks()
    {
        await RequestAsync("nobody@acme.test");
        (await ResetMailAsync()).Should().BeEmpty();

        await RequestAsync("carol@acme.test");
        var first = await LatestTokenAsync();
        await RequestAsync("carol@acme.test");
        (await ResetMailAsync()).Should().HaveCount(1, "a second request within two minutes sends nothing");

        Host.Clock.Advance(TimeSpan.FromMinutes(3));
        await RequestAsync("carol@acme.test");
        (await ResetMailAsync()).Should().HaveCount(2);
        (await Host.WithAsync<PasswordResetService, bool>(s => s.IsUsableAsync(first))).Should().BeFalse("the newer link replaced it");

        await WithUsersAsync(async (users, user) =>
        {
            user.IsActive = false;
            return await users.UpdateAsync(user);
        });
        Host.Clock.Advance(TimeSpan.FromMinutes(3));
        await RequestAsync("carol@acme.test");
        (await ResetMailAsync()).Should().HaveCount(2, "a deactivated account gets no link");
        var latest = await LatestTokenAsync();
        var blocked = () => ResetAsync(latest);
        (await blocked.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be(PasswordResetService.LinkNotUsable);
    }

    [Fact]
    public async Task ShouldRefuseAWeakPasswordWithAFieldMessage_AndKeepTheLinkUsable()
    {
        await RequestAsync("carol@acme.test");
        var token = await LatestTokenAsync();

        var weak = () => ResetAsync(token, "short");

        (await weak.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Should().ContainKey("Password");
        (await Host.WithAsync<PasswordResetService, bool>(s => s.IsUsableAsync(token))).Should().BeTrue();
        await ResetAsync(token);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not an address")]
    public async Task ShouldRefuseAMalformedAddress_WithAFieldMessage(string email)
    {
        var request = () => RequestAsync(email);

        (await request.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Should().ContainKey("Email");
        (await ResetMailAsync()).Should().BeEmpty();
    }

    [GeneratedRegex(@"token=([A-Za-z0-9_%\-]+)", RegexOptions.NonBacktracking)]
    private static partial Regex TokenInLink();
}
