namespace KtPortal.Domain.Invoices;

/// <summary>
/// Whether clients can pay invoices online (the web project answers from its Stripe settings). Invoices offer the
/// "pay online" line and link only when they can; otherwise the bank details are the way to pay.
/// </summary>
public interface IOnlinePayments
{
    bool IsEnabled { get; }
}

/// <summary>No online payment: what the domain assumes until the host says otherwise.</summary>
public sealed class NoOnlinePayments : IOnlinePayments
{
    public bool IsEnabled => false;
}
