using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Domain.Data;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// Registers a pooled <see cref="IDbContextFactory{KtPortalDbContext}"/> for the chosen provider
    /// (what the services use) and a scoped context for ASP.NET Core Identity's stores. Every <see cref="IInterceptor"/>
    /// registered by the features (time tracking keeps stored charges true this way) joins every context.
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
                services.AddPooledDbContextFactory<SqliteKtPortalDbContext>((sp, o) => o.UseSqlite(options.ConnectionString)
                    .AddInterceptors(sp.GetServices<IInterceptor>()));
                services.AddSingleton<IDbContextFactory<KtPortalDbContext>,
                    UpcastDbContextFactory<SqliteKtPortalDbContext>>();
                break;
            case DatabaseProvider.SqlServer:
                services.AddPooledDbContextFactory<SqlServerKtPortalDbContext>((sp, o) =>
                    o.UseSqlServer(options.ConnectionString, sql => sql.EnableRetryOnFailure()).AddInterceptors(sp.GetServices<IInterceptor>()));
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
