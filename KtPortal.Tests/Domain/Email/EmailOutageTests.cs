using System.Text.Json;
using KtPortal.Domain.Email;
using KtPortal.Domain.Email.Outbound;
using KtPortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Domain.Email;

/// <summary>
/// The e-mail provider down for ten minutes: the real SendGrid sender posts to a local stand-in that answers 503, then
/// recovers; the outbox job runs every 30 s on the portal's clock as it does in production, with the production retry
/// settings. Every message is accepted exactly once afterwards: none lost, none twice.
/// </summary>
public sealed class EmailOutageTests : TicketTestBase, IDisposable
{
    private readonly FakeSendGridApi _api = new();

    public void Dispose() => _api.Dispose();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<EmailOptions>(o =>
        {
            o.SendGridApiKey = "SG.outage-test";
            o.SendGridHost = _api.BaseUrl;
            o.MaxAttempts = new EmailOptions().MaxAttempts;
            o.FirstRetryDelay = new EmailOptions().FirstRetryDelay;
            o.MaxRetryDelay = new EmailOptions().MaxRetryDelay;
        });

    [Fact]
    public async Task ShouldSendEveryMessageExactlyOnce_AfterTenMinutesOfOutage()
    {
        await using (var db = await Host.OpenDbAsync())
        {
            await db.OutboxMessages.ExecuteDeleteAsync();
        }

        _api.Down = true;
        for (var i = 0; i < 6; i++)
        {
            var number = await RaiseAsync(Carol);
            await CommentAsync(Staff, number, $"Looked at it ({i}); please try again.");
        }

        List<string> keys;
        await using (var db = await Host.OpenDbAsync())
        {
            keys = await db.OutboxMessages.AsNoTracking().Select(m => m.IdempotencyKey).ToListAsync();
        }

        keys.Should().HaveCountGreaterThan(6, "each ticket's raise and reply queue mail");
        var start = Host.Clock.GetUtcNow();
        while (Host.Clock.GetUtcNow() - start < TimeSpan.FromMinutes(40))
        {
            _api.Down = Host.Clock.GetUtcNow() - start < TimeSpan.FromMinutes(10);
            await Host.WithAsync<OutboxSender, OutboxRunResult>(s => s.SendDueAsync());
            Host.Clock.Advance(TimeSpan.FromSeconds(30));
        }

        await using (var db = await Host.OpenDbAsync())
        {
            var rows = await db.OutboxMessages.AsNoTracking().ToListAsync();
            rows.Should().OnlyContain(m => m.Status == OutboxStatus.Sent, "nothing is lost to the outage");
            rows.Should().OnlyContain(m => m.Attempts > 1, "every message met the outage first");
        }

        _api.Requests.Count.Should().BeGreaterThan(_api.Accepted.Count, "the outage refused requests");
        var sentKeys = _api.Accepted.Select(body =>
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.GetProperty("custom_args").GetProperty("outbox_key").GetString()!;
        }).ToList();
        sentKeys.Should().BeEquivalentTo(keys, "each message is accepted exactly once");
        sentKeys.Should().OnlyHaveUniqueItems();
    }
}
