using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KtPortal.Domain.Data;

// Used only by `dotnet ef` to build each provider's model for its migrations; neither
// connection string is ever opened by the tools' script generation.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteKtPortalDbContext>
{
    public SqliteKtPortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteKtPortalDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerKtPortalDbContext>
{
    public SqlServerKtPortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerKtPortalDbContext>()
            .UseSqlServer("Server=localhost;Database=KtPortal;Trusted_Connection=True;TrustServerCertificate=True")
            .Options);
}
