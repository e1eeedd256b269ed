using KtPortal.Domain.Common;
using KtPortal.Domain.Invoices.Rendering;

namespace KtPortal.Domain.Reports.Monthly;

/// <summary>The monthly report as a PDF, drawn the way invoices are.</summary>
public static class ClientReportRenderer
{
    public static byte[] RenderPdf(ClientMonthlyReport report, AgencyProfile agency, byte[]? logo)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(agency);
        return InvoiceRenderer.Pdf(new ClientReportComposer(report, agency, logo).Compose(), $"Monthly report for {report.ClientName}", agency.Name);
    }
}
