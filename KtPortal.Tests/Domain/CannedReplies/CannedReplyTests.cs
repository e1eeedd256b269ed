using KtPortal.Domain.CannedReplies;
using KtPortal.Domain.Common;
using KtPortal.Tests.TestSupport;

namespace KtPortal.Tests.Domain.CannedReplies;

/// <summary>Personal and shared canned replies, their variables checked on save and filled in per ticket.</summary>
public sealed class CannedReplyTests : BillingTestBase
{
    private Actor _otherStaff = null!;
    private Actor _admin = null!;

    protected override async Task SeedAsync()
    {
        await base.SeedAsync();
        _otherStaff = await Host.CreateUserAsync("pat@kt.test", PortalRoles.Staff, null);
        _admin = await Host.CreateUserAsync("ada@kt.test", PortalRoles.Admin, null);
    }

    private Task<int> CreateAsync(Actor actor, string title, string body, bool shared = false) =>
        Host.WithAsync<CannedReplyService, int>(s => s.CreateAsync(actor, new CannedReplyInput(title, body, shared)));

    private Task<IReadOnlyList<CannedReplyView>> ListAsync(Actor actor) =>
        Host.WithAsync<CannedReplyService, IReadOnlyList<CannedReplyView>>(s => s.ListAsync(actor));

    private Task<FilledCannedReply> FillAsync(Actor actor, int id, int ticket) =>
        Host.WithAsync<CannedReplyService, FilledCannedReply>(s => s.FillAsync(actor, id, ticket));

    [Fact]
    public async Task ShouldFillEveryVariableForTheTicket()
    {
        await CreatePlanAsync(AcmeId, ExamplePlan());
        var ticket = await TicketAsync(Alice, title: "Site down");
        await LogAsync(ticket, "2h30m");
        var id = await CreateAsync(Staff, "Hours left",
            "Hi {{requester.first_name}}, {{ client.name }} has {{plan.hours_left}} hours left. Re {{ticket.number}} ({{ticket.title}}), {{agent.first_name}}");

        var filled = await FillAsync(Staff, id, ticket);

        filled.Text.Should().Be($"Hi alice, Acme Dental has 7.5 hours left. Re KT-{ticket} (Site down), sam");
        filled.Notes.Should().BeEmpty();
    }

    [Fact]
    public async Task ShouldSayWhenAValueIsMissing_InsteadOfLeavingAHole()
    {
        var ticket = await TicketAsync(Bob);
        var id = await CreateAsync(Staff, "Hours", "You have {{plan.hours_left}} hours left.");

        var filled = await FillAsync(Staff, id, ticket);

        filled.Text.Should().Be("You have 0 hours left.");
        filled.Notes.Should().ContainSingle().Which.Should().Contain("Birch & Co has no running plan");
    }

    [Theory]
    [InlineData("Hi {{client.nam}}", "{{client.nam}} is not a variable. Use one of: {{client.name}}")]
    [InlineData("Hi {{requester.first_name", "is not closed with }}")]
    [InlineData("Hi {{ {{client.name}}", "is not closed with }}")]
    [InlineData("Hi {{}}", "{{}} is not a variable")]
    public async Task ShouldRefuseUnknownOrOpenVariables_AndSaveNothing(string body, string message)
    {
        var act = () => CreateAsync(Staff, "Greeting", body);

        (await act.Should().ThrowAsync<ValidationFailedException>()).Which.Errors["Body"].Should().Contain(e => e.Contains(message, StringComparison.Ordinal));
        (await ListAsync(Staff)).Should().BeEmpty();
    }

    [Fact]
    public async Task ShouldKeepPersonalRepliesToTheirOwner_AndShareTheShared()
    {
        var mine = await CreateAsync(Staff, "Mine", "Personal words.");
        var shared = await CreateAsync(Staff, "Ours", "Team words.", shared: true);

        (await ListAsync(Staff)).Select(r => r.Id).Should().BeEquivalentTo([mine, shared]);
        (await ListAsync(_otherStaff)).Should().ContainSingle().Which.Should().Match<CannedReplyView>(r => r.Id == shared && r.Shared && !r.CanEdit);
        (await ListAsync(_admin)).Should().ContainSingle().Which.CanEdit.Should().BeTrue("an admin keeps the shared replies tidy");

        var ticket = await TicketAsync(Alice);
        var peek = () => FillAsync(_otherStaff, mine, ticket);
        await peek.Should().ThrowAsync<NotFoundException>();
        var change = () => Host.WithAsync<CannedReplyService>(s => s.DeleteAsync(_otherStaff, shared));
        await change.Should().ThrowAsync<ForbiddenException>();
        var clients = () => ListAsync(Alice);
        await clients.Should().ThrowAsync<ForbiddenException>();

        await Host.WithAsync<CannedReplyService>(s => s.DeleteAsync(_admin, shared));
        (await ListAsync(Staff)).Select(r => r.Id).Should().Equal(mine);
    }

    [Fact]
    public async Task ShouldRefuseATitleTheyAlreadySee_AndAStaleEdit()
    {
        await CreateAsync(Staff, "Greeting", "Hello.", shared: true);
        var dup = () => CreateAsync(_otherStaff, "greeting", "Hi.");
        (await dup.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Should().ContainKey("Title");

        var id = await CreateAsync(Staff, "Thanks", "Thank you.");
        var view = (await ListAsync(Staff)).Single(r => r.Id == id);
        await Host.WithAsync<CannedReplyService, Guid>(s => s.UpdateAsync(Staff, id, new CannedReplyInput("Thanks", "Thanks a lot.", false), view.ConcurrencyStamp));
        var stale = () => Host.WithAsync<CannedReplyService, Guid>(s => s.UpdateAsync(Staff, id, new CannedReplyInput("Thanks", "Cheers.", false), view.ConcurrencyStamp));
        await stale.Should().ThrowAsync<ConcurrencyConflictException>();
        (await ListAsync(Staff)).Single(r => r.Id == id).Body.Should().Be("Thanks a lot.");
    }
}
