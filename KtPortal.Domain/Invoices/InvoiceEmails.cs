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

    /// <summary>A credit note issued: how much, on which invoice (or as account credit), and why; the PDF attached.</summary>
    public static EmailContent CreditNoteIssued(string agencyName, string clientName, string number, string? invoiceNumber, long totalMinor, string currency, string reason, string url)
    {
        var total = Money.Format(totalMinor, currency);
        var what = invoiceNumber is null
            ? $"{total} is credit on your account with {agencyName}."
            : $"It takes {total} off invoice {invoiceNumber}.";
        return new EmailContent($"Credit note {number} from {agencyName}: {total}",
            $"Credit note {number}: {total}",
            [$"Hello {clientName}, we have issued credit note {number}. {what}", $"Reason: {reason}", "The credit note is attached."],
            "View the credit note", url);
    }

    /// <summary>The month's statement: the closing balance, what of it is overdue, and any credit held; the PDF attached.</summary>
    public static EmailContent MonthlyStatement(string agencyName, string clientName, Statements.ClientStatement statement, string url)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var month = statement.To.ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        var closing = Money.Format(statement.ClosingMinor, statement.Currency);
        var overdue = statement.Aging.TotalMinor - statement.Aging.CurrentMinor;
        var standing = statement.ClosingMinor switch
        {
            < 0 => $"You have {Money.Format(-statement.ClosingMinor, statement.Currency)} in credit with us.",
            0 => "Nothing is owed.",
            _ when overdue > 0 => $"You owe {closing}, of which {Money.Format(overdue, statement.Currency)} is past due.",
            _ => $"You owe {closing}, none of it past due.",
        };
        return new EmailContent($"Your statement from {agencyName} for {month}",
            $"Statement for {month}",
            [$"Hello {clientName}, here is your account with {agencyName} for {month}: {statement.Lines.Count} movements, closing balance {closing} on {BillingText.Date(statement.To)}.", standing, "The statement is attached."],
            "View your statement", url);
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
            [$"We received {amount} on {BillingText.Date(receivedOn)} for invoice {number}. {after}", "Your receipt is attached."],
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
