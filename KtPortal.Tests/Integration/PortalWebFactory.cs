using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KtPortal.Tests.Integration;

/// <summary>
/// The real portal in-process (WebApplicationFactory) on its own SQLite file, in Development so the
/// demo data is seeded. Each factory gets a fresh database.
/// </summary>
public class PortalWebFactory : WebApplicationFactory<Program>
{
    private readonly string _databasePath;

    public PortalWebFactory()
        : this(Path.Combine(Path.GetTempPath(), $"ktportal-it-{Guid.NewGuid():N}.db"))
    {
    }

    /// <summary>A portal on a given database file: two factories on one file are two instances of one portal.</summary>
    protected PortalWebFactory(string databasePath) => _databasePath = databasePath;

    /// <summary>This factory's attachment folder (absolute, so nothing lands in the source tree).</summary>
    public string AttachmentsPath { get; } = Path.Combine(Path.GetTempPath(), $"ktportal-it-files-{Guid.NewGuid():N}");

    /// <summary>Sign-in posts allowed per IP per minute; the tests sign in often from one address.</summary>
    protected virtual int SignInAttemptsPerMinute => 1000;

    /// <summary>Sign-in posts allowed per account per window; the tests sign in as the same demo users often.</summary>
    protected virtual int SignInAttemptsPerAccount => 1000;

    public string DatabasePath => _databasePath;

    /// <summary>Extra connection-string settings, e.g. a short busy timeout for tests that lock the database.</summary>
    protected virtual string ConnectionOptions => string.Empty;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:KtPortal", $"Data Source={_databasePath}{ConnectionOptions}");
        builder.UseSetting("KtPortal:Attachments:Path", AttachmentsPath);
        builder.UseSetting("KtPortal:Jobs:Enabled", "false");
        builder.UseSetting("KtPortal:Security:SignInAttemptsPerMinute", SignInAttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("KtPortal:Security:SignInAttemptsPerAccount", SignInAttemptsPerAccount.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_databasePath + suffix);
        }

        if (Directory.Exists(AttachmentsPath))
        {
            Directory.Delete(AttachmentsPath, recursive: true);
        }
    }
}
