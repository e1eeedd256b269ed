using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KtPortal.Bench;

/// <summary>The real portal in-process on a SQLite file of its own, in Development (demo users) with jobs off.</summary>
internal sealed class BenchPortal(string databasePath) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:KtPortal", $"Data Source={databasePath}");
        builder.UseSetting("KtPortal:Security:SignInAttemptsPerMinute", "1000");
        builder.UseSetting("KtPortal:Security:SignInAttemptsPerAccount", "100000");
        builder.UseSetting("KtPortal:Jobs:Enabled", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // KTPORTAL_BENCH_SQL_LOG=Information prints every SQL command with its time (to see where a row's time goes).
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", Environment.GetEnvironmentVariable("KTPORTAL_BENCH_SQL_LOG") ?? "Warning");
    }
}
