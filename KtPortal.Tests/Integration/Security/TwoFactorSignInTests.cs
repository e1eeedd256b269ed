using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using KtPortal.Domain.Seeding;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Integration.Security;

/// <summary>A staff member turns on an authenticator app, and from then on sign-in asks for its code.</summary>
public sealed partial class TwoFactorSignInTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    [Fact]
    public async Task ShouldAskForTheAuthenticatorCode_AfterStaffTurnsOnTwoFactorSignIn()
    {
        using var admin = PortalClient.Create(factory);
        await admin.SignInAsync(DemoData.AdminEmail);
        using var page = await admin.GetAsync("/Account/Manage/EnableAuthenticator");
        var html = await page.Content.ReadAsStringAsync();
        var key = SharedKeyPattern().Match(html).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        key.Should().NotBeNullOrEmpty();

        using var wrong = await admin.PostFormAsync("/Account/Manage/EnableAuthenticator", "send-code", new() { ["Input.Code"] = "000000" == Totp(key) ? "111111" : "000000" });
        (await wrong.Content.ReadAsStringAsync()).Should().Contain("Verification code is invalid");

        using var enabled = await admin.PostFormAsync("/Account/Manage/EnableAuthenticator", "send-code", new() { ["Input.Code"] = Totp(key) });
        enabled.StatusCode.Should().Be(HttpStatusCode.OK);
        (await enabled.Content.ReadAsStringAsync()).Should().Contain("recovery codes", "turning it on shows the recovery codes once");

        using var fresh = PortalClient.Create(factory);
        using var signIn = await fresh.PostSignInAsync(DemoData.AdminEmail, DemoData.Password);
        signIn.Headers.Location!.OriginalString.Should().Contain("Account/LoginWith2fa");
        using var board = await fresh.GetAsync("/board");
        board.StatusCode.Should().Be(HttpStatusCode.Redirect, "the password alone does not sign in any more");
    }

    [Fact]
    public async Task ShouldKeepThePersonSignedIn_AfterOpeningTheAuthenticatorSetup()
    {
        // Every request checks the security stamp, as a circuit's revalidation or the minute-long interval would.
        await using var strict = factory.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.Configure<Microsoft.AspNetCore.Identity.SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero)));
        using var staff = PortalClient.Create(strict);
        await staff.SignInAsync(DemoData.StaffEmail);

        using var setup = await staff.GetAsync("/Account/Manage/EnableAuthenticator");
        using var board = await staff.GetAsync("/board");

        setup.StatusCode.Should().Be(HttpStatusCode.OK);
        board.StatusCode.Should().Be(HttpStatusCode.OK, "showing a new authenticator key must not sign the person out");
    }

    /// <summary>RFC 6238 TOTP (SHA-1, 30 s, 6 digits), what an authenticator app shows for <paramref name="base32Key"/>.</summary>
    private static string Totp(string base32Key)
    {
        var key = FromBase32(base32Key);
        // The wall clock on purpose: the portal under test runs on the real clock, as a phone app would.
        var counter = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        var message = BitConverter.GetBytes(counter);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(message);
        }

#pragma warning disable CA5350 // RFC 6238 TOTP, as every authenticator app computes it, is HMAC-SHA1: the test plays that app.
        var hash = HMACSHA1.HashData(key, message);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] FromBase32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var output = new List<byte>();
        foreach (var c in text.ToUpperInvariant().TrimEnd('='))
        {
            value = (value << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(value >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. output];
    }

    [GeneratedRegex("<kbd>([a-z0-9 ]+)</kbd>")]
    private static partial Regex SharedKeyPattern();
}
