using KtPortal.Domain.Common;
using KtPortal.Domain.Estimation;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;

namespace KtPortal.Tests.TestSupport;

/// <summary>Billing test data plus shortcuts for the estimate workflow.</summary>
public abstract class EstimationTestBase : BillingTestBase
{
    /// <summary>Raises, logs and resolves a ticket: one piece of history the estimator can learn from.</summary>
    protected async Task<int> ResolvedAsync(Actor requester, string title, string duration, TicketType type = TicketType.Troubleshooting,
        int supportTypeId = SupportType.TroubleshootingId)
    {
        var number = await RaiseAsync(requester, new NewTicketInput(type, supportTypeId, title, "Details in the title."));
        await LogAsync(number, duration);
        await MoveAsync(Staff, number, TicketStatus.Resolved);
        return number;
    }

    protected Task<int> ServiceRequestAsync(Actor requester, string title = "Quarterly sale landing page") =>
        RaiseAsync(requester, new NewTicketInput(TicketType.ServiceRequest, SupportType.DevelopmentId, title, "A page for the sale."));

    protected Task<bool> EnsureAsync(int number, Actor? actor = null) =>
        Host.WithAsync<EstimationService, bool>(s => s.EnsureEstimateAsync(actor ?? Staff, number));

    protected Task<EstimateView?> EstimateAsync(int number, Actor? actor = null) =>
        Host.WithAsync<EstimateQueries, EstimateView?>(q => q.GetAsync(actor ?? Staff, number));

    protected async Task SettleAsync(int number, int? minutes = null, string? note = null)
    {
        var estimate = (await EstimateAsync(number))!;
        await Host.WithAsync<EstimationService>(s => s.SettleAsync(Staff, number, minutes, note, estimate.ConcurrencyStamp));
    }

    protected Task<int> SendQuoteAsync(int number, string? message = null) =>
        Host.WithAsync<EstimationService, int>(s => s.SendQuoteAsync(Staff, number, message));

    protected Task RespondAsync(Actor actor, int number, int quoteId, bool approve, string? note = null) =>
        Host.WithAsync<EstimationService>(s => s.RespondToQuoteAsync(actor, number, quoteId, approve, note));

    protected Task<TicketQuotes?> QuotesAsync(Actor actor, int number) =>
        Host.WithAsync<QuoteQueries, TicketQuotes?>(q => q.GetAsync(actor, number));

    protected Task<IReadOnlyDictionary<int, QuoteAlert>> FlagsAsync(Actor actor, params int[] numbers) =>
        Host.WithAsync<QuoteQueries, IReadOnlyDictionary<int, QuoteAlert>>(q => q.FlagsAsync(actor, numbers));
}
