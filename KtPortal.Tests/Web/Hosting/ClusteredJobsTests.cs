using KtPortal.Domain.Data;
using KtPortal.Web.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Web.Hosting;

/// <summary>Quartz's clustered store is a SQL Server option; asked for on SQLite, the portal refuses to start and says why.
/// (SQL Server itself is not on this machine: the clustered store is configured, not run, here.)</summary>
public sealed class ClusteredJobsTests
{
    private static IConfiguration Clustered() =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["KtPortal:Jobs:Clustered"] = "true" }).Build();

    [Fact]
    public void ShouldRefuseClusteredJobs_OnSqlite()
    {
        var add = () => new ServiceCollection().AddPortalJobs(Clustered(), new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = "Data Source=x.db" });

        add.Should().Throw<InvalidOperationException>().WithMessage("*Quartz cannot cluster on SQLite*");
    }

    [Fact]
    public void ShouldAcceptClusteredJobs_OnSqlServer()
    {
        var add = () => new ServiceCollection().AddPortalJobs(Clustered(),
            new DatabaseOptions { Provider = DatabaseProvider.SqlServer, ConnectionString = "Server=db;Database=KtPortal;Integrated Security=true" });

        add.Should().NotThrow();
    }
}
