using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;

namespace KtPortal.Domain.Estimation;

/// <summary>How a quote reads to the client, the same in the portal, the e-mail and the ticket's history.</summary>
public static class QuoteText
{
    /// <summary>"about 4 h, about $480.00 at your development rate".</summary>
    public static string Sentence(int minutes, long amountMinor, string currency) =>
        $"about {Hours.Format(minutes)} h, about {Money.Format(amountMinor, currency)} at your development rate";
}
