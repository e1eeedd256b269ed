using KtPortal.Domain.Invoices.Ledger;

namespace KtPortal.Web.Cli;

/// <summary>
/// <c>billing check</c>: reads the invoices as an auditor would (numbers without gaps or repeats, lines that add up, one
/// invoice per period and kind) and prints what it found with a digest of what was billed; exit code 1 when something is
/// wrong. Run it after a crash, or compare the digest of two databases.
/// </summary>
internal sealed record BillingCheckCommand : CliCommand
{
    public const string Help = "billing check";

    public override async Task<int> RunAsync(WebApplication app)
    {
        await DatabaseSetup.MigrateAsync(app.Services);
        await using var scope = app.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<InvoiceLedgerCheck>().RunAsync();
        Console.WriteLine($"Invoices: {report.Issued} issued, {report.Drafts} draft(s); digest {report.Digest}.");
        foreach (var problem in report.Problems)
        {
            Console.WriteLine($"  problem: {problem}");
        }

        Console.WriteLine(report.IsSound ? "  The ledger is sound." : $"  {report.Problems.Count} problem(s).");
        return report.IsSound ? 0 : 1;
    }
}
