using KtPortal.Domain.Common;
using KtPortal.Domain.Invoices;
using KtPortal.Domain.Search;
using KtPortal.Domain.Tickets.Search;
using KtPortal.Domain.Tickets;
using KtPortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Tests.Domain.Search;

/// <summary>
/// The app bar's search over the real FTS5 index (built by the migrations, kept by triggers): what each role finds,
/// how it is ranked, and that it stays true as tickets and replies change. Two clients throughout.
/// </summary>
public sealed class GlobalSearchTests : InvoiceTestBase
{
    private Task<GlobalSearchResults> SearchAsync(Actor actor, string text, int limit = GlobalSearchService.DefaultLimit) =>
        Host.WithAsync<GlobalSearchService, GlobalSearchResults>(s => s.SearchAsync(actor, text, limit));

    private async Task<int[]> TicketNumbersAsync(Actor actor, string text) =>
        [.. (await SearchAsync(actor, text)).Tickets.Select(t => t.Number)];

    private async Task<int> IssuedInvoiceAsync(int clientId)
    {
        var id = await Host.WithAsync<InvoiceService, int>(s => s.CreateDraftAsync(Staff,
            new InvoiceDraftInput(clientId, "Work", null, [new InvoiceLineInput("Work", false, "1", 100m)])));
        await Host.WithAsync<InvoiceService>(async s => await s.IssueAsync(Staff, id, (await DocumentAsync(id))!.ConcurrencyStamp));
        return id;
    }

    [Fact]
    public async Task ShouldShowEachClientOnlyItsOwnResults_WhateverItTypes()
    {
        var acme = await RaiseAsync(Alice, NewInput("Payment gateway times out", "Since the update."));
        var carols = await RaiseAsync(Carol, NewInput("Gateway error on checkout", "Customers see 502."));
        var birch = await RaiseAsync(Bob, NewInput("Payment gateway declined", "Every card fails."));
        await CommentAsync(Staff, birch, "The gateway key was rotated; password is hunter2.", isInternal: true);
        await CommentAsync(Staff, acme, "Internal: gateway vendor is flaky.", isInternal: true);
        var acmeInvoice = await IssuedInvoiceAsync(AcmeId);
        var birchInvoice = await IssuedInvoiceAsync(BirchId);
        var birchNumber = (await DocumentAsync(birchInvoice))!.Number!;

        (await TicketNumbersAsync(Staff, "gateway")).Should().BeEquivalentTo([acme, carols, birch]);
        (await TicketNumbersAsync(Alice, "gateway")).Should().BeEquivalentTo([acme, carols]);
        (await TicketNumbersAsync(Carol, "gateway")).Should().Equal(carols);
        (await TicketNumbersAsync(Bob, "gateway")).Should().Equal(birch);

        // Another client's ticket by number, by a word only it has, or by its internal note: nothing.
        (await SearchAsync(Alice, $"KT-{birch}")).IsEmpty.Should().BeTrue();
        (await SearchAsync(Alice, "declined")).IsEmpty.Should().BeTrue();
        (await SearchAsync(Alice, "hunter2")).IsEmpty.Should().BeTrue();
        (await SearchAsync(Bob, "flaky")).IsEmpty.Should().BeTrue();
        (await SearchAsync(Alice, "flaky")).IsEmpty.Should().BeTrue("internal notes are for staff, even on the client's own ticket");
        (await TicketNumbersAsync(Staff, "hunter2")).Should().Equal(birch);

        // Clients, people and invoices: staff see all; a client admin only its own people and invoices.
        (await SearchAsync(Staff, "birch")).Clients.Should().ContainSingle(c => c.Id == BirchId);
        (await SearchAsync(Alice, "birch")).IsEmpty.Should().BeTrue();
        (await SearchAsync(Staff, "bob")).People.Should().ContainSingle(p => p.UserId == Bob.UserId);
        (await SearchAsync(Alice, "bob")).People.Should().BeEmpty();
        (await SearchAsync(Alice, "carol")).People.Should().ContainSingle(p => p.UserId == Carol.UserId);
        (await SearchAsync(Carol, "alice")).People.Should().BeEmpty("a client user manages nobody");
        (await SearchAsync(Staff, birchNumber)).Invoices.Should().ContainSingle(i => i.Id == birchInvoice);
        (await SearchAsync(Alice, birchNumber)).Invoices.Should().BeEmpty();
        (await SearchAsync(Bob, birchNumber)).Invoices.Should().ContainSingle(i => i.Id == birchInvoice);
        var acmeNumber = (await DocumentAsync(acmeInvoice))!.Number!;
        (await SearchAsync(Alice, acmeNumber)).Invoices.Select(i => i.Id).Should().Equal(acmeInvoice);
    }

