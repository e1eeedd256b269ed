using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Domain.Data;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// Registers a pooled <see cref="IDbContextFactory{KtPortalDbContext}"/> for the chosen provider
    /// (what the services use) and a scoped context for ASP.NET Core Identity's stores.
    /// </summary>
    public static IServiceCollection AddKtPortalDatabase(this IServiceCollection services, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new InvalidOperationException(
                "No database connection string: set ConnectionStrings:KtPortal (or ConnectionStrings__KtPortal).");
        }

        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddPooledDbContextFactory<SqliteKtPortalDbContext>(o => o.UseSqlite(options.ConnectionString));
                services.AddSingleton<IDbContextFactory<KtPortalDbContext>,
                    UpcastDbContextFactory<SqliteKtPortalDbContext>>();
                break;
            case DatabaseProvider.SqlServer:
                services.AddPooledDbContextFactory<SqlServerKtPortalDbContext>(o =>
                    o.UseSqlServer(options.ConnectionString, sql => sql.EnableRetryOnFailure()));
                services.AddSingleton<IDbContextFactory<KtPortalDbContext>,
                    UpcastDbContextFactory<SqlServerKtPortalDbContext>>();
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider '{options.Provider}'.");
        }

        services.AddScoped<KtPortalDbContext>(sp =>
            sp.GetRequiredService<IDbContextFactory<KtPortalDbContext>>().CreateDbContext());
        return services;
    }

    private sealed class UpcastDbContextFactory<TContext>(IDbContextFactory<TContext> inner)
        : IDbContextFactory<KtPortalDbContext>
        where TContext : KtPortalDbContext
    {
        public KtPortalDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
