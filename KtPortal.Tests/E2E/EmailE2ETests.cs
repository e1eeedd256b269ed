using KtPortal.Domain.Seeding;
using Microsoft.Playwright;
using MimeKit;
using static KtPortal.Tests.E2E.PortalAppFixture;

namespace KtPortal.Tests.E2E;

/// <summary>The real app with no SendGrid key: a reply typed on a ticket leaves as an .eml a mail program can open.</summary>
[Collection(E2ECollection.Name)]
public sealed class EmailE2ETests(PortalAppFixture app)
{
    [Fact]
    public async Task ShouldWriteAnEmlForTheClient_WhenStaffReplyOnATicket()
    {
        var staff = await app.NewPageAsync(1400, 900);
        await SignInAsync(staff, DemoData.StaffEmail);
        await staff.WaitForURLAsync("**/board");
        await staff.GotoAsync("/tickets/KT-1002");
        await WaitForReadyAsync(staff, "ticket-page");

        var text = $"The DNS change is live (check {Guid.NewGuid():N}).";
        await Field(staff, "reply-body").FillAsync(text);
        await staff.GetByTestId("reply-send").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("reply").Last).ToContainTextAsync(text);

        // The outbox job runs every 30 seconds in the app; wait for the file on that condition, not for a fixed time.
        var message = await WaitForMessageAsync(text, TimeSpan.FromSeconds(75));
        message.Subject.Should().StartWith("[KT-1002]");
        message.ReplyTo.Mailboxes.Single().Address.Should().StartWith("support+kt-1002.", "signed for the recipient")
            .And.EndWith("@reply.ktportal.test");
        message.To.Mailboxes.Should().NotBeEmpty().And.OnlyContain(m => m.Address.EndsWith(".test"));
        message.TextBody.Should().Contain(text);
        message.HtmlBody.Should().Contain("/tickets/KT-1002");
        await staff.Context.CloseAsync();
    }

    private async Task<MimeMessage> WaitForMessageAsync(string text, TimeSpan timeout)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (Directory.Exists(app.PickupDirectory))
            {
                foreach (var file in Directory.GetFiles(app.PickupDirectory, "*.eml"))
                {
                    var message = await MimeMessage.LoadAsync(file);
                    if (message.TextBody?.Contains(text, StringComparison.Ordinal) == true)
                    {
                        File.Copy(file, Path.Combine(ArtifactsDirectory, "reply.eml"), overwrite: true);
                        return message;
                    }
                }
            }

            if (waited.Elapsed > timeout)
            {
                throw new TimeoutException($"No .eml with the reply appeared in {app.PickupDirectory}. App output:\n{app.Output}");
            }

            await Task.Delay(500);
        }
    }
}