    [Fact]
    public async Task ShouldRankTheNumberFirst_ThenTitleWordsAboveDescriptionsAndReplies()
    {
        var inReply = await RaiseAsync(Alice, NewInput("Site is slow", "Pages take ages."));
        await CommentAsync(Staff, inReply, "We moved the site to a faster server and cleared the cache.");
        var inDescription = await RaiseAsync(Alice, NewInput("Homepage banner", "The cache plugin shows a warning."));
        var inTitle = await RaiseAsync(Alice, NewInput("Cache plugin warning", "Shown on every page."));

        var results = await SearchAsync(Alice, "cache");

        results.Tickets.Select(t => t.Number).Should().Equal(inTitle, inDescription, inReply);
        results.Tickets[0].MatchedIn.Should().Be(SearchMatchSource.Title);
        results.Tickets[1].MatchedIn.Should().Be(SearchMatchSource.Description);
        results.Tickets[1].Excerpt.Should().Be("The cache plugin shows a warning.");
        results.Tickets[2].MatchedIn.Should().Be(SearchMatchSource.Reply);
        results.Tickets[2].Excerpt.Should().Contain("cleared the cache");

        var byNumber = await SearchAsync(Alice, inReply.ToString(System.Globalization.CultureInfo.InvariantCulture));
        byNumber.Tickets[0].Should().Match<TicketSearchHit>(t => t.Number == inReply && t.MatchedIn == SearchMatchSource.Number);
    }

    [Fact]
    public async Task ShouldFindWordsBeingTyped_AndNeedEveryWord()
    {
        var contact = await RaiseAsync(Alice, NewInput("Contact form broken", "Messages never arrive."));
        await RaiseAsync(Alice, NewInput("Newsletter form", "Signup fails."));

        (await TicketNumbersAsync(Alice, "conta")).Should().Equal(contact);
        (await TicketNumbersAsync(Alice, "form contact")).Should().Equal(contact);
        (await TicketNumbersAsync(Alice, "form broken newsletter")).Should().BeEmpty();
        (await TicketNumbersAsync(Alice, "MESSAGES")).Should().Equal(contact);
    }

    [Fact]
    public async Task ShouldFollowEditsAndNewReplies_InTheSameTransaction()
    {
        var number = await RaiseAsync(Alice, NewInput("Old wording", "Nothing special."));
        var stamp = (await GetAsync(Staff, number))!.ConcurrencyStamp;
        await Host.WithAsync<TicketService, Guid>(s => s.UpdateAsync(Staff, number,
            new TicketEditInput(TicketType.Troubleshooting, KtPortal.Domain.SupportTypes.SupportType.TroubleshootingId, TicketPriority.Normal, "Fresh headline", "Nothing special."), stamp));

        (await TicketNumbersAsync(Alice, "wording")).Should().BeEmpty();
        (await TicketNumbersAsync(Alice, "headline")).Should().Equal(number);

        await CommentAsync(Alice, number, "Also the favicon is missing.");
        (await TicketNumbersAsync(Staff, "favicon")).Should().Equal(number);
    }

    [Fact]
    public async Task ShouldKeepTheIndexTriggersAfterEveryMigration()
    {
        await using var db = await Host.OpenDbAsync();
        var triggers = await db.Database.SqlQuery<string>($"SELECT name AS Value FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_Search_%' ORDER BY name").ToListAsync();

        triggers.Should().Equal(
            "TicketComments_Search_Delete", "TicketComments_Search_Insert", "TicketComments_Search_Update",
            "Tickets_Search_Delete", "Tickets_Search_Insert", "Tickets_Search_Update");
    }

    [Fact]
    public async Task ShouldRefuseAnUnreasonableLimit_AndAnswerEmptyForNoWords()
    {
        await RaiseAsync(Alice);

        (await SearchAsync(Alice, " ?! ")).IsEmpty.Should().BeTrue();
        var act = () => SearchAsync(Alice, "contact", limit: 0);
        await act.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }
}
