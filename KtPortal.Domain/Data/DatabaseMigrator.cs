using Microsoft.EntityFrameworkCore;
using Microsoft.Data.Sqlite;

namespace KtPortal.Domain.Data;

/// <summary>Creates the database if needed and applies the provider's migrations.</summary>
public sealed class DatabaseMigrator(IDbContextFactory<KtPortalDbContext> contextFactory)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (context.Database.IsSqlite())
        {
            // SQLite creates the file but not its folder (App_Data on a fresh clone).
            var sqlite = new SqliteConnectionStringBuilder(context.Database.GetConnectionString());
            var inMemory = sqlite.Mode == SqliteOpenMode.Memory || sqlite.DataSource is "" or ":memory:";
            var folder = inMemory ? null : Path.GetDirectoryName(Path.GetFullPath(sqlite.DataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        await context.Database.MigrateAsync(cancellationToken);
    }

    public async Task<bool> CanConnectAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Database.CanConnectAsync(cancellationToken);
    }
}
