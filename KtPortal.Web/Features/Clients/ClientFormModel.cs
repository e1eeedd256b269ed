using KtPortal.Domain.Clients;
using KtPortal.Domain.Common;

namespace KtPortal.Web.Features.Clients;

/// <summary>What the client form binds to: money in major units and tax in percent, as people type them.</summary>
public sealed class ClientFormModel
{
    public string Name { get; set; } = string.Empty;

    public string BillingEmail { get; set; } = string.Empty;

    public decimal DevelopmentRate { get; set; }

    public decimal SupportRate { get; set; }

    public decimal TaxRatePercent { get; set; }

    public int PaymentTermsDays { get; set; } = 14;

    public static ClientFormModel From(ClientDetails client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new()
        {
            Name = client.Name,
            BillingEmail = client.BillingEmail,
            DevelopmentRate = Money.ToMajor(client.DevelopmentRateMinor),
            SupportRate = Money.ToMajor(client.SupportRateMinor),
            TaxRatePercent = client.TaxRateBasisPoints / 100m,
            PaymentTermsDays = client.PaymentTermsDays,
        };
    }

    public ClientInput ToInput() => new(
        Name,
        BillingEmail,
        Money.FromMajor(DevelopmentRate),
        Money.FromMajor(SupportRate),
        (int)Math.Round(TaxRatePercent * 100m, 0, MidpointRounding.AwayFromZero),
        PaymentTermsDays);
}
