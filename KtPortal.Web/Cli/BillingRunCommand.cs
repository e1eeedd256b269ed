using System.Globalization;
using KtPortal.Domain.Common;
using KtPortal.Domain.Invoices;

namespace KtPortal.Web.Cli;

/// <summary>
/// <c>billing run [--as-of 2026-12-01T00:00:00Z]</c>: the scheduled billing cycle, run once as of that instant (now by
/// default); prints what it issued. Running it again issues nothing new.
/// </summary>
internal sealed record BillingRunCommand(DateTimeOffset? AsOf) : CliCommand
{
    public const string Help = "billing run [--as-of 2026-12-01T00:00:00Z]";

    public static (CliCommand Command, string[] HostArgs) Parse(List<string> args)
    {
        if (args.Count > 0 && args[0] == "check")
        {
            return (new BillingCheckCommand(), [.. args.Skip(1)]);
        }

        if (args.Count == 0 || args[0] != "run")
        {
            return (new Invalid($"Usage: {Help}{Environment.NewLine}       {BillingCheckCommand.Help}"), []);
        }

        DateTimeOffset? asOf = null;
        var host = new List<string>();
        for (var i = 1; i < args.Count; i++)
        {
            if (args[i] != "--as-of")
            {
                host.Add(args[i]);
                continue;
            }

            if (i + 1 >= args.Count || !TryParseInstant(args[i + 1], out var instant))
            {
                return (new Invalid($"--as-of needs an instant with its offset, like 2026-12-01T00:00:00Z or 2026-12-01T00:00:00-05:00.{Environment.NewLine}Usage: {Help}"), []);
            }

            asOf = instant;
            i++;
        }

        return (new BillingRunCommand(asOf), [.. host]);
    }

    /// <summary>An instant must say its offset: "2026-12-01" alone would silently mean the server's midnight.</summary>
    private static bool TryParseInstant(string text, out DateTimeOffset instant) =>
        DateTimeOffset.TryParseExact(
            text,
            ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"],
            CultureInfo.InvariantCulture,
            DateTimeStyles.None,
            out instant)
        && (text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 10);

    public override async Task<int> RunAsync(WebApplication app)
    {
        await DatabaseSetup.MigrateAsync(app.Services);
        await using var scope = app.Services.CreateAsyncScope();
        var cycle = scope.ServiceProvider.GetRequiredService<BillingCycle>();
        var asOf = AsOf ?? scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var result = await cycle.RunAsync(asOf);
        var reports = await scope.ServiceProvider.GetRequiredService<KtPortal.Domain.Reports.Monthly.MonthlyClientReports>().QueueAsync(asOf);
        Console.WriteLine($"Billing run as of {asOf.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture)} (portal date {result.Today:yyyy-MM-dd}):");
        foreach (var invoice in result.Issued)
        {
            Console.WriteLine($"  issued {invoice.Number}  {invoice.Kind,-7}  {invoice.ClientName}  {Money.Format(invoice.TotalMinor, invoice.Currency)}  {invoice.Title}");
        }

        Console.WriteLine(result.Issued.Count == 0
            ? "  nothing to issue."
            : $"  {result.Issued.Count} invoice(s) issued.");
        Console.WriteLine($"  {result.PeriodsClosed} period(s) closed, {result.RemindersQueued} overdue reminder(s) queued, {reports} monthly report(s) queued.");
        return 0;
    }
}
