using KtPortal.Domain.Seeding;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace KtPortal.Web.Cli;

/// <summary>The default: migrate, seed the demo in Development, serve, and say where.</summary>
internal sealed record ServeCommand(bool SeedDemo) : CliCommand
{
    public override async Task<int> RunAsync(WebApplication app)
    {
        await DatabaseSetup.MigrateAsync(app.Services);
        var demo = SeedDemo || app.Environment.IsDevelopment();
        if (demo)
        {
            await DatabaseSetup.SeedDemoAsync(app.Services);
        }

        await app.StartAsync();
        PrintBanner(app, demo);
        await app.WaitForShutdownAsync();
        return 0;
    }

    private static void PrintBanner(WebApplication app, bool demo)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        Console.WriteLine();
        Console.WriteLine($"KT-Portal is running at {string.Join(", ", addresses)}");
        if (demo)
        {
            Console.WriteLine($"Demo logins (password {DemoData.Password}):");
            foreach (var (email, role, client) in DemoData.Logins)
            {
                Console.WriteLine($"  {email,-22} {role,-12} {client}");
            }
        }

        Console.WriteLine("Press Ctrl+C to stop.");
    }
}
