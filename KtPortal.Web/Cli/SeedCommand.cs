using System.Diagnostics;
using System.Globalization;
using KtPortal.Domain.Common;
using KtPortal.Domain.Seeding;

namespace KtPortal.Web.Cli;

/// <summary><c>seed --clients N --tickets M [--seed S] [--plans]</c>: add generated data (for benchmarks) and exit.</summary>
internal sealed record SeedCommand(int Clients, int Tickets, int Seed, bool Plans = false) : CliCommand
{
    public const string Help = "seed --clients N --tickets M [--seed S] [--plans]";

    /// <summary>Reads the options after <c>seed</c>; the rest go to the host. Bad options give a message, not a half-run.</summary>
    public static (CliCommand Command, string[] HostArgs) Parse(List<string> args)
    {
        var values = new Dictionary<string, int>(StringComparer.Ordinal) { ["--seed"] = 1 };
        var host = new List<string>();
        var plans = false;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--plans")
            {
                plans = true;
                continue;
            }

            if (name is not ("--clients" or "--tickets" or "--seed"))
            {
                host.Add(name);
                continue;
            }

            if (i + 1 >= args.Count || !int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                return (new Invalid($"{name} needs a whole number.{Environment.NewLine}Usage: {Help}"), []);
            }

            values[name] = value;
            i++;
        }

        if (!values.TryGetValue("--clients", out var clients) || !values.TryGetValue("--tickets", out var tickets))
        {
            return (new Invalid($"seed needs --clients and --tickets.{Environment.NewLine}Usage: {Help}"), []);
        }

        return (new SeedCommand(clients, tickets, values["--seed"], plans), [.. host]);
    }

    public override async Task<int> RunAsync(WebApplication app)
    {
        await DatabaseSetup.MigrateAsync(app.Services);
        await using var scope = app.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<BulkDataSeeder>();
        var watch = Stopwatch.StartNew();
        try
        {
            var progress = new Progress<int>(done => Console.WriteLine($"  {done:N0} of {Tickets:N0} tickets"));
            var result = await seeder.SeedAsync(Clients, Tickets, Seed, progress);
            Console.WriteLine(result.TicketsAdded == 0
                ? $"Added {result.ClientsAdded} clients and {result.UsersAdded} users in {watch.Elapsed.TotalSeconds:N1} s."
                : $"Added {result.ClientsAdded} clients, {result.UsersAdded} users and {result.TicketsAdded:N0} tickets "
                  + $"(KT-{result.FirstNumber}..KT-{result.LastNumber}) in {watch.Elapsed.TotalSeconds:N1} s.");
            if (Plans)
            {
                watch.Restart();
                var planned = await scope.ServiceProvider.GetRequiredService<BulkPlanSeeder>().SeedAsync(Seed,
                    new Progress<int>(done => { if (done % 500 == 0) Console.WriteLine($"  {done:N0} plans"); }));
                Console.WriteLine($"Gave {planned.PlansAdded} clients a plan and logged {planned.EntriesAdded:N0} time entries today in {watch.Elapsed.TotalSeconds:N1} s.");
            }

            return 0;
        }
        catch (ValidationFailedException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
    }
}
