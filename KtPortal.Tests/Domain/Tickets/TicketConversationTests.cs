using KtPortal.Tests.TestSupport;
using KtPortal.Domain.Common;
using KtPortal.Domain.Tickets;

namespace KtPortal.Tests.Domain.Tickets;

public sealed class TicketConversationTests : TicketTestBase
{
    [Fact]
    public async Task ShouldNeverShowAClientAnInternalNote_OrItsFiles_OrItsHistoryLine()
    {
        var number = await RaiseAsync(Alice);
        await CommentAsync(Staff, number, "Public answer");
        await CommentAsync(Staff, number, "Their host is terrible", isInternal: true, [File("server.log", "secret")]);

        var client = (await ConversationAsync(Alice, number))!;
        var staff = (await ConversationAsync(Staff, number))!;

        client.Comments.Select(c => c.Body).Should().Equal("Public answer");
        client.Activity.Should().NotContain(a => a.IsInternal || a.Detail.Contains("server.log", StringComparison.Ordinal));
        staff.Comments.Select(c => c.Body).Should().Equal("Public answer", "Their host is terrible");
        staff.Comments[1].Attachments.Should().ContainSingle(a => a.FileName == "server.log" && a.IsInternal);

        var noteFile = staff.Comments[1].Attachments[0].Id;
        var clientDownload = () => Host.WithAsync<TicketConversationService, AttachmentDownload>(s => s.OpenAttachmentAsync(Alice, number, noteFile));
        await clientDownload.Should().ThrowAsync<NotFoundException>();
    }

    [Fact]
    public async Task ShouldNotLetAnotherClientReadOrReplyToATicket()
    {
        var number = await RaiseAsync(Alice);
        await CommentAsync(Staff, number, "Only for Acme");

        var reply = () => CommentAsync(Bob, number, "Hello from Birch");
        var close = () => MoveAsync(Bob, number, TicketStatus.Closed);

        await reply.Should().ThrowAsync<NotFoundException>();
        await close.Should().ThrowAsync<NotFoundException>();
        (await ConversationAsync(Bob, number)).Should().BeNull();
        (await ConversationAsync(Alice, number))!.Comments.Select(c => c.Body).Should().Equal("Only for Acme");
    }

    [Fact]
    public async Task ShouldRefuseAnInternalNoteFromAClient()
    {
        var number = await RaiseAsync(Alice);

        var act = () => CommentAsync(Alice, number, "sneaky", isInternal: true);

        await act.Should().ThrowAsync<ForbiddenException>();
        (await CountAsync<TicketComment>()).Should().Be(0);
    }

    [Fact]
    public async Task ShouldPutTheTicketBackInProgress_WhenTheClientRepliesWhileItWaitsOnThem()
    {
        var number = await RaiseAsync(Alice);
        await MoveAsync(Staff, number, TicketStatus.WaitingOnClient);

        await CommentAsync(Carol, number, "Here is the screenshot").Awaiting(t => t).Should().ThrowAsync<NotFoundException>("Carol is not copied on Alice's ticket");
        await CommentAsync(Alice, number, "Here is the screenshot");

        (await GetAsync(Staff, number))!.Status.Should().Be(TicketStatus.InProgress);
    }

    [Fact]
    public async Task ShouldAskAClientToReopenAClosedTicket_BeforeReplying()
    {
        var number = await RaiseAsync(Alice);
        await MoveAsync(Staff, number, TicketStatus.Closed);

        var act = () => CommentAsync(Alice, number, "One more thing");

        (await act.Should().ThrowAsync<ValidationFailedException>()).Which.Errors["Body"].Should().Equal("This ticket is closed. Reopen it to reply.");
        (await CountAsync<TicketComment>()).Should().Be(0);
    }

    [Fact]
    public async Task ShouldStoreFilesOutsideWwwrootUnderRandomNames_AndServeThemWithTheOriginalName()
    {
        var number = await RaiseAsync(Alice, files: [File("../../etc/passwd.png", [0x89, 0x50, 0x4E, 0x47])]);

        var stored = Host.StoredFiles().Should().ContainSingle().Which;
        Path.GetFileName(stored).Should().MatchRegex("^[0-9a-f]{32}$");
        stored.Should().NotContain("wwwroot");
        var attachment = (await ConversationAsync(Alice, number))!.TicketAttachments.Should().ContainSingle().Which;
        attachment.FileName.Should().Be("passwd.png");
        (await ConversationAsync(Alice, number))!.Activity.Select(a => a.Detail).Should().Equal("Raised via Portal", "Attached passwd.png");

        var download = await Host.WithAsync<TicketConversationService, AttachmentDownload>(s => s.OpenAttachmentAsync(Alice, number, attachment.Id));
        await using (download.Content)
        {
            download.FileName.Should().Be("passwd.png");
            download.ContentType.Should().Be("image/png");
            using var copy = new MemoryStream();
            await download.Content.CopyToAsync(copy);
            copy.ToArray().Should().Equal(0x89, 0x50, 0x4E, 0x47);
        }
    }

