using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.Invoices;
using KtPortal.Domain.Invoices.Rendering;
using SkiaSharp;

namespace KtPortal.Domain.Reports.Monthly;

/// <summary>A client's monthly report on one page, in the invoice's style: hours, tickets, invoices.</summary>
internal sealed class ClientReportComposer(ClientMonthlyReport report, AgencyProfile agency, byte[]? logo) : DocumentComposer
{
    private const float InvoiceWhatX = Margin + 110;
    private const float InvoiceTotalRight = 430;

    protected override string RunningHead => $"{agency.Name} · monthly report · {report.ClientName} · {report.Title}";

    public IReadOnlyList<InvoicePage> Compose()
    {
        NewPage(first: true);
        Letterhead(agency, logo, "MONTHLY REPORT", report.ClientName, report.Title);
        Parties("REPORT FOR", report.ClientName, null, [("Period", report.Title), ("Plan", report.Hours.PlanName ?? "No maintenance plan")]);
        HoursSection();
        TicketsSection();
        InvoicesSection();
        return Finish($"Report {report.Title}", agency.Name, watermark: null);
    }

    private void HoursSection()
    {
        var hours = report.Hours;
        Text("Hours", Margin, _y, Bold(12), Ink);
        _y += 16;
        var sentence = hours.HasPlan
            ? $"{Hours.Format(hours.UsedMinutes)} of {Hours.Format(hours.IncludedMinutes)} plan hours used"
                + (hours.OverageMinutes > 0 ? $", {Hours.Format(hours.OverageMinutes)} beyond the plan." : ".")
            : $"No maintenance plan this period: {Hours.Format(hours.ChargedMinutes)} hours were billed at the rate card.";
        Text(sentence, Margin, _y, Regular(BodySize), Ink);
        _y += 20;
        Figures([
            ("Included", $"{Hours.FormatFixed(hours.IncludedMinutes)} h"), ("Used", $"{Hours.FormatFixed(hours.UsedMinutes)} h"),
            ("Beyond the plan", $"{Hours.FormatFixed(hours.OverageMinutes)} h"), ("Out of plan", $"{Hours.FormatFixed(hours.OutOfPlanMinutes)} h"),
        ]);
    }

    private void TicketsSection()
    {
        Text("Tickets", Margin, _y, Bold(12), Ink);
        _y += 20;
        Figures([
            ("Raised", report.TicketsRaised.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Resolved", report.TicketsResolved.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("First answer (median)", TicketsReport.Span(report.Times.MedianFirstResponseMinutes)),
            ("Resolution (median)", TicketsReport.Span(report.Times.MedianResolutionMinutes)),
        ]);
        if (report.ResponsesOnTime is not null || report.ResolutionsOnTime is not null)
        {
            Figures([
                ("First answer on time", report.ResponsesOnTime ?? "—"),
                ("Resolved on time", report.ResolutionsOnTime ?? "—"),
            ]);
        }
    }

    private void InvoicesSection()
    {
        Text("Invoices", Margin, _y, Bold(12), Ink);
        _y += 18;
        if (report.Invoices.Count == 0)
        {
            Text("No invoice for this period.", Margin, _y, Regular(BodySize), Muted);
            _y += 20;
            return;
        }

        Text("Number", Margin, _y, Bold(BodySize), Muted);
        Text("For", InvoiceWhatX, _y, Bold(BodySize), Muted);
        Text("Total", InvoiceTotalRight, _y, Bold(BodySize), Muted, SKTextAlign.Right);
        Text("Status", Right, _y, Bold(BodySize), Muted, SKTextAlign.Right);
        _y += 6;
        HorizontalRule(_y);
        _y += 14;
        foreach (var invoice in report.Invoices)
        {
            Text(invoice.Number, Margin, _y, Regular(BodySize), Ink);
            Text(invoice.Kind == InvoiceKind.PlanFee ? "Plan fee" : "Hours beyond the plan and out of plan", InvoiceWhatX, _y, Regular(BodySize), Ink);
            Text(Money.Format(invoice.TotalMinor, report.Currency), InvoiceTotalRight, _y, Regular(BodySize), Ink, SKTextAlign.Right);
            Text(invoice.Status.ToString(), Right, _y, Regular(BodySize), Ink, SKTextAlign.Right);
            _y += BodySize + LineGap + 6;
        }
    }

    /// <summary>A row of labelled figures across the page, right-aligned in equal columns.</summary>
    private void Figures(IReadOnlyList<(string Label, string Value)> figures)
    {
        var width = (Right - Margin) / figures.Count;
        for (var i = 0; i < figures.Count; i++)
        {
            var right = Margin + width * (i + 1);
            Text(figures[i].Label, right, _y, Bold(BodySize), Muted, SKTextAlign.Right);
            Text(figures[i].Value, right, _y + 16, Bold(14), Ink, SKTextAlign.Right);
        }

        _y += 44;
    }
}
