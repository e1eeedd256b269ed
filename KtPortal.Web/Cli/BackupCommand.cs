using System.Diagnostics;
using KtPortal.Domain.Data;

namespace KtPortal.Web.Cli;

/// <summary><c>backup FILE</c>: a consistent copy of the live SQLite database, taken while the portal runs.</summary>
internal sealed record BackupCommand(string Destination) : CliCommand
{
    public const string Help = "backup FILE";

    public static (CliCommand Command, string[] HostArgs) Parse(List<string> args) =>
        args.Count == 0 || args[0].StartsWith('-')
            ? (new Invalid($"backup needs the file to write.{Environment.NewLine}Usage: {Help}"), [])
            : (new BackupCommand(args[0]), [.. args.Skip(1)]);

    public override async Task<int> RunAsync(WebApplication app)
    {
        var database = app.Services.GetRequiredService<DatabaseOptions>();
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            await Console.Error.WriteLineAsync("backup copies a SQLite database. On SQL Server use its own backups (Azure SQL: point-in-time restore).");
            return 2;
        }

        var watch = Stopwatch.StartNew();
        try
        {
            var result = await SqliteOnlineBackup.CopyAsync(database.ConnectionString, Destination);
            Console.WriteLine($"Backed up {result.Bytes / 1024.0 / 1024.0:N1} MB to {result.Path} in {watch.Elapsed.TotalSeconds:N1} s.");
            return 0;
        }
        catch (InvalidOperationException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
    }
}
