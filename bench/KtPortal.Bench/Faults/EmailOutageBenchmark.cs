using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using KtPortal.Domain.Common;
using KtPortal.Domain.Email.Outbound;
using KtPortal.Domain.Seeding;
using KtPortal.Domain.Tickets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace KtPortal.Bench.Faults;

/// <summary>
/// <c>email-outage [messages] [minutes-down]</c>: the e-mail provider down for a while. The portal's real SendGrid
/// sender posts over HTTP to a local stand-in that answers 503 while "down", then 202; the outbox job's work runs every
/// 30 s of the portal's clock, which the bench moves (so 40 minutes take seconds, with the production retry settings).
/// Reports per minute what was tried, refused and accepted, and whether each message was accepted exactly once.
/// </summary>
internal static class EmailOutageBenchmark
{
    public const string Marker = "<!-- email-outage -->";

    public static async Task<int> RunAsync(string repositoryRoot, int messages, int minutesDown)
    {
        using var provider = new ProviderStandIn();
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var databasePath = Path.Combine(Path.GetTempPath(), $"ktportal-outage-{Guid.NewGuid():N}.db");
        try
        {
            using var bench = new BenchPortal(databasePath);
            using var portal = bench.WithWebHostBuilder(builder =>
            {
                builder.UseSetting("KtPortal:Email:SendGridApiKey", "SG.outage-bench");
                builder.UseSetting("KtPortal:Email:SendGridHost", provider.BaseUrl);
                builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
            });
            using (portal.CreateClient())
            {
            }

            var keys = await QueueAsync(portal.Services, messages);
            Console.WriteLine($"{keys.Count} messages queued; the provider is down for {minutesDown} min.");
            var rows = new List<string>();
            var start = clock.GetUtcNow();
            var (tried, refused, accepted) = (0, 0, 0);
            for (var step = 0; step < 80; step++)
            {
                var minute = (clock.GetUtcNow() - start).TotalMinutes;
                provider.Down = minute < minutesDown;
                await using (var scope = portal.Services.CreateAsyncScope())
                {
                    await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync();
                }

                if (step % 2 == 1)
                {
                    var (pending, sent, failed) = await OutboxAsync(portal.Services);
                    var now = provider.Counts();
                    rows.Add(string.Create(CultureInfo.InvariantCulture,
                        $"| {Math.Floor(minute)} | {(provider.Down ? "503" : "up")} | {now.Tried - tried} | {now.Refused - refused} | {now.Accepted - accepted} | {pending} | {sent} | {failed} |"));
                    (tried, refused, accepted) = now;
                }

                clock.Advance(TimeSpan.FromSeconds(30));
            }

            var acceptedKeys = provider.AcceptedKeys();
            var once = acceptedKeys.Count == keys.Count && acceptedKeys.Distinct().Count() == keys.Count && !keys.Except(acceptedKeys).Any();
            var final = await OutboxAsync(portal.Services);
            var text = new StringBuilder()
                .AppendLine(Marker)
                .AppendLine("## E-mail provider down: every message once afterwards (issue 26)")
                .AppendLine()
                .AppendLine(CultureInfo.InvariantCulture, $"Command: `dotnet run -c {BuildConfiguration.Name} --project bench/KtPortal.Bench -- email-outage {messages} {minutesDown}`.")
                .AppendLine(CultureInfo.InvariantCulture, $"Measured {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC. The portal in this process with its real SendGrid sender pointed at a local HTTP stand-in for SendGrid's v3 API, which answers 503 for the first {minutesDown} minutes and 202 after. {keys.Count} messages are queued first: what {messages} tickets raised by a client user, each with a staff reply, queue (the new-ticket notices and the reply to the requester). The outbox job's work runs every 30 s of the portal's clock, which the bench moves forward (40 minutes in seconds), with the production retry settings (6 attempts, the wait doubling from 1 minute).")
                .AppendLine()
                .AppendLine("| minute | provider | requests | refused (503) | accepted (202) | outbox pending | sent | failed |")
                .AppendLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var row in rows.Where(r => !r.Contains("| 0 | 0 | 0 |", StringComparison.Ordinal) || r.StartsWith("| 0 ", StringComparison.Ordinal)))
            {
                text.AppendLine(row);
            }

            text.AppendLine()
                .AppendLine(CultureInfo.InvariantCulture, $"Minutes in which nothing was due are left out. At the end: {final.Sent} sent, {final.Pending} pending, {final.Failed} failed; the stand-in accepted {acceptedKeys.Count} requests for {acceptedKeys.Distinct().Count()} distinct outbox keys of the {keys.Count} queued: **{(once ? "every message exactly once, none lost, none twice" : "NOT exactly once")}**.");
            ResultsFile.ReplaceSection(Path.Combine(repositoryRoot, "bench", "RESULTS.md"), Marker, text.ToString());
            Console.Write(text);
            return once && final.Failed == 0 ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(databasePath + suffix);
            }
        }
    }

    private static async Task<List<string>> QueueAsync(IServiceProvider services, int messages)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        await using (var db = await provider.GetRequiredService<IDbContextFactory<KtPortal.Domain.Data.KtPortalDbContext>>().CreateDbContextAsync())
        {
            await db.OutboxMessages.ExecuteDeleteAsync();
        }

        var users = provider.GetRequiredService<UserManager<KtPortal.Domain.Accounts.PortalUser>>();
        var staffUser = (await users.FindByEmailAsync(DemoData.StaffEmail))!;
        var carolUser = (await users.FindByEmailAsync(DemoData.CarolEmail))!;
        var staff = new Actor(staffUser.Id, PortalRoles.Staff, null);
        var carol = new Actor(carolUser.Id, PortalRoles.ClientUser, carolUser.ClientId);
        var tickets = provider.GetRequiredService<TicketService>();
        var conversation = provider.GetRequiredService<TicketConversationService>();
        for (var i = 0; i < messages; i++)
        {
            var number = await tickets.CreateAsync(carol, new NewTicketInput(TicketType.Troubleshooting, 1, $"Outage bench {i + 1}", "Please look."));
            await conversation.AddCommentAsync(staff, number, $"Looked at it ({i + 1}).", isInternal: false);
        }

        await using var read = await provider.GetRequiredService<IDbContextFactory<KtPortal.Domain.Data.KtPortalDbContext>>().CreateDbContextAsync();
        return await read.OutboxMessages.Select(m => m.IdempotencyKey).ToListAsync();
    }

    private static async Task<(int Pending, int Sent, int Failed)> OutboxAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<KtPortal.Domain.Data.KtPortalDbContext>>().CreateDbContextAsync();
        var byStatus = await db.OutboxMessages.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        int Count(OutboxStatus status) => byStatus.FirstOrDefault(s => s.Key == status)?.Count ?? 0;
        return (Count(OutboxStatus.Pending), Count(OutboxStatus.Sent), Count(OutboxStatus.Failed));
    }

    /// <summary>SendGrid's v3 mail endpoint as far as the sender sees it: 503 while down, else 202 with a message id.</summary>
    private sealed class ProviderStandIn : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly List<string> _acceptedKeys = [];
        private readonly Lock _gate = new();
        private int _tried;
        private int _refused;

        public ProviderStandIn()
        {
            using (var socket = new TcpListener(IPAddress.Loopback, 0))
            {
                socket.Start();
                BaseUrl = $"http://127.0.0.1:{((IPEndPoint)socket.LocalEndpoint).Port}";
            }

            _listener.Prefixes.Add(BaseUrl + "/");
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public string BaseUrl { get; }

        public volatile bool Down;

        public (int Tried, int Refused, int Accepted) Counts()
        {
            lock (_gate)
            {
                return (_tried, _refused, _acceptedKeys.Count);
            }
        }

        public List<string> AcceptedKeys()
        {
            lock (_gate)
            {
                return [.. _acceptedKeys];
            }
        }

        public void Dispose() => _listener.Close();

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                lock (_gate)
                {
                    _tried++;
                    if (Down)
                    {
                        _refused++;
                    }
                    else
                    {
                        using var json = JsonDocument.Parse(body);
                        _acceptedKeys.Add(json.RootElement.GetProperty("custom_args").GetProperty("outbox_key").GetString()!);
                    }
                }

                context.Response.StatusCode = Down ? 503 : 202;
                if (!Down)
                {
                    context.Response.Headers["X-Message-Id"] = $"bench-{_tried}";
                }

                context.Response.Close();
            }
        }
    }
}
