using KtPortal.Domain.Audit;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Clients;

/// <summary>Creates and edits clients and their rate cards (staff only); a client's admins may opt it in to the monthly statement.</summary>
public sealed class ClientService(
    IDbContextFactory<KtPortalDbContext> contextFactory,
    IChangeNotifier notifier,
    TimeProvider clock,
    AuditTrail audit,
    PortalSettings settings)
{
    /// <summary>The highest hourly rate accepted, in minor units ($100,000.00): a typo guard.</summary>
    public const long MaxRateMinor = 100_000_00;

    /// <summary>Creates a client and returns its id.</summary>
    public async Task<int> CreateAsync(Actor actor, ClientInput input, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "create or change clients");
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await ValidateAsync(db, input, existingId: null, cancellationToken);

        var now = clock.GetUtcNow().UtcDateTime;
        var client = new Client { CreatedAtUtc = now };
        Apply(client, input, now);
        db.Clients.Add(client);
        await db.SaveChangesAsync(cancellationToken);
        audit.Add(db, actor, AuditKinds.ClientCreated, client.Name, client.Id, after: string.Join("; ", Described(client).Select(f => $"{f.Field}: {f.Value}")));
        await db.SaveChangesAsync(cancellationToken);

        await notifier.PublishAsync(new PortalChange(PortalChange.Topics.Client, client.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), client.Id));
        return client.Id;
    }

    /// <summary>
    /// Saves an edit. <paramref name="concurrencyStamp"/> is the stamp the editor read; if someone
    /// saved in between, nothing is written and a <see cref="ConcurrencyConflictException"/> says so.
    /// </summary>
    public async Task<Guid> UpdateAsync(
        Actor actor, int clientId, ClientInput input, Guid concurrencyStamp, CancellationToken cancellationToken = default)
    {
        Actor.RequireStaff(actor, "create or change clients");
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == clientId, cancellationToken)
            ?? throw new NotFoundException("The client");
        await ValidateAsync(db, input, clientId, cancellationToken);

        db.Entry(client).Property(c => c.ConcurrencyStamp).OriginalValue = concurrencyStamp;
        var before = Described(client);
        Apply(client, input, clock.GetUtcNow().UtcDateTime);
        var (was, now) = AuditTrail.Changes([.. before.Zip(Described(client), (b, a) => (b.Field, (string?)b.Value, (string?)a.Value))]);
        if (was is not null)
        {
            audit.Add(db, actor, AuditKinds.ClientChanged, client.Name, client.Id, was, now);
        }

        client.ConcurrencyStamp = Guid.NewGuid();
        await ConcurrencyGuard.SaveAsync(db, "client", cancellationToken);

        await notifier.PublishAsync(new PortalChange(PortalChange.Topics.Client, clientId.ToString(System.Globalization.CultureInfo.InvariantCulture), clientId));
        return client.ConcurrencyStamp;
    }

    /// <summary>
    /// Opts the client in or out of the statement e-mailed on the 1st: staff, or the client's own admins (it is their
    /// mail). Anyone else, or another client's admin, gets not found. Audited like any change to the client.
    /// </summary>
    public async Task SetMonthlyStatementAsync(Actor actor, int clientId, bool enabled, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsStaff && !(actor.IsClientAdmin && actor.ClientId == clientId))
        {
            throw new NotFoundException("The client");
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == clientId, cancellationToken) ?? throw new NotFoundException("The client");
        if (client.MonthlyStatement == enabled)
        {
            return;
        }

        client.MonthlyStatement = enabled;
        client.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        client.ConcurrencyStamp = Guid.NewGuid();
        audit.Add(db, actor, AuditKinds.ClientChanged, client.Name, client.Id,
            $"Monthly statement: {(enabled ? "not e-mailed" : "e-mailed")}", $"Monthly statement: {(enabled ? "e-mailed" : "not e-mailed")}");
        await db.SaveChangesAsync(cancellationToken);
        await notifier.PublishAsync(new PortalChange(PortalChange.Topics.Client, clientId.ToString(System.Globalization.CultureInfo.InvariantCulture), clientId));
    }

    /// <summary>A client's fields as the audit trail shows them: rates in money, tax in percent.</summary>
    private (string Field, string Value)[] Described(Client client) =>
    [
        ("Name", client.Name),
        ("Billing e-mail", client.BillingEmail),
        ("Development rate", Money.Format(client.DevelopmentRateMinor, settings.Currency) + "/h"),
        ("Support rate", Money.Format(client.SupportRateMinor, settings.Currency) + "/h"),
        ("Tax", (client.TaxRateBasisPoints / 100m).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "%"),
        ("Payment terms", $"{client.PaymentTermsDays} days"),
        ("Monthly statement", client.MonthlyStatement ? "e-mailed" : "not e-mailed"),
    ];

    private static void Apply(Client client, ClientInput input, DateTime nowUtc)
    {
        client.Name = input.Name.Trim();
        client.BillingEmail = input.BillingEmail.Trim();
        client.DevelopmentRateMinor = input.DevelopmentRateMinor;
        client.SupportRateMinor = input.SupportRateMinor;
        client.TaxRateBasisPoints = input.TaxRateBasisPoints;
        client.PaymentTermsDays = input.PaymentTermsDays;
        client.MonthlyStatement = input.MonthlyStatement;
        client.UpdatedAtUtc = nowUtc;
    }

    private static async Task ValidateAsync(
        KtPortalDbContext db, ClientInput input, int? existingId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var validation = new Validation()
            .Required(nameof(ClientInput.Name), input.Name, "Name", 200)
            .Email(nameof(ClientInput.BillingEmail), input.BillingEmail, "Billing e-mail")
            .Range(nameof(ClientInput.DevelopmentRateMinor), input.DevelopmentRateMinor, 0, MaxRateMinor,
                "Development rate must be between 0 and 100,000.00 per hour.")
            .Range(nameof(ClientInput.SupportRateMinor), input.SupportRateMinor, 0, MaxRateMinor,
                "Support rate must be between 0 and 100,000.00 per hour.")
            .Range(nameof(ClientInput.TaxRateBasisPoints), input.TaxRateBasisPoints, 0, 10_000,
                "Tax rate must be between 0% and 100%.")
            .Range(nameof(ClientInput.PaymentTermsDays), input.PaymentTermsDays, 0, 365,
                "Payment terms must be between 0 and 365 days.");

        if (!string.IsNullOrWhiteSpace(input.Name))
        {
            var name = input.Name.Trim().ToUpperInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // ToUpper() must translate to SQL UPPER() on both providers.
            var taken = await db.Clients.AnyAsync(
                c => c.Name.ToUpper() == name && c.Id != (existingId ?? 0), cancellationToken);
#pragma warning restore CA1304, CA1311, CA1862
            validation.Check(!taken, nameof(ClientInput.Name), "Another client already has this name.");
        }

        validation.ThrowIfInvalid();
    }
}
