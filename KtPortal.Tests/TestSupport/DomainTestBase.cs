namespace KtPortal.Tests.TestSupport;

/// <summary>A fresh <see cref="DomainTestHost"/> per test; override <see cref="SeedAsync"/> to add the test's data.</summary>
public abstract class DomainTestBase : IAsyncLifetime
{
    protected DomainTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await DomainTestHost.CreateAsync(ConfigureServices);
        await SeedAsync();
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    protected virtual Task SeedAsync() => Task.CompletedTask;

    /// <summary>Replaces services before the host is built (a scripted e-mail sender, say).</summary>
    protected virtual void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
    }
}
