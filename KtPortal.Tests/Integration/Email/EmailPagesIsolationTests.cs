using System.Net;
using KtPortal.Domain.InboundMail;
using KtPortal.Domain.Seeding;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Integration.Email;

/// <summary>Inbound mail can hold anyone's words: only staff see it, only admins see the outbox; clients get 404.</summary>
public sealed class EmailPagesIsolationTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    private async Task<long> StrangerMessageAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var raw = "From: stranger@elsewhere.test\r\nSubject: Secret plans\r\nMessage-ID: <secret@elsewhere.test>\r\n\r\nThe vault code is 1234.\r\n"u8.ToArray();
        var result = await scope.ServiceProvider.GetRequiredService<InboundMailService>().ReceiveAsync(raw, InboundSource.Webhook);
        return result.Id;
    }

    [Theory]
    [InlineData(DemoData.AliceEmail)]
    [InlineData(DemoData.BobEmail)]
    public async Task ShouldAnswer404_WhenAClientAsksForInboundMailOrTheOutbox(string email)
    {
        var id = await StrangerMessageAsync();
        using var client = PortalClient.Create(factory);
        await client.SignInAsync(email);

        foreach (var path in new[] { "/email/inbound", $"/email/inbound/{id}/raw", "/email/outbox" })
        {
            using var response = await client.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.NotFound, path);
            (await response.Content.ReadAsStringAsync()).Should().NotContain("vault code", path);
        }
    }

    [Fact]
    public async Task ShouldLetStaffDownloadTheRawMessage_ButOnlyAdminsSeeTheOutbox()
    {
        var id = await StrangerMessageAsync();
        using var staff = PortalClient.Create(factory);
        await staff.SignInAsync(DemoData.StaffEmail);

        using var raw = await staff.GetAsync($"/email/inbound/{id}/raw");
        raw.StatusCode.Should().Be(HttpStatusCode.OK);
        raw.Content.Headers.ContentType!.MediaType.Should().Be("message/rfc822");
        (await raw.Content.ReadAsStringAsync()).Should().Contain("The vault code is 1234.");
        (await staff.GetAsync("/email/inbound")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await staff.GetAsync("/email/outbox")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        using var admin = PortalClient.Create(factory);
        await admin.SignInAsync(DemoData.AdminEmail);
        (await admin.GetAsync("/email/outbox")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
