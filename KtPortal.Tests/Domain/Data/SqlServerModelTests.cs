using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Tests.Domain.Data;

/// <summary>Both providers can map the model (no SQL Server needed: only the script is generated).</summary>
public sealed class SqlServerModelTests
{
    [Fact]
    public void ShouldGenerateTheSqlServerSchema_WithMoneyAsBigintAndNoDecimalColumns()
    {
        var options = new DbContextOptionsBuilder<SqlServerKtPortalDbContext>()
            .UseSqlServer("Server=localhost;Database=KtPortal;Trusted_Connection=True;TrustServerCertificate=True").Options;
        using var context = new SqlServerKtPortalDbContext(options);

        var script = context.Database.GenerateCreateScript();

        script.Should().Contain("CREATE TABLE [Clients]").And.Contain("[DevelopmentRateMinor] bigint NOT NULL");
        script.Should().NotContainEquivalentOf("decimal(");
    }

    [Fact]
    public void ShouldHaveNoPendingModelChanges_ForEitherProvider()
    {
        using var sqlite = new SqliteKtPortalDbContext(new DbContextOptionsBuilder<SqliteKtPortalDbContext>().UseSqlite("Data Source=:memory:").Options);
        using var sqlServer = new SqlServerKtPortalDbContext(new DbContextOptionsBuilder<SqlServerKtPortalDbContext>()
            .UseSqlServer("Server=localhost;Database=KtPortal;Trusted_Connection=True;TrustServerCertificate=True").Options);

        sqlite.Database.HasPendingModelChanges().Should().BeFalse("run dotnet ef migrations add for SQLite");
        sqlServer.Database.HasPendingModelChanges().Should().BeFalse("run dotnet ef migrations add for SQL Server");
    }
}
