using System.Globalization;
using KtPortal.Domain.Common;
using KtPortal.Domain.Email.Outbound;
using KtPortal.Domain.Invoices;

namespace KtPortal.Domain.Reports.Monthly;

/// <summary>The monthly report's PDF, drawn when the e-mail is sent from the figures as they are then.</summary>
internal sealed class ClientReportAttachments(ClientMonthlyReportQueries reports, InvoiceQueries invoices, AgencyProfile agency) : IOutboxAttachmentSource
{
    public async Task<IReadOnlyList<OutgoingAttachment>> AttachmentsForAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Attachment?.Split(':') is not ["monthly-report", var client, var start])
        {
            return [];
        }

        var report = await reports.GetAsync(Actor.System, int.Parse(client, NumberStyles.None, CultureInfo.InvariantCulture),
                DateOnly.ParseExact(start, "yyyy-MM-dd", CultureInfo.InvariantCulture), cancellationToken)
            ?? throw new EmailSendException($"The period of {row.Attachment} no longer exists; its report cannot be attached.", permanent: true);
        return [new OutgoingAttachment(report.FileName, "application/pdf", ClientReportRenderer.RenderPdf(report, agency, await invoices.AgencyLogoAsync(cancellationToken)))];
    }
}
