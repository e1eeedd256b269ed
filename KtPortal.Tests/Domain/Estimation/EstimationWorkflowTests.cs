using KtPortal.Tests.TestSupport;
using KtPortal.Domain.Common;
using KtPortal.Domain.Estimation;
using KtPortal.Domain.Notifications;
using KtPortal.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Tests.Domain.Estimation;

public sealed class EstimationWorkflowTests : EstimationTestBase
{
    [Fact]
    public async Task ShouldEstimateANewTicketFromResolvedHistory_AndStoreTheProposalOnce()
    {
        var first = await ResolvedAsync(Alice, "Backups failing nightly", "1h30m");
        var second = await ResolvedAsync(Alice, "Nightly backups failing again", "2h");
        await ResolvedAsync(Bob, "Logo strip for partners", "3h", TicketType.ServiceRequest, KtPortal.Domain.SupportTypes.SupportType.DevelopmentId);
        var number = await RaiseAsync(Alice, NewInput("Backups failing every night", "The backup e-mail says failed."));

        (await EnsureAsync(number)).Should().BeTrue();
        (await EnsureAsync(number)).Should().BeFalse("a ticket is estimated once");

        var estimate = (await EstimateAsync(number))!;
        estimate.BasisKind.Should().Be(EstimateBasisKind.SimilarTickets);
        estimate.Similar.Select(s => s.Number).Should().BeEquivalentTo([first, second]);
        estimate.Similar.Should().OnlyContain(s => s.SameClient && s.Title.Contains("ackups", StringComparison.Ordinal) && s.ClientName == "Acme Dental");
        estimate.ProposedMinutes.Should().Be(105, "the median of 1.5 h and 2 h, 1.75 h");
        estimate.LocalMinutes.Should().Be(105);
        estimate.Estimator.Should().Be(LocalTicketEstimator.Name);
        estimate.IsSettled.Should().BeFalse();
        estimate.Explanation.Should().Contain(TicketNumber.Format(first)).And.Contain(TicketNumber.Format(second));
    }

    [Fact]
    public async Task ShouldEstimateOpenTicketsWithoutAnEstimate_AndLeaveResolvedOnes_WhenSweeping()
    {
        var open = await RaiseAsync(Alice);
        var resolved = await RaiseAsync(Alice);
        await MoveAsync(Staff, resolved, TicketStatus.Resolved);

        (await Host.WithAsync<EstimationService, int>(s => s.EstimatePendingAsync(20))).Should().Be(1);
        (await Host.WithAsync<EstimationService, int>(s => s.EstimatePendingAsync(20))).Should().Be(0);

        (await EstimateAsync(open))!.BasisKind.Should().Be(EstimateBasisKind.BuiltInDefault);
        (await EstimateAsync(resolved)).Should().BeNull();
    }

    [Fact]
    public async Task ShouldKeepTheProposal_WhenAccepted_AndBothFiguresWithTheReason_WhenAdjusted()
    {
        var accepted = await RaiseAsync(Alice);
        var adjusted = await RaiseAsync(Alice);
        await EnsureAsync(accepted);
        await EnsureAsync(adjusted);

        await SettleAsync(accepted);
        await SettleAsync(adjusted, 150, "  Their server is slow to work on.  ");

        var a = (await EstimateAsync(accepted))!;
        a.AdjustedMinutes.Should().Be(a.ProposedMinutes);
        a.AdjustedByName.Should().Be("sam");
        var b = (await EstimateAsync(adjusted))!;
        b.ProposedMinutes.Should().Be(60, "the built-in Troubleshooting default, kept");
        b.AdjustedMinutes.Should().Be(150);
        b.AdjustmentNote.Should().Be("Their server is slow to work on.");
        (await ConversationAsync(Staff, adjusted))!.Activity.Should().Contain(x => x.Detail == "Estimate adjusted from 1 h to 2.5 h" && x.IsInternal);
    }

