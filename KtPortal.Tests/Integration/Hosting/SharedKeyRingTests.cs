using System.Net;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Integration.Hosting;

/// <summary>
/// The data-protection key ring lives in the database: a sign-in made on one instance is good on another instance of
/// the same database (or the same instance after a redeploy), and the keys are rows anyone with the database has.
/// </summary>
public sealed class SharedKeyRingTests : IDisposable
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"ktportal-keys-{Guid.NewGuid():N}.db");
    private readonly InstanceFactory _first;
    private readonly InstanceFactory _second;

    public SharedKeyRingTests()
    {
        _first = new InstanceFactory(_database);
        _second = new InstanceFactory(_database);
    }

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
    }

    [Fact]
    public async Task ShouldKeepASignInMadeOnOneInstance_OnTheOther()
    {
        using var onFirst = PortalClient.Create(_first);
        await onFirst.SignInAsync("alice@acme.test");
        using var onSecond = PortalClient.Create(_second);
        foreach (Cookie cookie in onFirst.Cookies.GetAllCookies())
        {
            onSecond.Cookies.Add(cookie);
        }

        using var dashboard = await onSecond.GetAsync("/dashboard");

        dashboard.StatusCode.Should().Be(HttpStatusCode.OK, "the second instance reads the first one's cookie with the shared keys");
        await using var scope = _second.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<KtPortalDbContext>>().CreateDbContextAsync();
        (await db.DataProtectionKeys.CountAsync()).Should().BeGreaterThan(0);
    }

    private sealed class InstanceFactory(string database) : PortalWebFactory(database);
}
