using System.Text.RegularExpressions;
using KtPortal.Domain.Seeding;
using Microsoft.Playwright;
using MimeKit;

namespace KtPortal.Tests.E2E;

/// <summary>
/// A locked-out client user gets back in: "Forgot your password?" on the sign-in page, the link from the e-mail (read
/// from the pickup folder, as the mail program would show it), a new password, sign in. The link works once.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed partial class PasswordResetE2ETests(PortalAppFixture app)
{
    private const string NewPassword = "Res3t-by-mail!";

    [Fact]
    public async Task ShouldLetALockedOutClientUserResetThePasswordByEmail_AndSignIn_WithALinkThatWorksOnce()
    {
        var page = await app.NewPageAsync(390, 844);
        try
        {
            await LockOutAsync(page, DemoData.CarolEmail);

            var link = await RequestLinkAsync(page, DemoData.CarolEmail);
            await page.GotoAsync(link);
            await page.FillAsync("#Input\\.Password", NewPassword);
            await page.FillAsync("#Input\\.ConfirmPassword", NewPassword);
            await page.ClickAsync("button[type=submit]");

            await Assertions.Expect(page.GetByTestId("reset-done")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#Input\\.Email")).ToHaveValueAsync(DemoData.CarolEmail);
            await page.FillAsync("#Input\\.Password", NewPassword);
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync("**/dashboard");

            await page.GotoAsync(link);
            await Assertions.Expect(page.GetByTestId("reset-unusable")).ToContainTextAsync("expired or was already used");
        }
        finally
        {
            // Put the demo password back for the other tests (a second link: the first works once).
            await page.Context.ClearCookiesAsync();
            var back = await RequestLinkAsync(page, DemoData.CarolEmail);
            await page.GotoAsync(back);
            await page.FillAsync("#Input\\.Password", DemoData.Password);
            await page.FillAsync("#Input\\.ConfirmPassword", DemoData.Password);
            await page.ClickAsync("button[type=submit]");
            await Assertions.Expect(page.GetByTestId("reset-done")).ToBeVisibleAsync();
            await page.Context.CloseAsync();
        }
    }

    /// <summary>Five wrong passwords, as a person who forgot it would type them, until the portal says the account is locked.</summary>
    private static async Task LockOutAsync(IPage page, string email)
    {
        for (var attempt = 0; attempt < 10 && !page.Url.Contains("/Account/Lockout", StringComparison.OrdinalIgnoreCase); attempt++)
        {
            await page.GotoAsync("/Account/Login");
            await page.FillAsync("#Input\\.Email", email);
            await page.FillAsync("#Input\\.Password", "Wrong-passw0rd!");
            await page.ClickAsync("button[type=submit]");
            await page.WaitForLoadStateAsync();
        }

        await page.WaitForURLAsync("**/Account/Lockout");
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", DemoData.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/Account/Lockout"); // even the right password is refused while locked
    }

    /// <summary>From the sign-in page: "Forgot your password?", the address, and the link from the e-mail that arrives.</summary>
    private async Task<string> RequestLinkAsync(IPage page, string email)
    {
        var before = Directory.Exists(app.PickupDirectory) ? Directory.GetFiles(app.PickupDirectory, "*.eml").ToHashSet() : [];
        await page.GotoAsync("/Account/Login");
        await page.GetByTestId("forgot-password-link").ClickAsync();
        // Enhanced navigation changes the address before it swaps the page, and both forms have #Input.Email: wait
        // for the reset form itself and fill that one, or the sign-in form still on screen gets the address.
        await page.WaitForURLAsync("**/Account/ForgotPassword");
        var form = page.GetByTestId("forgot-form");
        await form.Locator("#Input\\.Email").FillAsync(email);
        await form.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("reset-sent")).ToContainTextAsync(email);

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            foreach (var file in Directory.Exists(app.PickupDirectory) ? Directory.GetFiles(app.PickupDirectory, "*.eml") : [])
            {
                if (before.Contains(file))
                {
                    continue;
                }

                var message = await MimeMessage.LoadAsync(file);
                if (message.To.Mailboxes.Any(m => m.Address == email) && (message.Subject ?? "").Contains("Reset your", StringComparison.Ordinal))
                {
                    // The link is absolute on the configured portal address; this test's portal runs on its own port.
                    return new Uri(ResetLink().Match(message.TextBody ?? "").Value).PathAndQuery;
                }
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"No reset e-mail for {email} appeared in {app.PickupDirectory}. App output:\n{app.Output}");
    }

    [GeneratedRegex(@"https?://[^\s]+/Account/ResetPassword\?token=[A-Za-z0-9_%\-]+", RegexOptions.NonBacktracking)]
    private static partial Regex ResetLink();
}
