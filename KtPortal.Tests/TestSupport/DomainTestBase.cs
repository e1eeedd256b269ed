namespace KtPortal.Tests.TestSupport;

/// <summary>A fresh <see cref="DomainTestHost"/> per test; override <see cref="SeedAsync"/> to add the test's data.</summary>
public abstract class DomainTestBase : IAsyncLifetime
{
    protected DomainTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await DomainTestHost.CreateAsync();
        await SeedAsync();
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    protected virtual Task SeedAsync() => Task.CompletedTask;
}
