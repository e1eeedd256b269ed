using KtPortal.Domain.Data;
using KtPortal.Domain.Seeding;

namespace KtPortal.Web.Cli;

internal static class DatabaseSetup
{
    /// <summary>Creates or migrates the database and makes sure the roles exist.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<RoleSeeder>().EnsureRolesAsync();
        await scope.ServiceProvider.GetRequiredService<KtPortal.Domain.Settings.AgencySettingsService>().LoadAsync(cancellationToken);
    }

    /// <summary>Seeds the demo data once; returns false when it was already there.</summary>
    public static async Task<bool> SeedDemoAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(cancellationToken);
    }
}
