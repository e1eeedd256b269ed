namespace KtPortal.Domain.Billing;

/// <summary>Rule 5's arithmetic: money from minutes and rates, and tax, in minor units.</summary>
public static class BillingMath
{
    /// <summary>round(minutes × hourly rate / 60) to the minor unit, halves away from zero.</summary>
    public static long Amount(int minutes, long hourlyRateMinor) =>
        (long)Math.Round(minutes * (decimal)hourlyRateMinor / 60m, MidpointRounding.AwayFromZero);

    /// <summary>round(subtotal × basis points / 10000), halves away from zero.</summary>
    public static long Tax(long subtotalMinor, int taxRateBasisPoints) =>
        (long)Math.Round(subtotalMinor * (decimal)taxRateBasisPoints / 10_000m, MidpointRounding.AwayFromZero);
}
