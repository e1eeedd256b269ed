using System.Net;
using System.Text.RegularExpressions;
using KtPortal.Domain.Data;
using KtPortal.Domain.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Integration.Security;

/// <summary>The e-mail change as a person does it: ask on the account page, confirm from the link, sign in with the new address.</summary>
public sealed partial class EmailChangePagesTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    private const string NewAddress = "carol.moved@acme.test";

    [Fact]
    public async Task ShouldAskForThePassword_ConfirmFromTheLink_AndSignInWithTheNewAddressOnly()
    {
        using var carol = PortalClient.Create(factory);
        await carol.SignInAsync(DemoData.CarolEmail);

        using var wrong = await carol.PostFormAsync("/Account/Manage/Email", "change-email",
            new() { ["Input.NewEmail"] = NewAddress, ["Input.Password"] = "Wrong-Passw0rd!" });
        var wrongPage = await wrong.Content.ReadAsStringAsync();
        wrongPage.Should().Contain("That is not your current password.").And.Contain($"value=\"{NewAddress}\"", "the address typed stays");

        using var asked = await carol.PostFormAsync("/Account/Manage/Email", "change-email",
            new() { ["Input.NewEmail"] = NewAddress, ["Input.Password"] = DemoData.Password });
        asked.StatusCode.Should().Be(HttpStatusCode.Redirect);
        using var pending = await carol.GetAsync("/Account/Manage/Email");
        (await pending.Content.ReadAsStringAsync()).Should().Contain("data-testid=\"email-change-pending\"").And.Contain(NewAddress);

        var token = await TokenAsync();
        using var visitor = PortalClient.Create(factory);
        var confirmPath = $"/Account/ConfirmEmailChange?token={Uri.EscapeDataString(token)}";
        using var preview = await visitor.GetAsync(confirmPath);
        (await preview.Content.ReadAsStringAsync()).Should().Contain(NewAddress, "the page says which address it will use, and waits for the button");
        using var confirmed = await visitor.PostFormAsync(confirmPath, "confirm-email-change", []);
        confirmed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        confirmed.Headers.Location!.OriginalString.Should().Contain("reset=email");

        using var oldSession = await carol.GetAsync("/Account/Manage");
        oldSession.StatusCode.Should().Be(HttpStatusCode.Redirect, "the change ends the sessions that were open");
        oldSession.Headers.Location!.OriginalString.Should().Contain("/Account/Login");
        using var oldAddress = await PortalClient.Create(factory).PostSignInAsync(DemoData.CarolEmail, DemoData.Password);
        var signedInWithOld = oldAddress.StatusCode == HttpStatusCode.Redirect && !oldAddress.Headers.Location!.OriginalString.Contains("Login", StringComparison.Ordinal);
        signedInWithOld.Should().BeFalse("the old address no longer signs in");
        using var again = PortalClient.Create(factory);
        await again.SignInAsync(NewAddress);
        using var reused = await visitor.GetAsync(confirmPath);
        (await reused.Content.ReadAsStringAsync()).Should().Contain("data-testid=\"email-change-unusable\"", "the link works once");
    }

    private async Task<string> TokenAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<KtPortalDbContext>>().CreateDbContextAsync();
        var body = await db.OutboxMessages.Where(m => m.Kind == "email-change-confirm").OrderByDescending(m => m.Id).Select(m => m.BodyText).FirstAsync();
        return Uri.UnescapeDataString(TokenInLink().Match(body).Groups[1].Value);
    }

    [GeneratedRegex(@"/Account/ConfirmEmailChange\?token=([A-Za-z0-9_%\-]+)", RegexOptions.NonBacktracking)]
    private static partial Regex TokenInLink();
}
