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

        services.AddSingleton(options);
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddPooledDbContextFactory<SqliteKtPortalDbContext>((sp, o) => QuietHandledRaces(o.UseSqlite(options.ConnectionString))
                    .AddInterceptors(sp.GetServices<IInterceptor>()));
                services.AddSingleton<IDbContextFactory<KtPortalDbContext>,
                    UpcastDbContextFactory<SqliteKtPortalDbContext>>();
                break;
            case DatabaseProvider.SqlServer:
                services.AddPooledDbContextFactory<SqlServerKtPortalDbContext>((sp, o) =>
                    QuietHandledRaces(o.UseSqlServer(options.ConnectionString, sql => sql.EnableRetryOnFailure()))
                        .AddInterceptors(sp.GetServices<IInterceptor>()));
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

    /// <summary>
    /// A failed save or command is logged by EF Core at Error level before the caller sees the exception. The services
    /// expect some of them (a unique key another instance or job claimed first, a concurrency token that moved) and
    /// handle them quietly; every other one travels on to the host, the job scheduler or the CLI, which log it. So EF's
    /// own line adds nothing but alarm: it is written at Debug.
    /// </summary>
    private static DbContextOptionsBuilder QuietHandledRaces(DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(w => w.Log(
            (CoreEventId.SaveChangesFailed, Microsoft.Extensions.Logging.LogLevel.Debug),
            (CoreEventId.OptimisticConcurrencyException, Microsoft.Extensions.Logging.LogLevel.Debug),
            (RelationalEventId.CommandError, Microsoft.Extensions.Logging.LogLevel.Debug)));

    private sealed class UpcastDbContextFactory<TContext>(IDbContextFactory<TContext> inner)
        : IDbContextFactory<KtPortalDbContext>
        where TContext : KtPortalDbContext
    {
        public KtPortalDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