    [Theory]
    [InlineData(0, "between 0.25 and 1000 hours")]
    [InlineData(70, "quarter hours")]
    [InlineData(60_015, "between 0.25 and 1000 hours")]
    public async Task ShouldRefuseAndChangeNothing_WhenAnAdjustmentIsBad(int minutes, string message)
    {
        var number = await RaiseAsync(Alice);
        await EnsureAsync(number);

        var act = () => SettleAsync(number, minutes);

        (await act.Should().ThrowAsync<ValidationFailedException>()).Which.Message.Should().Contain(message);
        (await EstimateAsync(number))!.IsSettled.Should().BeFalse();
    }

    [Fact]
    public async Task ShouldReportAConflict_WhenTheStampIsStale_AndNotReEstimateASettledEstimate()
    {
        var number = await RaiseAsync(Alice);
        await EnsureAsync(number);
        var stale = (await EstimateAsync(number))!.ConcurrencyStamp;
        await SettleAsync(number, 120);

        await FluentActions.Awaiting(() => Host.WithAsync<EstimationService>(s => s.SettleAsync(Staff, number, 60, null, stale)))
            .Should().ThrowAsync<ConcurrencyConflictException>();
        var fresh = (await EstimateAsync(number))!.ConcurrencyStamp;
        await FluentActions.Awaiting(() => Host.WithAsync<EstimationService>(s => s.ReestimateAsync(Staff, number, fresh)))
            .Should().ThrowAsync<DomainException>().WithMessage("*already settled*");
        (await EstimateAsync(number))!.AdjustedMinutes.Should().Be(120);
    }

