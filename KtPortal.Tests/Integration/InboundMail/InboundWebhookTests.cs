using System.Net.Http.Headers;
using System.Net;
using System.Text;
using KtPortal.Domain.Data;
using KtPortal.Domain.InboundMail;
using KtPortal.Domain.Seeding;
using KtPortal.Domain.Tickets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Integration.InboundMail;

/// <summary>The portal with an inbound secret and a one-second database busy timeout, so a lock shows up quickly.</summary>
public sealed class InboundPortalFactory : PortalWebFactory
{
    public const string Secret = "inbound-test-secret";

    protected override string ConnectionOptions => ";Default Timeout=1";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("KtPortal:Email:InboundSecret", Secret);
    }
}

public sealed class InboundWebhookTests : IClassFixture<InboundPortalFactory>
{
    private const string Url = "/webhooks/sendgrid/inbound";
    private readonly InboundPortalFactory _factory;

    public InboundWebhookTests(InboundPortalFactory factory) => _factory = factory;

    private static string Mime(string from, string subject, string body, string messageId) =>
        $"From: {from}\r\nTo: support@reply.ktportal.test\r\nSubject: {subject}\r\nMessage-ID: <{messageId}>\r\nDate: Tue, 24 Nov 2026 15:00:00 +0000\r\n" +
        $"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n";

