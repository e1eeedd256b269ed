using System.Net;
using System.Net.Http.Headers;
using System.Text;
using KtPortal.Domain.Data;
using KtPortal.Domain.Email.Inbound;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Integration.Email;

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

    /// <summary>What SendGrid's Inbound Parse posts in raw mode: a multipart form with the message in "email".</summary>
    private static MultipartFormDataContent SendGridPost(string mime)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(mime), "email" },
            { new StringContent("""{"to":["support@reply.ktportal.test"],"from":"alice@acme.test"}"""), "envelope" },
            { new StringContent("""{"to":"UTF-8","from":"UTF-8","subject":"UTF-8"}"""), "charsets" },
            { new StringContent("pass"), "SPF" },
        };
        return form;
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