    [Fact]
    public async Task ShouldQuoteTheSettledEstimateAtTheDevelopmentRate_AndTellTheClient()
    {
        var number = await ServiceRequestAsync(Alice);
        await EnsureAsync(number);
        await SettleAsync(number, 240);

        var quoteId = await SendQuoteAsync(number, "Includes two rounds of changes.");

        var quotes = (await QuotesAsync(Alice, number))!;
        var quote = quotes.Pending!;
        quote.Id.Should().Be(quoteId);
        quote.RateMinor.Should().Be(120_00);
        quote.AmountMinor.Should().Be(480_00);
        quote.Sentence.Should().Be("about 4 h, about $480.00 at your development rate");
        quotes.CanRespond.Should().BeTrue();
        (await ConversationAsync(Alice, number))!.Activity.Should().Contain(a => a.Detail == "Quote sent: about 4 h, about $480.00 at your development rate" && !a.IsInternal);
        (await NotificationsAsync(Alice)).Should().Contain(n => n.Link == $"/tickets/{TicketNumber.Format(number)}");
        await using var db = await Host.OpenDbAsync();
        var mail = await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == "quote-sent").ToListAsync();
        mail.Should().ContainSingle(m => m.ToAddress == "alice@acme.test").Which.BodyText.Should()
            .Contain("about 4 h, about $480.00 at your development rate").And.Contain("Includes two rounds of changes.");
    }

    [Fact]
    public async Task ShouldQuoteOnlySettledOpenServiceRequests()
    {
        var troubleshooting = await RaiseAsync(Alice);
        var unsettled = await ServiceRequestAsync(Alice);
        await EnsureAsync(troubleshooting);
        await EnsureAsync(unsettled);
        await SettleAsync(troubleshooting);

        await FluentActions.Awaiting(() => SendQuoteAsync(troubleshooting)).Should().ThrowAsync<DomainException>().WithMessage("Only Service Requests*");
        await FluentActions.Awaiting(() => SendQuoteAsync(unsettled)).Should().ThrowAsync<DomainException>().WithMessage("Accept or adjust*");
        await FluentActions.Awaiting(() => Host.WithAsync<EstimationService, int>(s => s.SendQuoteAsync(Alice, unsettled, null)))
            .Should().ThrowAsync<ForbiddenException>();
        (await QuotesAsync(Staff, unsettled))!.Quotes.Should().BeEmpty();
    }

    [Fact]
    public async Task ShouldWithdrawThePendingQuote_WhenANewOneIsSent_AndAcceptOneAnswer()
    {
        var number = await ServiceRequestAsync(Carol);
        await EnsureAsync(number);
        await SettleAsync(number, 240);
        var first = await SendQuoteAsync(number);
        var second = await SendQuoteAsync(number);

        await FluentActions.Awaiting(() => RespondAsync(Alice, number, first, approve: true))
            .Should().ThrowAsync<DomainException>().WithMessage("*replaced by a newer one*");
        await RespondAsync(Carol, number, second, approve: false, "Too much for now.");
        await FluentActions.Awaiting(() => RespondAsync(Alice, number, second, approve: true))
            .Should().ThrowAsync<DomainException>().WithMessage("*already declined*");

        var quotes = (await QuotesAsync(Staff, number))!.Quotes;
        quotes.Select(q => (q.Id, q.Status)).Should().Equal((second, QuoteStatus.Declined), (first, QuoteStatus.Withdrawn));
        quotes[0].ResponseNote.Should().Be("Too much for now.");
        quotes[0].RespondedByName.Should().Be("carol");
        (await NotificationsAsync(Staff)).Should().Contain(n => n.Link == $"/tickets/{TicketNumber.Format(number)}" && n.Title.Contains("declined", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ShouldLetOnlyTheClientAdminOrRequesterAnswer_AndHideTheQuoteFromAnotherClient()
    {
        var number = await ServiceRequestAsync(Alice);
        await EnsureAsync(number);
        await SettleAsync(number);
        var quoteId = await SendQuoteAsync(number);
        await Host.WithAsync<TicketService>(s => s.AddCopiedUserAsync(Staff, number, Carol.UserId));

        (await QuotesAsync(Carol, number))!.CanRespond.Should().BeFalse("Carol is copied, not the requester nor an admin");
        await FluentActions.Awaiting(() => RespondAsync(Carol, number, quoteId, approve: true)).Should().ThrowAsync<ForbiddenException>();
        await FluentActions.Awaiting(() => RespondAsync(Staff, number, quoteId, approve: true)).Should().ThrowAsync<ForbiddenException>();
        (await QuotesAsync(Bob, number)).Should().BeNull();
        await FluentActions.Awaiting(() => RespondAsync(Bob, number, quoteId, approve: true)).Should().ThrowAsync<NotFoundException>();

        await RespondAsync(Alice, number, quoteId, approve: true);
        (await QuotesAsync(Alice, number))!.Quotes.Single().Status.Should().Be(QuoteStatus.Approved);
    }

    [Fact]
    public async Task ShouldNeverShowInternalEstimates_ToClientUsers()
    {
        var number = await ServiceRequestAsync(Alice);
        await EnsureAsync(number);
        await SettleAsync(number, 300, "Secret margin");

        (await EstimateAsync(number, Alice)).Should().BeNull();
        (await EstimateAsync(number, Carol)).Should().BeNull();
        (await EstimateAsync(number, Bob)).Should().BeNull();
        (await ConversationAsync(Alice, number))!.Activity.Should().NotContain(a => a.Kind == TicketActivityKind.EstimateSettled);
        await FluentActions.Awaiting(() => EnsureAsync(number, Alice)).Should().ThrowAsync<ForbiddenException>();
        await FluentActions.Awaiting(() => Host.WithAsync<EstimateQueries, AccuracyReport>(q => q.GetAccuracyAsync(Alice)))
            .Should().ThrowAsync<ForbiddenException>();
        (await FlagsAsync(Alice, number)).Should().BeEmpty();
    }

    [Fact]
    public async Task ShouldFlagWork_WhenAServiceRequestHasNoApprovedQuote()
    {
        var unquoted = await ServiceRequestAsync(Alice, "Unquoted page");
        var pending = await ServiceRequestAsync(Alice, "Pending page");
        var declined = await ServiceRequestAsync(Alice, "Declined page");
        var approved = await ServiceRequestAsync(Alice, "Approved page");
        var notStarted = await ServiceRequestAsync(Alice, "Not started page");
        var troubleshooting = await RaiseAsync(Alice);
        foreach (var n in new[] { pending, declined, approved })
        {
            await EnsureAsync(n);
            await SettleAsync(n);
            await SendQuoteAsync(n);
        }

        await RespondAsync(Alice, declined, (await QuotesAsync(Alice, declined))!.Pending!.Id, approve: false);
        await RespondAsync(Alice, approved, (await QuotesAsync(Alice, approved))!.Pending!.Id, approve: true);
        await MoveAsync(Staff, unquoted, TicketStatus.InProgress);
        await LogAsync(pending, "30m");
        await MoveAsync(Staff, declined, TicketStatus.InProgress);
        await MoveAsync(Staff, approved, TicketStatus.InProgress);
        await MoveAsync(Staff, troubleshooting, TicketStatus.InProgress);

        var flags = await FlagsAsync(Staff, unquoted, pending, declined, approved, notStarted, troubleshooting);

        flags.Should().BeEquivalentTo(new Dictionary<int, QuoteAlert>
        {
            [unquoted] = QuoteAlert.NotQuoted,
            [pending] = QuoteAlert.AwaitingApproval,
            [declined] = QuoteAlert.Declined,
        });
    }

    [Fact]
    public async Task ShouldCompareLocalAndAdjustedEstimates_WithChargedHoursOfResolvedTickets()
    {
        var a = await RaiseAsync(Alice, NewInput("Backups failing nightly"));
        var b = await RaiseAsync(Alice, NewInput("Backups failing nightly"));
        var open = await RaiseAsync(Alice, NewInput("Backups failing nightly"));
        foreach (var n in new[] { a, b, open })
        {
            await EnsureAsync(n);
        }

        await SettleAsync(a, 90);
        await LogAsync(a, "1h30m");
        await LogAsync(b, "20m"); // charged 1 h: the minimum
        await MoveAsync(Staff, a, TicketStatus.Resolved);
        await MoveAsync(Staff, b, TicketStatus.Resolved);

        var report = await Host.WithAsync<EstimateQueries, AccuracyReport>(q => q.GetAccuracyAsync(Staff));

        report.ResolvedWithEstimate.Should().Be(2, "the open ticket is not resolved yet");
        report.AdjustedCount.Should().Be(1);
        var all = report.Rows[0];
        all.Local.Should().Be(new AccuracyFigures(2, 15, 0.5),
            "both were proposed at the 1 h default: 30 min off a 1.5 h charge (a third: outside ±25 %), exact on the 1 h minimum");
        all.Adjusted.Should().Be(new AccuracyFigures(1, 0, 1.0));
        report.Rows.Select(r => r.Group).Should().Contain("Troubleshooting · Troubleshooting");
    }

    [Fact]
    public async Task ShouldListPendingQuotesTheUserMayAnswer_OnTheDashboard()
    {
        var carols = await ServiceRequestAsync(Carol, "Carol's page");
        var alices = await ServiceRequestAsync(Alice, "Alice's page");
        var bobs = await ServiceRequestAsync(Bob, "Bob's page");
        foreach (var n in new[] { carols, alices, bobs })
        {
            await EnsureAsync(n);
            await SettleAsync(n, 120);
            await SendQuoteAsync(n);
        }

        await RespondAsync(Bob, bobs, (await QuotesAsync(Bob, bobs))!.Pending!.Id, approve: true);

        Task<IReadOnlyList<PendingQuote>> AwaitingAsync(KtPortal.Domain.Common.Actor actor) =>
            Host.WithAsync<QuoteQueries, IReadOnlyList<PendingQuote>>(q => q.AwaitingAnswerAsync(actor));
        (await AwaitingAsync(Alice)).Select(q => q.Number).Should().Equal(carols, alices);
        (await AwaitingAsync(Carol)).Should().ContainSingle().Which.Sentence.Should().Be("about 2 h, about $240.00 at your development rate");
        (await AwaitingAsync(Bob)).Should().BeEmpty("Bob answered his");
        (await AwaitingAsync(Staff)).Should().BeEmpty();
    }
}
