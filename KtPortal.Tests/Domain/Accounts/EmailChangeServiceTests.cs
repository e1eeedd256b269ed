using System.Text.RegularExpressions;
using KtPortal.Domain.Accounts;
using KtPortal.Domain.Audit;
using KtPortal.Domain.Common;
using KtPortal.Domain.Seeding;
using KtPortal.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Domain.Accounts;

/// <summary>Changing one's e-mail: the current password to ask, a link to the new address to confirm, a notice to the old.</summary>
public sealed partial class EmailChangeServiceTests : DomainTestBase
{
    private const string NewAddress = "carol.new@acme.test";
    private Actor _carol = null!;

    protected override async Task SeedAsync()
    {
        var acme = await Host.CreateClientAsync("Acme Dental");
        _carol = await Host.CreateUserAsync("carol@acme.test", PortalRoles.ClientUser, acme);
        await Host.CreateUserAsync("bob@birch.test", PortalRoles.ClientUser, acme);
    }

    private Task RequestAsync(string email = NewAddress, string password = DemoData.Password) =>
        Host.WithAsync<EmailChangeService>(s => s.RequestAsync(_carol.UserId, email, password));

    private Task<string> ConfirmAsync(string token) => Host.WithAsync<EmailChangeService, string>(s => s.ConfirmAsync(token));

    private async Task<List<(string To, string Kind, string Body)>> MailAsync()
    {
        await using var db = await Host.OpenDbAsync();
        var rows = await db.OutboxMessages.AsNoTracking().Where(m => m.Kind.StartsWith("email-change")).OrderBy(m => m.Id)
            .Select(m => new { m.ToAddress, m.Kind, m.BodyText }).ToListAsync();
        return [.. rows.Select(r => (r.ToAddress, r.Kind, r.BodyText))];
    }

    private async Task<string> LatestTokenAsync() =>
        Uri.UnescapeDataString(TokenInLink().Match((await MailAsync()).Last(m => m.Kind == "email-change-confirm").Body).Groups[1].Value);

    private async Task<PortalUser> CarolAsync()
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(_carol.UserId))!;
    }

    [Fact]
    public async Task ShouldMoveTheAccountToTheNewAddress_OnlyOnceItsLinkIsOpened_AndEndTheOtherSessions()
    {
        var stampBefore = (await CarolAsync()).SecurityStamp;
        await RequestAsync(" Carol.New@acme.test ");

        var mail = await MailAsync();
        mail.Select(m => (m.To, m.Kind)).Should().Equal(("Carol.New@acme.test", "email-change-confirm"), ("carol@acme.test", "email-change-notice"));
        mail[1].Body.Should().Contain("change your password");
        (await CarolAsync()).Email.Should().Be("carol@acme.test", "nothing changes before the link is opened");
        (await Host.WithAsync<EmailChangeService, EmailChangeService.Pending?>(s => s.PendingAsync(_carol.UserId)))!.NewEmail.Should().Be("Carol.New@acme.test");

        var token = await LatestTokenAsync();
        (await Host.WithAsync<EmailChangeService, string?>(s => s.PreviewAsync(token))).Should().Be("Carol.New@acme.test");
        (await ConfirmAsync(token)).Should().Be("Carol.New@acme.test");

        var carol = await CarolAsync();
        (carol.Email, carol.UserName).Should().Be(("Carol.New@acme.test", "Carol.New@acme.test"), "the sign-in name follows the address");
        carol.SecurityStamp.Should().NotBe(stampBefore, "every other session ends");
        await using var scope = Host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        (await users.FindByEmailAsync("carol.new@acme.test"))!.Id.Should().Be(_carol.UserId);
        (await users.FindByEmailAsync("carol@acme.test")).Should().BeNull();
        await using var db = await Host.OpenDbAsync();
        var row = await db.AuditEntries.SingleAsync(a => a.Kind == AuditKinds.EmailChanged);
        (row.ActorUserId, row.Before, row.After).Should().Be((_carol.UserId, "carol@acme.test", "Carol.New@acme.test"));

        var again = () => ConfirmAsync(token);
        await again.Should().ThrowAsync<DomainException>().WithMessage(EmailChangeService.LinkNotUsable);
    }

    [Theory]
    [InlineData("not-an-address", DemoData.Password, "NewEmail")]
    [InlineData("carol@acme.test", DemoData.Password, "NewEmail")]
    [InlineData("BOB@birch.test", DemoData.Password, "NewEmail")]
    [InlineData(NewAddress, "Wrong-Passw0rd!", "Password")]
    [InlineData(NewAddress, "", "Password")]
    public async Task ShouldRefuseABadAddressOrTheWrongPassword_AndSendNothing(string email, string password, string field)
    {
        var request = () => RequestAsync(email, password);

        (await request.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Keys.Should().Contain(field);
        (await MailAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task ShouldRefuseALinkThatWasReplaced_Cancelled_Expired_OrOutlivedAPasswordChange()
    {
        await RequestAsync();
        var replaced = await LatestTokenAsync();
        await RequestAsync("carol.other@acme.test");
        var current = await LatestTokenAsync();
        (await Host.WithAsync<EmailChangeService, string?>(s => s.PreviewAsync(replaced))).Should().BeNull("only the newest request counts");

        await using (var scope = Host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var carol = (await users.FindByIdAsync(_carol.UserId))!;
            (await users.ChangePasswordAsync(carol, DemoData.Password, "Chang3d-Passw0rd!")).Succeeded.Should().BeTrue();
        }

        var afterPasswordChange = () => ConfirmAsync(current);
        await afterPasswordChange.Should().ThrowAsync<DomainException>("changing the password cancels the request, as the notice says");

        await RequestAsync(NewAddress, "Chang3d-Passw0rd!");
        await Host.WithAsync<EmailChangeService>(s => s.CancelAsync(_carol.UserId));
        var cancelled = () => ConfirmAsync(current);
        await cancelled.Should().ThrowAsync<DomainException>();

        await RequestAsync(NewAddress, "Chang3d-Passw0rd!");
        var late = await LatestTokenAsync();
        Host.Clock.Advance(TimeSpan.FromHours(25));
        var expired = () => ConfirmAsync(late);
        await expired.Should().ThrowAsync<DomainException>();
        (await CarolAsync()).Email.Should().Be("carol@acme.test");
    }

    [Fact]
    public async Task ShouldKeepTheOldAddress_WhenAnotherAccountTookTheNewOneMeanwhile()
    {
        await RequestAsync();
        var token = await LatestTokenAsync();
        await Host.CreateUserAsync(NewAddress, PortalRoles.Staff, null);

        var confirm = () => ConfirmAsync(token);

        await confirm.Should().ThrowAsync<DomainException>().WithMessage("Another account took that address*");
        (await CarolAsync()).Email.Should().Be("carol@acme.test");
    }

    [GeneratedRegex(@"/Account/ConfirmEmailChange\?token=([A-Za-z0-9_%\-]+)", RegexOptions.NonBacktracking)]
    private static partial Regex TokenInLink();
}
