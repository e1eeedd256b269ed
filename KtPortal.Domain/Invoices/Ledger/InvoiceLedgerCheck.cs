using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Invoices.Ledger;

/// <summary>What <see cref="InvoiceLedgerCheck"/> found: every problem in words, and a digest of what was billed.</summary>
public sealed record LedgerReport(int Issued, int Drafts, string Digest, IReadOnlyList<string> Problems)
{
    public bool IsSound => Problems.Count == 0;
}

/// <summary>
/// Checks the invoices as an auditor would after a crash or a night of several instances: each year's numbers run from
/// 1 with no gap and no repeat, and the year's counter has handed out no number that is not on an invoice; every issued
/// invoice has lines that add up to its subtotal, and subtotal plus tax to its total; no billing period has two live
/// invoices of one kind. The digest covers what was billed (client, period, kind, status, total, line count), not the
/// numbers, so two databases that billed the same things have the same digest whichever order they issued them in.
/// </summary>
public sealed class InvoiceLedgerCheck(IDbContextFactory<KtPortalDbContext> contextFactory)
{
    public async Task<LedgerReport> RunAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var invoices = await db.Invoices.AsNoTracking()
            .Select(i => new
            {
                i.Id,
                i.ClientId,
                i.Kind,
                i.Status,
                i.BillingPeriodId,
                PeriodStart = db.BillingPeriods.Where(p => p.Id == i.BillingPeriodId).Select(p => (DateOnly?)p.StartDate).FirstOrDefault(),
                i.Number,
                i.NumberYear,
                i.NumberSequence,
                i.SubtotalMinor,
                i.TaxMinor,
                i.TotalMinor,
                LineCount = i.Lines.Count,
                LineSum = i.Lines.Sum(l => (long?)l.AmountMinor) ?? 0,
            })
            .ToListAsync(cancellationToken);
        var counters = await db.Sequences.AsNoTracking().Where(s => s.Name.StartsWith("invoice-")).ToDictionaryAsync(s => s.Name, s => s.NextValue, cancellationToken);

        var problems = new List<string>();
        var issued = invoices.Where(i => i.Status != InvoiceStatus.Draft).ToList();
        foreach (var year in issued.GroupBy(i => i.NumberYear ?? 0).OrderBy(g => g.Key))
        {
            var numbers = year.Select(i => i.NumberSequence ?? 0).OrderBy(n => n).ToList();
            var repeated = numbers.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            var missing = Enumerable.Range(1, numbers.Count == 0 ? 0 : numbers[^1]).Except(numbers).ToList();
            if (repeated.Count > 0)
            {
                problems.Add($"{year.Key}: numbers used twice: {string.Join(", ", repeated)}.");
            }

            if (missing.Count > 0)
            {
                problems.Add($"{year.Key}: numbers missing: {string.Join(", ", missing.Take(20))}{(missing.Count > 20 ? $" and {missing.Count - 20} more" : "")}.");
            }

            if (counters.TryGetValue($"invoice-{year.Key}", out var next) && numbers.Count > 0 && next != numbers[^1] + 1)
            {
                problems.Add($"{year.Key}: the counter would hand out {next} next, but the highest number on an invoice is {numbers[^1]}.");
            }
        }

        foreach (var invoice in issued)
        {
            var name = invoice.Number ?? $"invoice {invoice.Id}";
            if (invoice.LineCount == 0)
            {
                problems.Add($"{name} was issued without lines.");
            }
            else if (invoice.LineSum != invoice.SubtotalMinor)
            {
                problems.Add($"{name}: its lines add up to {invoice.LineSum}, its subtotal says {invoice.SubtotalMinor} (minor units).");
            }

            if (invoice.SubtotalMinor + invoice.TaxMinor != invoice.TotalMinor)
            {
                problems.Add($"{name}: subtotal {invoice.SubtotalMinor} + tax {invoice.TaxMinor} is not its total {invoice.TotalMinor}.");
            }
        }

        foreach (var twice in invoices.Where(i => i.BillingPeriodId is not null && i.Status != InvoiceStatus.Void)
                     .GroupBy(i => (i.BillingPeriodId, i.Kind)).Where(g => g.Count() > 1))
        {
            problems.Add($"Billing period {twice.Key.BillingPeriodId} has {twice.Count()} {twice.Key.Kind} invoices: {string.Join(", ", twice.Select(i => i.Number ?? $"draft {i.Id}"))}.");
        }

        var billed = invoices
            .Select(i => string.Create(CultureInfo.InvariantCulture,
                $"{i.ClientId}|{i.PeriodStart:yyyy-MM-dd}|{i.Kind}|{i.Status}|{i.TotalMinor}|{i.LineCount}"))
            .Order(StringComparer.Ordinal);
        var digest = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", billed))))[..16];
        return new LedgerReport(issued.Count, invoices.Count - issued.Count, digest, problems);
    }
}
