namespace KtPortal.Web.Cli;

/// <summary>
/// What the process was asked to do: serve the portal (no subcommand) or run one subcommand and exit.
/// Options after a subcommand belong to it; everything else goes to the ASP.NET Core host.
/// </summary>
internal abstract record CliCommand
{
    public const string Usage = """
        Usage: KtPortal.Web [command] [host options]
          (no command)   start the portal; applies migrations; seeds the demo data in Development or with --seed-demo
          migrate        apply the database migrations and exit
          seed --clients N --tickets M [--seed S] [--plans]
                         add generated clients, users and tickets (for benchmarks) and exit; --plans also gives
                         every client without a plan one and logs time on its tickets today
          billing run [--as-of 2026-12-01T00:00:00Z]
                         run the billing cycle as the scheduled job does, as of that instant (default now), and exit
          billing check  check the invoices (numbers without gaps, lines that add up, one per period and kind),
                         print a digest of what was billed, and exit (1 when something is wrong)
          backup FILE    copy the live SQLite database to FILE (a new file) while the portal runs, and exit
        """;

    public abstract Task<int> RunAsync(WebApplication app);

    public static (CliCommand Command, string[] HostArgs) Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var rest = args.ToList();
        var seedDemo = rest.Remove("--seed-demo");
        if (rest.Count == 0 || rest[0].StartsWith('-'))
        {
            return (new ServeCommand(seedDemo), [.. rest]);
        }

        var name = rest[0];
        rest.RemoveAt(0);
        return name switch
        {
            "migrate" => (new MigrateCommand(), [.. rest]),
            "seed" => SeedCommand.Parse(rest),
            "billing" => BillingRunCommand.Parse(rest),
            "backup" => BackupCommand.Parse(rest),
            "help" or "--help" => (new Invalid(Usage), []),
            _ => (new Invalid($"Unknown command '{name}'.{Environment.NewLine}{Usage}"), []),
        };
    }

    internal sealed record Invalid(string Message) : CliCommand
    {
        public override Task<int> RunAsync(WebApplication app) => Task.FromResult(2);
    }
}
