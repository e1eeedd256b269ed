using KtPortal.Domain.Email.Templates;
using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;

namespace KtPortal.Domain.Invoices;

public static class InvoiceEmails
{
    public static EmailContent Issued(string agencyName, string clientName, string number, string title, long totalMinor, string currency, DateOnly dueDate, string url)
    {
        var total = Money.Format(totalMinor, currency);
        return new EmailContent($"Invoice {number} from {agencyName}: {total} due {BillingText.Date(dueDate)}",
            $"Invoice {number}: {total}",
            [$"Hello {clientName}, invoice {number} ({title}) for {total} is due on {BillingText.Date(dueDate)}. The PDF is attached."],
            "View and pay", url);
    }

    public static EmailContent PaymentReceived(string number, long totalMinor, string currency, string url)
    {
        var total = Money.Format(totalMinor, currency);
        return new EmailContent($"Payment received for invoice {number}: {total}",
            $"Thank you: {total} received",
            [$"We received {total} for invoice {number}. It is now marked paid."],
            "View the invoice", url);
    }

    public static EmailContent Overdue(string clientName, string number, long totalMinor, string currency, DateOnly dueDate, int daysLate, string url)
    {
        var total = Money.Format(totalMinor, currency);
        return new EmailContent($"Reminder: invoice {number} ({total}) is {daysLate} {(daysLate == 1 ? "day" : "days")} overdue",
            $"Invoice {number} is overdue",
            [
                $"Hello {clientName}, invoice {number} for {total} was due on {BillingText.Date(dueDate)}.",
                "If you have already paid, thank you and please ignore this reminder.",
            ],
            "Pay now", url);
    }
}