    /// <summary>
    /// What SendGrid's Inbound Parse posts in raw mode: a multipart form with the message in "email", the envelope it
    /// received, and its own SPF and DKIM verdicts (by default: SPF passed for alice@acme.test's domain).
    /// </summary>
    private static MultipartFormDataContent SendGridPost(
        string mime, string to = "support@reply.ktportal.test", string mailFrom = "alice@acme.test", string spf = "pass", string dkim = "none")
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(mime), "email" },
            { new StringContent($$"""{"to":["{{to}}"],"from":"{{mailFrom}}"}"""), "envelope" },
            { new StringContent("""{"to":"UTF-8","from":"UTF-8","subject":"UTF-8"}"""), "charsets" },
            { new StringContent(spf), "SPF" },
            { new StringContent(dkim), "dkim" },
        };
        return form;
    }

    [Fact]
    public async Task ShouldOnlyTriageAForgedStaffReply_AndPostTheSameReplyThroughTheSignedAddressAsItsClient()
    {
        var (number, requesterId, requesterEmail) = await WithDbAsync(async db => await db.Tickets
            .Where(t => t.Status == TicketStatus.InProgress && t.RequesterId != null)
            .Join(db.Users, t => t.RequesterId, u => u.Id, (t, u) => new { t.Number, u.Id, u.Email })
            .OrderBy(x => x.Number).Select(x => ValueTuple.Create(x.Number, x.Id, x.Email!)).FirstAsync());
        var client = _factory.CreateClient();
        var body = $"Forged reply {Guid.NewGuid():N}";
        int CommentCount(KtPortalDbContext db) => db.TicketComments.Count(c => c.Body == body);
        var outboxBefore = await WithDbAsync(db => db.OutboxMessages.CountAsync());

        // From: the staff address, naming the ticket; SendGrid saw an envelope from elsewhere and no SPF/DKIM pass.
        var forged = Mime($"Staff <{DemoData.StaffEmail}>", $"Re: [KT-{number}] Update", body, $"forged-{number}@evil.test");
        var triaged = await client.PostAsync($"{Url}?key={InboundPortalFactory.Secret}",
            SendGridPost(forged, to: $"support+kt-{number}@reply.ktportal.test", mailFrom: "bounce@evil.test", spf: "pass", dkim: "{@evil.test : pass}"));

        triaged.StatusCode.Should().Be(HttpStatusCode.OK);
        (await triaged.Content.ReadAsStringAsync()).Should().Contain("\"outcome\":\"Triage\"");
        (await WithDbAsync(db => Task.FromResult(CommentCount(db)))).Should().Be(0);
        (await WithDbAsync(db => db.OutboxMessages.CountAsync())).Should().Be(outboxBefore, "nobody is mailed about it");
        var row = await WithDbAsync(db => db.InboundEmails.OrderBy(e => e.Id).LastAsync());
        row.Reason.Should().StartWith("Sender not verified");
        row.SenderVerification.Should().Be(SenderVerification.NotVerified);

        // The same words sent to the reply address the portal signed for the ticket's requester: posted as the requester.
        await using var scope = _factory.Services.CreateAsyncScope();
        var signed = scope.ServiceProvider.GetRequiredService<KtPortal.Domain.Email.ReplyAddresses>().For(number, requesterId)!;
        var real = Mime($"Staff <{DemoData.StaffEmail}>", $"Re: [KT-{number}] Update", body, $"real-{number}@acme.test").Replace("To: support@reply.ktportal.test", $"To: {signed}", StringComparison.Ordinal);
        var posted = await client.PostAsync($"{Url}?key={InboundPortalFactory.Secret}", SendGridPost(real, to: signed, mailFrom: "bounce@evil.test", spf: "fail"));

        (await posted.Content.ReadAsStringAsync()).Should().Contain("\"outcome\":\"Reply\"");
        var comment = await WithDbAsync(db => db.TicketComments.SingleAsync(c => c.Body == body));
        comment.AuthorId.Should().Be(requesterId, $"the address was signed for {requesterEmail}, whatever From says");
    }

    private async Task<T> WithDbAsync<T>(Func<KtPortalDbContext, Task<T>> read)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<KtPortalDbContext>>().CreateDbContextAsync();
        return await read(db);
    }

    [Fact]
    public async Task ShouldRefusePosts_WithoutTheSecret()
    {
        var client = _factory.CreateClient();
        var mime = Mime("alice@acme.test", "No key", "Hello", "nokey@acme.test");

        (await client.PostAsync(Url, SendGridPost(mime))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.PostAsync(Url + "?key=wrong", SendGridPost(mime))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await WithDbAsync(db => db.InboundEmails.CountAsync(e => e.MessageKey.StartsWith("nokey@acme.test ")))).Should().Be(0);
    }

    [Fact]
    public async Task ShouldRaiseATicketOnce_WhenAClientUsersMessageIsPostedTwice()
    {
        var client = _factory.CreateClient();
        var mime = Mime("Alice <alice@acme.test>", "Printer in reception is offline", "It shows error 49.", "printer@acme.test");

        var first = await client.PostAsync($"{Url}?key={InboundPortalFactory.Secret}", SendGridPost(mime));
        var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = SendGridPost(mime) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("sendgrid:" + InboundPortalFactory.Secret)));
        var second = await client.SendAsync(request);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        (await first.Content.ReadAsStringAsync()).Should().Contain("\"outcome\":\"NewTicket\"");
        second.StatusCode.Should().Be(HttpStatusCode.OK, "basic auth works too, and a redelivery is not an error");
        (await second.Content.ReadAsStringAsync()).Should().Contain("\"duplicate\":true");
        (await WithDbAsync(db => db.Tickets.CountAsync(t => t.Title == "Printer in reception is offline"))).Should().Be(1);
    }

    [Fact]
    public async Task ShouldAnswer400AndKeepThePost_WhenItHoldsNoMessage()
    {
        var client = _factory.CreateClient();
        var form = new MultipartFormDataContent { { new StringContent("hello"), "text" }, { new StringContent("x@y.test"), "from" } };
        var noEmail = await client.PostAsync($"{Url}?key={InboundPortalFactory.Secret}", form);
        var notAForm = await client.PostAsync($"{Url}?key={InboundPortalFactory.Secret}", new StringContent("{\"not\":\"mail\"}", Encoding.UTF8, "application/json"));

        noEmail.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await noEmail.Content.ReadAsStringAsync()).Should().Contain("no \\\"email\\\" field").And.Contain("kept for inspection");
        notAForm.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var kept = await WithDbAsync(db => db.InboundEmails.Where(e => e.Outcome == InboundOutcome.Malformed).Select(e => e.RawMime).ToListAsync());
        kept.Select(Encoding.UTF8.GetString).Should().Contain(b => b.Contains("hello")).And.Contain(b => b.Contains("{\"not\":\"mail\"}"));
    }

    [Fact]
    public async Task ShouldAnswer503AndLoseNothing_WhenTheDatabaseIsBrieflyUnavailable()
    {
        var client = _factory.CreateClient();
        var mime = Mime("alice@acme.test", "Server room is hot", "The AC failed.", "ac@acme.test");
        HttpResponseMessage whileLocked;
        await using (var blocker = new SqliteConnection($"Data Source={_factory.DatabasePath}"))
        {
            await blocker.OpenAsync();
            await using var command = blocker.CreateCommand();
            command.CommandText = "BEGIN EXCLUSIVE;";
            await command.ExecuteNonQueryAsync();
            whileLocked = await client.PostAsync($"{Url}?key={InboundPortalFactory.Secret}", SendGridPost(mime));
            command.CommandText = "ROLLBACK;";
            await command.ExecuteNonQueryAsync();
        }

        whileLocked.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        whileLocked.Headers.RetryAfter.Should().NotBeNull();
        (await WithDbAsync(db => db.InboundEmails.CountAsync(e => e.MessageKey.StartsWith("ac@acme.test ")))).Should().Be(0);

        var retried = await client.PostAsync($"{Url}?key={InboundPortalFactory.Secret}", SendGridPost(mime));
        retried.StatusCode.Should().Be(HttpStatusCode.OK, "SendGrid's retry gets through once the database is back");
        (await WithDbAsync(db => db.Tickets.CountAsync(t => t.Title == "Server room is hot"))).Should().Be(1);
    }
}
