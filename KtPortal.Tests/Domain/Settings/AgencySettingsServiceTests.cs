using KtPortal.Domain.Audit;
using KtPortal.Domain.Common;
using KtPortal.Domain.Invoices;
using KtPortal.Domain.Invoices.Rendering;
using KtPortal.Domain.Settings;
using KtPortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace KtPortal.Tests.Domain.Settings;

/// <summary>/settings/agency's rules: stored, validated, audited, live for the next invoice and e-mail, history kept.</summary>
public sealed class AgencySettingsServiceTests : InvoiceTestBase
{
    private Actor _admin = null!;

    protected override async Task SeedAsync()
    {
        await base.SeedAsync();
        _admin = await Host.CreateUserAsync("owner@agency.test", PortalRoles.Admin, null);
    }

    private Task<AgencySettingsView> ViewAsync() => Host.WithAsync<AgencySettingsService, AgencySettingsView>(s => s.GetAsync(_admin));

    private async Task<Guid> SaveAsync(Func<AgencySettingsInput, AgencySettingsInput> change, Actor? actor = null)
    {
        var view = await ViewAsync();
        return await Host.WithAsync<AgencySettingsService, Guid>(s => s.SaveAsync(actor ?? _admin, change(view.Values), view.ConcurrencyStamp));
    }

    private async Task<int> IssueAdHocAsync()
    {
        var id = await Host.WithAsync<InvoiceService, int>(s => s.CreateDraftAsync(Staff,
            new InvoiceDraftInput(AcmeId, "Website work", null, [new InvoiceLineInput("Plugin licence", false, "1", 49.50m)])));
        await Host.WithAsync<InvoiceService>(async s => await s.IssueAsync(Staff, id, (await DocumentAsync(id))!.ConcurrencyStamp));
        return id;
    }

