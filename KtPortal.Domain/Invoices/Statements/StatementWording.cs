using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;

namespace KtPortal.Domain.Invoices.Statements;

/// <summary>What a statement says in words and figures: one source for its PDF and its page, so they read the same.</summary>
public static class StatementWording
{
    public const string OpeningKey = "opening";
    public const string ClosingKey = "closing";

    /// <summary>
    /// Opening, each kind of movement, closing: the summary beside the client's name. <c>Key</c> names the opening and
    /// closing rows (the page marks them for tests and emphasis), null for the others.
    /// </summary>
    public static IReadOnlyList<(string Label, string Value, string? Key)> Summary(ClientStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var rows = new List<(string, string, string?)>
        {
            ($"Opening balance, {BillingText.Date(statement.From)}", Money.Format(statement.OpeningMinor, statement.Currency), OpeningKey),
            ("Invoiced", Money.Format(statement.InvoicedMinor, statement.Currency), null),
            ("Paid", "−" + Money.Format(statement.PaidMinor, statement.Currency), null),
        };
        if (statement.CreditedMinor > 0)
        {
            rows.Add(("Credited or voided", "−" + Money.Format(statement.CreditedMinor, statement.Currency), null));
        }

        if (statement.RefundedMinor > 0)
        {
            rows.Add(("Refunded to you", Money.Format(statement.RefundedMinor, statement.Currency), null));
        }

        rows.Add(($"Closing balance, {BillingText.Date(statement.To)}", Money.Format(statement.ClosingMinor, statement.Currency), ClosingKey));
        return rows;
    }

    public static IReadOnlyList<(string Label, string Value)> Aging(ClientStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var a = statement.Aging;
        return
        [
            ("Not yet due", Money.Format(a.CurrentMinor, statement.Currency)),
            ("1–30 days", Money.Format(a.Days1To30Minor, statement.Currency)),
            ("31–60 days", Money.Format(a.Days31To60Minor, statement.Currency)),
            ("61–90 days", Money.Format(a.Days61To90Minor, statement.Currency)),
            ("Over 90 days", Money.Format(a.Over90Minor, statement.Currency)),
        ];
    }

    /// <summary>The PDF's file name: "statement-acme-dental-2026-11-30.pdf".</summary>
    public static string FileName(ClientStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var slug = new string([.. statement.ClientName.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        return $"statement-{slug.Trim('-')}-{statement.To:yyyy-MM-dd}.pdf";
    }
}
