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

    /// <summary>The receipt for one payment: what came in, and what is still due (or held as credit).</summary>
    public static EmailContent PaymentReceived(string number, long amountMinor, DateOnly receivedOn, long balanceMinor, long creditMinor, string currency, string url)
    {
        var amount = Money.Format(amountMinor, currency);
        var after = balanceMinor > 0
            ? $"{Money.Format(balanceMinor, currency)} is still due."
            : creditMinor > 0
                ? $"It is paid in full, and {Money.Format(creditMinor, currency)} more than the total is kept as your credit."
                : "It is now paid in full.";
        return new EmailContent($"Receipt: {amount} received for invoice {number}",
            $"Thank you: {amount} received",
            [$"We received {amount} on {BillingText.Date(receivedOn)} for invoice {number}. {after}", "The invoice, as it stands now, is attached."],
            "View the invoice", url);
    }

    /// <summary>A reminder names what is still due: the total, or the balance once part of it was paid.</summary>
    public static EmailContent Overdue(string clientName, string number, long totalMinor, long balanceMinor, string currency, DateOnly dueDate, int daysLate, string url)
    {
        var total = Money.Format(totalMinor, currency);
        var due = Money.Format(balanceMinor, currency);
        return new EmailContent($"Reminder: invoice {number} ({due} due) is {daysLate} {(daysLate == 1 ? "day" : "days")} overdue",
            $"Invoice {number} is overdue",
            [
                balanceMinor == totalMinor
                    ? $"Hello {clientName}, invoice {number} for {total} was due on {BillingText.Date(dueDate)}."
                    : $"Hello {clientName}, invoice {number} for {total} was due on {BillingText.Date(dueDate)}; {due} of it is still to pay.",
                "If you have already paid, thank you and please ignore this reminder.",
            ],
            "Pay now", url);
    }
}