    internal static byte[] Png(int width = 64, int height = 24)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(new SKColor(0x1f, 0x4e, 0x79));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    [Fact]
    public async Task ShouldStartFromTheConfiguredValues_AndKeepThemInTheDatabase()
    {
        var view = await ViewAsync();
        var defaults = new AgencyProfile();
        view.Values.Name.Should().Be(defaults.Name);
        view.Values.InvoicePrefix.Should().Be("INV");
        view.Values.TimeZoneId.Should().Be(PortalSettings.DefaultTimeZoneId);
        view.Values.Currency.Should().Be("USD");
        view.LogoId.Should().BeNull();
        view.TimeZoneAndCurrencyLock.Should().BeNull("nothing has been billed yet");
        await using var db = await Host.OpenDbAsync();
        (await db.AgencySettings.CountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task ShouldShowTheNewNameAndBankDetailsOnTheNextInvoice_AndItsEmail_WhileAnIssuedInvoiceKeepsItsOwn()
    {
        var before = await IssueAdHocAsync();
        await SaveAsync(v => v with
        {
            Name = "Harbor Digital LLC",
            Address = "9 Pier Road\nBoston, MA 02110",
            BankName = "First Harbor Bank",
            BankAccountHolder = "Harbor Digital LLC",
            BankAccountNumber = "000123456789",
            BankRoutingNumber = "011000015",
        });

        Host.Get<AgencySettingsStore>().Agency.Name.Should().Be("Harbor Digital LLC", "the change applies at once, without a restart");
        var after = await IssueAdHocAsync();

        var old = (await DocumentAsync(before))!;
        old.Agency.Name.Should().Be(new AgencyProfile().Name, "an issued invoice never changes");
        old.Agency.Bank.BankName.Should().Be(new AgencyProfile().Bank.BankName);
        var fresh = (await DocumentAsync(after))!;
        fresh.Agency.Name.Should().Be("Harbor Digital LLC");
        fresh.Agency.AddressLines.Should().Equal("9 Pier Road", "Boston, MA 02110");
        fresh.Agency.Bank.Lines().Should().Contain(["Bank: First Harbor Bank", "Account number: 000123456789", "Routing number: 011000015"]);

        await using var db = await Host.OpenDbAsync();
        var mail = await db.OutboxMessages.Where(m => m.Kind == "invoice-issued").OrderByDescending(m => m.Id).FirstAsync();
        mail.Subject.Should().Contain("Harbor Digital LLC");
        mail.BodyHtml.Should().Contain("Harbor Digital LLC");
        var audit = await db.AuditEntries.SingleAsync(a => a.Kind == AuditKinds.AgencySettingsChanged);
        audit.ActorUserId.Should().Be(_admin.UserId);
        audit.Before.Should().Contain($"Name: {new AgencyProfile().Name}").And.Contain($"Bank: {new AgencyProfile().Bank.BankName}");
        audit.After.Should().Contain("Name: Harbor Digital LLC").And.Contain("Bank: First Harbor Bank");
        audit.IpAddress.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task ShouldNumberTheNextInvoiceWithTheNewPrefix_WithoutAGap()
    {
        var first = await IssueAdHocAsync();
        await SaveAsync(v => v with { InvoicePrefix = "HD" });
        var second = await IssueAdHocAsync();

        (await DocumentAsync(first))!.Number.Should().Be("INV-2026-0001");
        (await DocumentAsync(second))!.Number.Should().Be("HD-2026-0002", "the year's sequence carries on under the new prefix");
    }

    [Fact]
    public async Task ShouldRefuseBadValuesField_ByField_AndChangeNothing()
    {
        var view = await ViewAsync();
        var bad = view.Values with
        {
            Name = " ",
            Email = "not-an-address",
            InvoicePrefix = "INV 2026",
            DefaultPaymentTermsDays = 400,
            DefaultTaxRateBasisPoints = -1,
            TimeZoneId = "Mars/Olympus",
            Currency = "XYZ",
            PortalBaseUrl = "portal.example.com",
            BankIban = "GB82 WEST 1234 5698 7654 33",
            BankBic = "NOPE",
            Address = string.Join('\n', Enumerable.Range(1, 8).Select(i => $"Line {i}")),
            Phone = new string('5', AgencySettingsRules.PhoneMaxLength + 1),
            PaymentInstructions = new string('x', AgencySettingsRules.PaymentInstructionsMaxLength + 1),
            BankName = new string('b', AgencySettingsRules.BankFieldMaxLength + 1),
            BankAccountHolder = new string('h', AgencySettingsRules.BankFieldMaxLength + 1),
            BankAccountNumber = new string('1', AgencySettingsRules.BankFieldMaxLength + 1),
            BankRoutingNumber = new string('2', AgencySettingsRules.BankFieldMaxLength + 1),
        };

        var save = () => Host.WithAsync<AgencySettingsService, Guid>(s => s.SaveAsync(_admin, bad, view.ConcurrencyStamp));

        var errors = (await save.Should().ThrowAsync<ValidationFailedException>()).Which.Errors;
        errors.Keys.Should().BeEquivalentTo(
            nameof(AgencySettingsInput.Name), nameof(AgencySettingsInput.Email), nameof(AgencySettingsInput.InvoicePrefix),
            nameof(AgencySettingsInput.DefaultPaymentTermsDays), nameof(AgencySettingsInput.DefaultTaxRateBasisPoints),
            nameof(AgencySettingsInput.TimeZoneId), nameof(AgencySettingsInput.Currency), nameof(AgencySettingsInput.PortalBaseUrl),
            nameof(AgencySettingsInput.BankIban), nameof(AgencySettingsInput.BankBic), nameof(AgencySettingsInput.Address),
            nameof(AgencySettingsInput.Phone), nameof(AgencySettingsInput.PaymentInstructions), nameof(AgencySettingsInput.BankName),
            nameof(AgencySettingsInput.BankAccountHolder), nameof(AgencySettingsInput.BankAccountNumber), nameof(AgencySettingsInput.BankRoutingNumber));
        (await ViewAsync()).Values.Should().Be(view.Values);
        Host.Get<AgencySettingsStore>().Agency.Name.Should().Be(new AgencyProfile().Name);
    }

    [Theory]
    [InlineData("GB82 WEST 1234 5698 7654 32", true)]
    [InlineData("DE89370400440532013000", true)]
    [InlineData("GB82 WEST 1234 5698 7654 33", false)]
    [InlineData("82GB WEST 1234 5698 7654 32", false)]
    public void ShouldCheckAnIbanByItsCheckDigits(string iban, bool valid) =>
        AgencySettingsRules.IsIban(AgencySettingsRules.Compact(iban)).Should().Be(valid);

    [Fact]
    public async Task ShouldLockTheTimeZoneAndCurrency_OnceAnInvoiceExists()
    {
        await SaveAsync(v => v with { TimeZoneId = "Europe/London", Currency = "GBP" });
        Host.Get<AgencySettingsStore>().Portal.Currency.Should().Be("GBP", "nothing was billed, so both may change");
        Host.Get<AgencySettingsStore>().Portal.TimeZone.Id.Should().Be("Europe/London");

        await IssueAdHocAsync();
        var view = await ViewAsync();
        view.TimeZoneAndCurrencyLock.Should().Contain("Locked");
        var change = () => SaveAsync(v => v with { TimeZoneId = "America/Chicago", Currency = "EUR", Name = "Renamed" });

        var errors = (await change.Should().ThrowAsync<ValidationFailedException>()).Which.Errors;
        errors.Keys.Should().BeEquivalentTo(nameof(AgencySettingsInput.TimeZoneId), nameof(AgencySettingsInput.Currency));
        (await ViewAsync()).Values.Name.Should().NotBe("Renamed", "a refused save changes nothing");
    }

    [Fact]
    public async Task ShouldRefuseASaveOverSomeoneElsesChange()
    {
        var view = await ViewAsync();
        await SaveAsync(v => v with { Phone = "+1 207 555 0100" });

        var stale = () => Host.WithAsync<AgencySettingsService, Guid>(s => s.SaveAsync(_admin, view.Values with { Name = "Stale" }, view.ConcurrencyStamp));

        await stale.Should().ThrowAsync<ConcurrencyConflictException>();
        (await ViewAsync()).Values.Phone.Should().Be("+1 207 555 0100");
    }

    [Fact]
    public async Task ShouldShowTheSettingsToAdminsOnly()
    {
        var read = () => Host.WithAsync<AgencySettingsService, AgencySettingsView>(s => s.GetAsync(Staff));
        await read.Should().ThrowAsync<NotFoundException>();
        var write = () => SaveAsync(v => v with { Name = "Mine now" }, Alice);
        await write.Should().ThrowAsync<NotFoundException>();
        var logo = () => Host.WithAsync<AgencySettingsService, int>(s => s.SetLogoAsync(Staff, Png(), "logo.png"));
        await logo.Should().ThrowAsync<NotFoundException>();
    }

    [Fact]
    public async Task ShouldPutTheLogoOnTheNextInvoicePdf_AndItsEmail_AndKeepTheOldOneForIssuedInvoices()
    {
        var before = await IssueAdHocAsync();
        var logoId = await Host.WithAsync<AgencySettingsService, int>(s => s.SetLogoAsync(_admin, Png(), "harbor.png"));
        var after = await IssueAdHocAsync();

        var renderer = new InvoiceRenderer();
        var oldDocument = (await DocumentAsync(before))!;
        var newDocument = (await DocumentAsync(after))!;
        oldDocument.Logo.Should().BeNull("it was issued before the logo");
        newDocument.Logo.Should().Equal(Png());
        var withLogo = System.Text.Encoding.Latin1.GetString(renderer.RenderPdf(newDocument));
        var without = System.Text.Encoding.Latin1.GetString(renderer.RenderPdf(oldDocument));
        withLogo.Should().Contain("/Subtype /Image", "the logo is drawn into the PDF");
        without.Should().NotContain("/Subtype /Image");

        await using var db = await Host.OpenDbAsync();
        var mail = await db.OutboxMessages.Where(m => m.Kind == "invoice-issued").OrderByDescending(m => m.Id).FirstAsync();
        mail.BodyHtml.Should().Contain($"/agency/logo/{logoId}\"");
        (await Host.WithAsync<AgencySettingsService, (byte[], string)?>(s => s.GetLogoAsync(logoId)))!.Value.Item2.Should().Be("image/png");

        await Host.WithAsync<AgencySettingsService>(s => s.RemoveLogoAsync(_admin));
        (await ViewAsync()).LogoId.Should().BeNull();
        (await DocumentAsync(after))!.Logo.Should().NotBeNull("an issued invoice keeps the logo it was issued with");
        (await db.AuditEntries.CountAsync(a => a.Kind == AuditKinds.AgencySettingsChanged && a.Subject == "Agency logo")).Should().Be(2);
    }

    [Fact]
    public async Task ShouldRefuseALogoThatIsNotAPngOrJpeg_OrTooLarge_OrDamaged()
    {
        async Task<string> RefusedAsync(byte[] content, string name)
        {
            var upload = () => Host.WithAsync<AgencySettingsService, int>(s => s.SetLogoAsync(_admin, content, name));
            return (await upload.Should().ThrowAsync<ValidationFailedException>()).Which.Errors[AgencyLogoRules.Field].Single();
        }

        (await RefusedAsync("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray(), "logo.svg")).Should().Contain("SVG");
        (await RefusedAsync("GIF89a"u8.ToArray(), "logo.png")).Should().Contain("not a PNG or JPEG");
        (await RefusedAsync([.. Png().Take(40)], "cut.png")).Should().Contain("damaged");
        (await RefusedAsync(new byte[AgencyLogoRules.MaxBytes + 1], "huge.png")).Should().Contain("the most is 512 KB");
        (await RefusedAsync(Png(8, 8), "tiny.png")).Should().Contain("8 × 8 px");
        (await ViewAsync()).LogoId.Should().BeNull();
        await using var db = await Host.OpenDbAsync();
        (await db.AgencyLogos.CountAsync()).Should().Be(0);
    }
}