    [Fact]
    public async Task ShouldRejectDisallowedOrOversizedFiles_AndKeepNothing()
    {
        var number = await RaiseAsync(Alice);
        var tooBig = new AttachmentUpload("big.pdf", 11 * 1024 * 1024, _ => new MemoryStream(new byte[11 * 1024 * 1024]));

        var exe = () => CommentAsync(Alice, number, "see attached", files: [File("setup.exe", "MZ"), File("notes.txt", "ok")]);
        var big = () => CommentAsync(Alice, number, "see attached", files: [tooBig]);
        var lying = () => CommentAsync(Alice, number, "see attached",
            files: [new AttachmentUpload("small.pdf", 10, _ => new MemoryStream(new byte[11 * 1024 * 1024]))]);
        var onCreate = () => RaiseAsync(Bob, files: [File("macro.docm", "x")]);

        (await exe.Should().ThrowAsync<ValidationFailedException>()).Which.Errors["Attachments"].Single()
            .Should().StartWith("\"setup.exe\" is not an allowed file type. Allowed: .png");
        (await big.Should().ThrowAsync<ValidationFailedException>()).Which.Errors["Attachments"].Single()
            .Should().Be("\"big.pdf\" is larger than 10 MB.");
        (await lying.Should().ThrowAsync<ValidationFailedException>()).Which.Errors["Attachments"].Single()
            .Should().Be("A file is larger than 10 MB.");
        await onCreate.Should().ThrowAsync<ValidationFailedException>();
        (await CountAsync<TicketComment>()).Should().Be(0);
        (await CountAsync<TicketAttachment>()).Should().Be(0);
        (await CountAsync<Ticket>()).Should().Be(1);
        Host.StoredFiles().Should().BeEmpty();
    }

    [Fact]
    public async Task ShouldNotServeAnotherClientsAttachment_OrAColleaguesUncopiedOne()
    {
        var number = await RaiseAsync(Alice, files: [File("invoice.pdf", "%PDF")]);
        var id = (await ConversationAsync(Alice, number))!.TicketAttachments[0].Id;

        var asBob = () => Host.WithAsync<TicketConversationService, AttachmentDownload>(s => s.OpenAttachmentAsync(Bob, number, id));
        var asCarol = () => Host.WithAsync<TicketConversationService, AttachmentDownload>(s => s.OpenAttachmentAsync(Carol, number, id));
        var wrongTicket = async () =>
        {
            var bobs = await RaiseAsync(Bob);
            return await Host.WithAsync<TicketConversationService, AttachmentDownload>(s => s.OpenAttachmentAsync(Bob, bobs, id));
        };

        await asBob.Should().ThrowAsync<NotFoundException>();
        await asCarol.Should().ThrowAsync<NotFoundException>();
        await wrongTicket.Should().ThrowAsync<NotFoundException>();

        await Host.WithAsync<TicketService>(s => s.AddCopiedUserAsync(Alice, number, Carol.UserId));
        var asCopiedCarol = await Host.WithAsync<TicketConversationService, AttachmentDownload>(s => s.OpenAttachmentAsync(Carol, number, id));
        await asCopiedCarol.Content.DisposeAsync();
        (await GetAsync(Carol, number))!.CopiedUsers.Select(u => u.DisplayName).Should().Equal("carol");
    }

    [Fact]
    public async Task ShouldOnlyCopyUsersOfTheTicketsOwnClient()
    {
        var number = await RaiseAsync(Alice);

        var act = () => Host.WithAsync<TicketService>(s => s.AddCopiedUserAsync(Alice, number, Bob.UserId));
        var onCreate = () => RaiseAsync(Alice, NewInput() with { CopiedUserIds = [Bob.UserId] });

        await act.Should().ThrowAsync<ValidationFailedException>();
        (await onCreate.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Should().ContainKey("CopiedUserIds");
        (await GetAsync(Bob, number)).Should().BeNull();
    }
}
