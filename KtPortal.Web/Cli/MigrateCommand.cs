namespace KtPortal.Web.Cli;

/// <summary><c>migrate</c>: apply migrations and exit.</summary>
internal sealed record MigrateCommand : CliCommand
{
    public override async Task<int> RunAsync(WebApplication app)
    {
        await DatabaseSetup.MigrateAsync(app.Services);
        Console.WriteLine("The database is up to date.");
        return 0;
    }
}
