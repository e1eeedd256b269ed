using System.Text;
using KtPortal.Domain.Common;
using KtPortal.Domain.Email.Outbound;
using KtPortal.Domain.Invoices;
using KtPortal.Domain.Notifications;
using KtPortal.Domain.Reports;
using KtPortal.Domain.Reports.Monthly;
using KtPortal.Domain.Tickets;
using KtPortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Tests.Domain.Reports;

/// <summary>
/// The monthly client report: the plans and tickets reports' figures for one closed period, only for staff and the
/// client's admins; sent once when the period closes to the admins who turned it on, with its PDF.
/// </summary>
public sealed class MonthlyClientReportTests : InvoiceTestBase
{
    private static readonly DateOnly November = new(2026, 11, 1);
    private static readonly DateOnly December = new(2026, 12, 1);

    private Task<ClientMonthlyReport?> ReportAsync(Actor actor, int clientId = 0, DateOnly? start = null) =>
        Host.WithAsync<ClientMonthlyReportQueries, ClientMonthlyReport?>(q => q.GetAsync(actor, clientId == 0 ? AcmeId : clientId, start ?? November));

    private Task<int> QueueAsync(DateOnly day) =>
        Host.WithAsync<MonthlyClientReports, int>(r => r.QueueAsync(NewYorkMidnight(day).AddHours(13)));

    private Task OptInAsync(Actor admin, bool email = true, bool inApp = true) =>
        Host.WithAsync<NotificationPreferenceService>(s => s.SaveAsync(admin,
            [new NotificationChoice(NotificationEvent.MonthlyReport, "", "", email, inApp)]));

    /// <summary>November with a plan, overage, two tickets (one answered and resolved) and December's run closing it.</summary>
    private async Task CloseNovemberAsync()
    {
        await CreatePlanAsync(AcmeId, ExamplePlan());
        var fix = await TicketAsync(Alice);
        await LogAsync(fix, "10h30m");
        await TicketAsync(Carol, title: "Newsletter");
        Host.Clock.Advance(TimeSpan.FromHours(2));
        await Host.WithAsync<TicketConversationService, int>(s => s.AddCommentAsync(Staff, fix, "Fixed.", false));
        await Host.WithAsync<TicketService, StatusMove>(s => s.ChangeStatusAsync(Staff, fix, TicketStatus.Resolved));
        await RunAsync(NewYorkMidnight(Today).AddHours(12));
        SetToday(new DateOnly(2026, 12, 2));
        await RunAsync(NewYorkMidnight(December).AddHours(12));
    }

    [Fact]
    public async Task ShouldHoldThePlansAndTicketsReportsFigures_ForStaffAndTheClientsAdminsOnly()
    {
        await CloseNovemberAsync();

        var report = (await ReportAsync(Alice))!;

        var plans = await Host.WithAsync<PlanReportQueries, PlansReport>(q => q.PlansAsync(Staff, November, new DateOnly(2026, 11, 30), AcmeId));
        report.Hours.Should().Be(plans.Rows.Single());
        report.Hours.OverageMinutes.Should().Be(30);
        var tickets = await Host.WithAsync<TicketReportQueries, TicketsReport>(q => q.GetAsync(Staff, November, new DateOnly(2026, 11, 30), AcmeId));
        (report.TicketsRaised, report.TicketsResolved, report.Times).Should().Be((2, 1, tickets.Overall));
        report.Times.MedianFirstResponseMinutes.Should().Be(120);
        report.ResponsesOnTime.Should().Be("50% (1 of 2)", "the fix was answered in two hours; the newsletter was never answered and is overdue");
        var rows = await Host.WithAsync<SlaAttainmentQueries, IReadOnlyList<SlaAttainmentRow>>(q => q.GetAsync(Staff, November, new DateOnly(2026, 11, 30), AcmeId));
        report.ServiceLevels.Should().BeEquivalentTo(rows, "the same figures as the tickets report's service levels");
        report.Invoices.Select(i => i.Kind).Should().BeEquivalentTo([InvoiceKind.PlanFee, InvoiceKind.Usage]);
        (await ReportAsync(Staff)).Should().NotBeNull();
        (await ReportAsync(Carol)).Should().BeNull("a client user is not the client's admin");
        (await ReportAsync(Bob)).Should().BeNull("Birch's admin never sees Acme");
        (await ReportAsync(Alice, start: new DateOnly(2026, 10, 1))).Should().BeNull("there was no October period");

        var pdf = ClientReportRenderer.RenderPdf(report, new AgencyProfile(), logo: null);
        Encoding.ASCII.GetString(pdf, 0, 5).Should().Be("%PDF-");
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text)).Should().Contain("50% (1 of 2)");
    }

    [Fact]
    public async Task ShouldSendOnceWhenThePeriodCloses_ToTheAdminsWhoTurnedItOn_WithThePdf()
    {
        var dana = await Host.CreateUserAsync("dana@acme.test", PortalRoles.ClientAdmin, AcmeId);
        await OptInAsync(Alice);
        await OptInAsync(Bob);
        (await Host.WithAsync<NotificationPreferenceService, IReadOnlyList<NotificationChoice>>(s => s.GetAsync(dana)))
            .Single(c => c.Event == NotificationEvent.MonthlyReport).Should().Match<NotificationChoice>(c => !c.Email && !c.InApp, "it is off until turned on");
        (await QueueAsync(Today)).Should().Be(0, "no period has closed yet");

        await CloseNovemberAsync();
        var first = await QueueAsync(new DateOnly(2026, 12, 2));
        var again = await QueueAsync(new DateOnly(2026, 12, 3));

        first.Should().Be(1, "Acme's November closed; Birch's November had nothing in it");
        again.Should().Be(0, "a report goes once");
        await using var db = await Host.OpenDbAsync();
        var mail = await db.OutboxMessages.Where(m => m.Kind == "monthly-report").ToListAsync();
        mail.Should().ContainSingle().Which.ToAddress.Should().Be("alice@acme.test", "Dana never turned it on; Carol is not an admin");
        mail[0].Attachment.Should().Be($"monthly-report:{AcmeId}:2026-11-01");
        (await db.Notifications.CountAsync(n => n.UserId == Alice.UserId && n.SourceKey == $"monthly-report:{AcmeId}:2026-11-01")).Should().Be(1);
        var attachments = await Host.WithAsync<IEnumerable<IOutboxAttachmentSource>, IReadOnlyList<OutgoingAttachment>>(async sources =>
            [.. (await Task.WhenAll(sources.Select(s => s.AttachmentsForAsync(mail[0], CancellationToken.None)))).SelectMany(a => a)]);
        attachments.Should().ContainSingle().Which.FileName.Should().Be("report-2026-11-01.pdf");
    }

    [Fact]
    public async Task ShouldNotSendABacklog_WhenTurnedOnLongAfterAPeriodClosed()
    {
        await OptInAsync(Alice);
        await CloseNovemberAsync();

        (await QueueAsync(new DateOnly(2026, 12, 9))).Should().Be(0, $"November closed more than {MonthlyClientReports.RecentDays} days before");
    }
}
