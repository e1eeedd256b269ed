using KtPortal.Tests.TestSupport;
using KtPortal.Web.Hosting;
using KtPortal.Web.Security;
using Microsoft.Extensions.Logging.Abstractions;

namespace KtPortal.Tests.Web.Hosting;

/// <summary>The sign-in limits counted in a real redis-server hold across instances, and fall back to each instance's
/// own count (never to no limit) while Redis is down.</summary>
public sealed class RedisSignInLimitsTests : TwoRedisInstancesTest
{
    private static readonly SecurityOptions Security = new() { SignInAttemptsPerAccount = 3, SignInAttemptsPerMinute = 4 };
    private static SignInLimits Limits(RedisInstance instance) =>
        new(Security, new RedisAttemptCounter(instance.Link, NullLogger<RedisAttemptCounter>.Instance));

    [Fact]
    public async Task ShouldCountAnAccountsAttemptsOnEveryInstanceTogether()
    {
        using var onA = Limits(A);
        using var onB = Limits(B);

        var answers = new[]
        {
            await onA.TryAccountAsync("alice@acme.test"),
            await onB.TryAccountAsync("ALICE@acme.test "),
            await onA.TryAccountAsync("alice@acme.test"),
            await onB.TryAccountAsync("alice@acme.test"),
        };

        answers.Should().Equal(true, true, true, false);
        (await onB.TryAccountAsync("bob@birch.test")).Should().BeTrue("each account has its own count");
        (await onA.TryAddressAsync("203.0.113.9")).Should().BeTrue("addresses are counted apart from accounts");
    }

    [Fact]
    public async Task ShouldCountOnTheInstanceItself_WhileRedisIsDown()
    {
        using var onA = Limits(A);
        await Redis.KillAsync();
        await Eventually.TrueAsync(() => !A.Link.IsConnected, "the instance notices the outage");

        var answers = new List<bool>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await onA.TryAddressAsync("203.0.113.10"));
        }

        answers.Should().Equal(true, true, true, true, false);
    }
}
