using KtPortal.Tests.TestSupport;
using System.Text.Json;
using KtPortal.Domain.Email;
using KtPortal.Domain.Email.Outbound;
using KtPortal.Domain.Email.Templates;
using KtPortal.Domain.Notifications;
using KtPortal.Domain.Tickets;
using KtPortal.Tests.Domain.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace KtPortal.Tests.Domain.Email;

public sealed class OutboxSenderTests : TicketTestBase
{
    private readonly ScriptedSender _scripted = new();

    private Task<OutboxRunResult> RunAsync() => Host.WithAsync<OutboxSender, OutboxRunResult>(s => s.SendDueAsync());

    private async Task<List<OutboxMessage>> OutboxAsync()
    {
        await using var db = await Host.OpenDbAsync();
        return await db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    private async Task<int> StaffReplyAsync()
    {
        var number = await RaiseAsync(Carol);
        await using (var db = await Host.OpenDbAsync())
        {
            await db.OutboxMessages.ExecuteDeleteAsync();
        }

        await CommentAsync(Staff, number, "We fixed the form. Please try again.");
        return number;
    }

    [Fact]
    public async Task ShouldWriteAnEmlAMailProgramCanOpen_WhenThePickupFolderIsTheSender()
    {
        var number = await StaffReplyAsync();
        var result = await RunAsync();

        result.Sent.Should().Be(1);
        var folder = Host.Get<PickupFolderEmailSender>().Directory;
        var file = Directory.GetFiles(folder, "*.eml").Should().ContainSingle().Subject;
        var message = await MimeMessage.LoadAsync(file);
        message.To.Mailboxes.Single().Address.Should().Be("carol@acme.test");
        message.Subject.Should().StartWith($"[KT-{number}]");
        var replyTo = message.ReplyTo.Mailboxes.Single().Address;
        replyTo.Should().StartWith($"support+kt-{number}.").And.EndWith("@reply.ktportal.test");
        var signature = KtPortal.Domain.Email.ReplyAddresses.Parse(replyTo)!.Signature!;
        Host.Get<KtPortal.Domain.Email.ReplyAddresses>().Verify(number, signature, Carol.UserId).Should().BeTrue("the address is signed for Carol, who gets the message");
        message.Headers["Auto-Submitted"].Should().Be("auto-generated");
        message.TextBody.Should().Contain("We fixed the form.").And.Contain($"/tickets/KT-{number}").And.StartWith(EmailLayout.ReplyMarker);
        message.HtmlBody.Should().Contain("We fixed the form.").And.Contain("<a href=");
        var row = (await OutboxAsync()).Single();
        row.Status.Should().Be(OutboxStatus.Sent);
        row.Attempts.Should().Be(1);
        row.ProviderResponse.Should().StartWith("written ");
        message.MessageId.Should().Be(OutboxSender.MessageIdFor(row, "support@ktportal.test"));

        (await RunAsync()).Sent.Should().Be(0, "a sent message is never sent again");
    }

    [Fact]
    public async Task ShouldNeverEmailAnInternalNote()
    {
        var number = await RaiseAsync(Carol);
        await using (var db = await Host.OpenDbAsync())
        {
            await db.OutboxMessages.ExecuteDeleteAsync();
        }

        await CommentAsync(Staff, number, "Client's hosting password is in the vault.", isInternal: true);
        (await OutboxAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task ShouldRetryWithGrowingWaits_ThenGiveUpAndKeepTheError()
    {
        await Reconfigure(o => { o.MaxAttempts = 3; o.FirstRetryDelay = TimeSpan.FromMinutes(1); });
        _scripted.Failures.Enqueue(new EmailSendException("SendGrid answered 503", permanent: false));
        _scripted.Failures.Enqueue(new EmailSendException("SendGrid answered 503", permanent: false));
        _scripted.Failures.Enqueue(new EmailSendException("SendGrid answered 500", permanent: false));
        await StaffReplyAsync();

        (await RunAsync()).Retrying.Should().Be(1);
        var row = (await OutboxAsync()).Single();
        (row.Status, row.Attempts, row.LastError).Should().Be((OutboxStatus.Pending, 1, "SendGrid answered 503"));
        row.NextAttemptAtUtc.Should().Be(Host.Clock.GetUtcNow().UtcDateTime.AddMinutes(1));

        (await RunAsync()).Retrying.Should().Be(0, "not due yet");
        Host.Clock.Advance(TimeSpan.FromMinutes(1));
        await RunAsync();
        (await OutboxAsync()).Single().NextAttemptAtUtc.Should().Be(Host.Clock.GetUtcNow().UtcDateTime.AddMinutes(2), "the wait doubles");

        Host.Clock.Advance(TimeSpan.FromMinutes(2));
        (await RunAsync()).Failed.Should().Be(1);
        row = (await OutboxAsync()).Single();
        (row.Status, row.Attempts, row.LastError).Should().Be((OutboxStatus.Failed, 3, "SendGrid answered 500"));
        _scripted.Sent.Should().BeEmpty();

        await Host.WithAsync<OutboxAdminService>(s => s.ResendAsync(AdminActor, row.Id));
        (await RunAsync()).Sent.Should().Be(1);
        row = (await OutboxAsync()).Single();
        (row.Status, row.Attempts, row.Generation).Should().Be((OutboxStatus.Sent, 1, 1));
        _scripted.Sent.Single().MessageId.Should().EndWith(".1@ktportal.test", "a resent copy has its own Message-ID");
    }

    [Fact]
    public async Task ShouldGiveUpAtOnce_WhenTheProviderRefusesTheMessage()
    {
        _scripted.Failures.Enqueue(new EmailSendException("SendGrid answered 400: bad address", permanent: true));
        await StaffReplyAsync();
        (await RunAsync()).Failed.Should().Be(1);
        (await OutboxAsync()).Single().Status.Should().Be(OutboxStatus.Failed);
    }

    [Fact]
    public async Task ShouldNotSendAgain_WhenTheSenderDiedBetweenSendingAndRecording()
    {
        await StaffReplyAsync();
        await using (var db = await Host.OpenDbAsync())
        {
            // What a crash after the provider took it leaves behind: claimed, tried once, never recorded.
            var now = Host.Clock.GetUtcNow().UtcDateTime;
            await db.OutboxMessages.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Sending).SetProperty(m => m.Attempts, 1).SetProperty(m => m.LastAttemptAtUtc, now));
        }

        (await RunAsync()).Interrupted.Should().Be(0, "it may still be in flight");
        Host.Clock.Advance(TimeSpan.FromMinutes(11));
        var result = await RunAsync();

        result.Interrupted.Should().Be(1);
        result.Sent.Should().Be(0);
        _scripted.Sent.Should().BeEmpty("at most once: a message that may have gone out is not sent blindly again");
        var row = (await OutboxAsync()).Single();
        row.Status.Should().Be(OutboxStatus.Failed);
        row.LastError.Should().Be(OutboxSender.InterruptedMessage);
    }

    [Fact]
    public async Task ShouldOnlyLetAdminsSeeAndResend()
    {
        await StaffReplyAsync();
        var list = () => Host.WithAsync<OutboxAdminService, OutboxPage>(s => s.ListAsync(Staff, null, null, 0));
        await list.Should().ThrowAsync<KtPortal.Domain.Common.ForbiddenException>();
        var page = await Host.WithAsync<OutboxAdminService, OutboxPage>(s => s.ListAsync(AdminActor, OutboxStatus.Pending, "carol", 0));
        page.Items.Should().ContainSingle().Which.Kind.Should().Be("ticket-reply");
        var resendPending = () => Host.WithAsync<OutboxAdminService>(s => s.ResendAsync(AdminActor, page.Items[0].Id));
        await resendPending.Should().ThrowAsync<KtPortal.Domain.Common.ValidationFailedException>();
    }

    [Fact]
    public async Task ShouldPostTheMessageToSendGrid_WhenAKeyIsConfigured()
    {
        using var api = new FakeSendGridApi();
        api.Answers.Enqueue(503);
        var sender = new SendGridEmailSender(Options.Create(new EmailOptions { SendGridApiKey = "SG.test-key", SendGridHost = api.BaseUrl }));
        var email = new OutgoingEmail("ticket-reply:7:u1", "abc.0@ktportal.test", "support@ktportal.test", "KT Web", "carol@acme.test",
            "support+kt-1001@reply.ktportal.test", "[KT-1001] Sam replied", "Plain text", "<p>HTML</p>",
            [new OutgoingAttachment("INV-2026-0001.pdf", "application/pdf", [1, 2, 3])]);

        var transient = () => sender.SendAsync(email, CancellationToken.None);
        (await transient.Should().ThrowAsync<EmailSendException>()).Which.Permanent.Should().BeFalse("503 is worth retrying");
        var answer = await sender.SendAsync(email, CancellationToken.None);

        answer.Should().Be("202 Accepted, X-Message-Id sg-2");
        var (method, path, authorization, body) = api.Requests[^1];
        (method, path, authorization).Should().Be(("POST", "/v3/mail/send", "Bearer SG.test-key"));
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        root.GetProperty("from").GetProperty("email").GetString().Should().Be("support@ktportal.test");
        root.GetProperty("reply_to").GetProperty("email").GetString().Should().Be("support+kt-1001@reply.ktportal.test");
        root.GetProperty("subject").GetString().Should().Be("[KT-1001] Sam replied");
        root.GetProperty("personalizations")[0].GetProperty("to")[0].GetProperty("email").GetString().Should().Be("carol@acme.test");
        root.GetProperty("content").EnumerateArray().Select(c => c.GetProperty("type").GetString()).Should().Equal("text/plain", "text/html");
        root.GetProperty("headers").GetProperty("Auto-Submitted").GetString().Should().Be("auto-generated");
        root.GetProperty("custom_args").GetProperty("outbox_key").GetString().Should().Be("ticket-reply:7:u1");
        var attachment = root.GetProperty("attachments")[0];
        attachment.GetProperty("filename").GetString().Should().Be("INV-2026-0001.pdf");
        attachment.GetProperty("content").GetString().Should().Be(Convert.ToBase64String([1, 2, 3]));

        api.Answers.Enqueue(400);
        var refused = () => sender.SendAsync(email, CancellationToken.None);
        (await refused.Should().ThrowAsync<EmailSendException>()).Which.Permanent.Should().BeTrue();
    }

    private KtPortal.Domain.Common.Actor AdminActor { get; set; } = null!;

    protected override async Task SeedAsync()
    {
        await base.SeedAsync();
        AdminActor = await Host.CreateUserAsync("admin@kt.test", KtPortal.Domain.Common.PortalRoles.Admin, null);
    }

    /// <summary>Uses the pickup folder unless a test scripts failures; records what it was asked to send.</summary>
    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<PickupFolderEmailSender>();
        services.Replace(ServiceDescriptor.Singleton<IEmailSender>(sp => new ScriptingSender(_scripted, sp.GetRequiredService<PickupFolderEmailSender>())));
    }

    private Task Reconfigure(Action<EmailOptions> change)
    {
        change(Host.Get<IOptions<EmailOptions>>().Value);
        return Task.CompletedTask;
    }

    private sealed class ScriptedSender
    {
        public Queue<EmailSendException> Failures { get; } = new();

        public List<OutgoingEmail> Sent { get; } = [];
    }

    private sealed class ScriptingSender(ScriptedSender script, PickupFolderEmailSender pickup) : IEmailSender
    {
        public async Task<string> SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
        {
            if (script.Failures.TryDequeue(out var failure))
            {
                throw failure;
            }

            script.Sent.Add(email);
            return await pickup.SendAsync(email, cancellationToken);
        }
    }
}
