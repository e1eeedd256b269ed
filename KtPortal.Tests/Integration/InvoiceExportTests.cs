using System.Net;
using System.Text;
using KtPortal.Domain.Clients;
using KtPortal.Domain.Common;
using KtPortal.Domain.Invoices.CreditNotes;
using KtPortal.Domain.Seeding;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Integration;

/// <summary><c>/invoices/export</c> over HTTP: staff get the CSV journal, with formula-looking text escaped; anyone else gets 404.</summary>
public sealed class InvoiceExportTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    private const string Year = "/invoices/export?from=2026-01-01&to=2026-12-31";

    [Fact]
    public async Task ShouldGiveStaffTheJournal_WithTheHeaderTheDocsName_AndFormulasEscaped()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var birch = (await scope.ServiceProvider.GetRequiredService<ClientQueries>().ListAsync(Actor.System)).Single(c => c.Name == DemoData.BirchName).Id;
            await scope.ServiceProvider.GetRequiredService<CreditNoteService>().IssueStandaloneAsync(new Actor("export-test", PortalRoles.Staff, null),
                new StandaloneCreditNoteInput(birch, [new("=HYPERLINK(\"http://evil.test\",\"x\")", 3_00)], "@SUM(A1)"));
        }

        using var staff = PortalClient.Create(factory);
        await staff.SignInAsync(DemoData.StaffEmail);
        using var response = await staff.GetAsync(Year);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentDisposition!.FileNameStar.Should().Be("journal-2026-01-01-to-2026-12-31.csv");
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].TrimEnd('\r').Should().Be("Date,Type,Number,AppliesTo,Client,ClientEmail,Description,Account,Quantity,UnitAmount,NetAmount,TaxRate,TaxAmount,GrossAmount,Currency,DueDate,PaymentMethod,Reference");
        lines.Should().Contain(l => l.Contains(",Invoice,", StringComparison.Ordinal), "the demo's issued invoices are in the year");
        var credit = lines.Single(l => l.Contains("HYPERLINK", StringComparison.Ordinal));
        credit.Should().Contain("\"'=HYPERLINK(").And.Contain("'@SUM(A1)").And.NotContain(",=HYPERLINK");
    }

    [Fact]
    public async Task ShouldAnswer404ToClients_And400ToABadRange()
    {
        foreach (var email in new[] { DemoData.AliceEmail, DemoData.CarolEmail, DemoData.BobEmail })
        {
            using var client = PortalClient.Create(factory);
            await client.SignInAsync(email);
            using var response = await client.GetAsync(Year);
            response.StatusCode.Should().Be(HttpStatusCode.NotFound, email);
        }

        using var staff = PortalClient.Create(factory);
        await staff.SignInAsync(DemoData.StaffEmail);
        foreach (var bad in new[] { "/invoices/export?from=2026-13-01&to=2026-12-31", "/invoices/export?from=2026-12-31&to=2026-01-01", "/invoices/export?from=2020-01-01&to=2026-12-31", "/invoices/export?from=2026-01-01" })
        {
            using var response = await staff.GetAsync(bad);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, bad);
        }

        using var lastMonth = await staff.GetAsync("/invoices/export");
        lastMonth.StatusCode.Should().Be(HttpStatusCode.OK, "no range means last month");
    }
}
