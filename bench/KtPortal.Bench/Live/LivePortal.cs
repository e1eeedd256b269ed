using KtPortal.Domain.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace KtPortal.Bench.Live;

/// <summary>The real portal on Kestrel on loopback (a real port the browser connects to), in this process so the bench can stamp commits and read the circuits meter.</summary>
internal sealed class LivePortal : WebApplicationFactory<Program>
{
    private readonly string _databasePath;
    private readonly string? _redis;

    /// <param name="redis">When set, this is one of several instances: live updates also go through this Redis.</param>
    public LivePortal(string databasePath, string? redis = null)
    {
        _databasePath = databasePath;
        _redis = redis;
        UseKestrel(0);
    }

    /// <summary>Another instance on the same database: stopping it leaves the file to the first.</summary>
    public bool SharesDatabase { get; init; }

    public CommitStampingNotifier Stamps => (CommitStampingNotifier)Services.GetRequiredService<IChangeNotifier>();

    public string Address => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    /// <summary>Stops the portal and deletes its database: the file is this run's alone, and pooled connections hold it open until cleared.</summary>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (SharesDatabase)
        {
            return;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_databasePath + suffix);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:KtPortal", $"Data Source={_databasePath}");
        builder.UseSetting("KtPortal:Security:SignInAttemptsPerMinute", "100000");
        builder.UseSetting("KtPortal:Security:SignInAttemptsPerAccount", "100000");
        builder.UseSetting("KtPortal:Jobs:Enabled", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Error");
        builder.UseSetting("urls", "http://127.0.0.1:0");
        if (_redis is not null)
        {
            builder.UseSetting("KtPortal:Scale:Redis", _redis);
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IChangeNotifier>();
            services.AddSingleton<IChangeNotifier>(sp => new CommitStampingNotifier(_redis is null
                ? new InProcessChangeNotifier(sp.GetRequiredService<ILogger<InProcessChangeNotifier>>())
                : sp.GetRequiredService<KtPortal.Web.Hosting.RedisChangeNotifier>()));
        });
    }
}
