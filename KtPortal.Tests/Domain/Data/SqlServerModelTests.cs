using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

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

    [Fact]
    public void ShouldCreateFullTextIndexesInTheSqlServerMigrations_OutsideATransaction()
    {
        using var context = new SqlServerKtPortalDbContext(new DbContextOptionsBuilder<SqlServerKtPortalDbContext>()
            .UseSqlServer("Server=localhost;Database=KtPortal;Trusted_Connection=True;TrustServerCertificate=True").Options);
        var migration = context.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsAssembly>().Migrations
            .Single(m => m.Key.EndsWith("_GlobalSearch", StringComparison.Ordinal));
        var operations = ((Microsoft.EntityFrameworkCore.Migrations.Migration)Activator.CreateInstance(migration.Value.AsType())!).UpOperations
            .OfType<Microsoft.EntityFrameworkCore.Migrations.Operations.SqlOperation>().ToList();

        operations.Should().ContainSingle().Which.SuppressTransaction.Should().BeTrue();
        operations[0].Sql.Should().Contain("CREATE FULLTEXT INDEX ON dbo.Tickets (Title, Description) KEY INDEX PK_Tickets")
            .And.Contain("CREATE FULLTEXT INDEX ON dbo.TicketComments (Body) KEY INDEX PK_TicketComments")
            .And.Contain("FULLTEXTSERVICEPROPERTY('IsFullTextInstalled') = 1");
    }
}
