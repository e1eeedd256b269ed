using KtPortal.Domain.Audit;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Tickets.Stats;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Settings;

/// <summary>
/// Keeps the agency's settings in the database and the <see cref="AgencySettingsStore"/> in step with them. The first
/// load writes the configured values as the stored row; from then on /settings/agency changes them, audited, live.
/// </summary>
public sealed class AgencySettingsService(
    IDbContextFactory<KtPortalDbContext> contextFactory,
    AgencySettingsStore store,
    AuditTrail audit,
    IChangeNotifier notifier,
    TimeProvider clock)
{
    /// <summary>Reads the stored settings into the store, creating the row from configuration on a fresh database.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.AgencySettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (record is null)
        {
            record = FromDefaults();
            db.AgencySettings.Add(record);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another process created it first: theirs is the same defaults, so read it.
                await using var again = await contextFactory.CreateDbContextAsync(cancellationToken);
                record = await again.AgencySettings.AsNoTracking().SingleAsync(cancellationToken);
            }
        }

        Apply(record);
        // A database from before the tickets report kept day counts gets them once, in the portal's time zone.
        await TicketStatsRebuild.EnsureBuiltAsync(db, store.Portal, cancellationToken);
        // A database from before service levels gets business hours, the standard policy and due times once.
        await ServiceLevels.ServiceLevelSetup.EnsureAsync(db, store.Portal, clock.GetUtcNow().UtcDateTime, cancellationToken);
    }

    public async Task<AgencySettingsView> GetAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        RequireAdmin(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var record = await RecordAsync(db, cancellationToken);
        var logo = record.LogoId is { } logoId
            ? await db.AgencyLogos.AsNoTracking().Where(l => l.Id == logoId).Select(l => new { l.ContentType, l.Width, l.Height, Size = l.Content.Length }).SingleAsync(cancellationToken)
            : null;
        return new AgencySettingsView(
            ToInput(record),
            record.LogoId,
            logo is null ? null : $"{(logo.ContentType == AgencyLogoRules.Png ? "PNG" : "JPEG")}, {logo.Width} × {logo.Height} px, {AgencyLogoRules.Size(logo.Size)}",
            await HistoryLockAsync(db, cancellationToken),
            record.UpdatedAtUtc,
            record.ConcurrencyStamp);
    }

    /// <summary>
    /// Saves every field at once or none: field messages for bad values, a conflict when someone saved since the form
    /// opened. The time zone and currency refuse to move once a billing period or invoice exists.
    /// </summary>
    public async Task<Guid> SaveAsync(Actor actor, AgencySettingsInput input, Guid concurrencyStamp, CancellationToken cancellationToken = default)
    {
        RequireAdmin(actor);
        AgencySettingsRules.Validate(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.AgencySettings.SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("The agency settings");
        var timeZone = input.TimeZoneId.Trim();
        var currency = input.Currency.Trim().ToUpperInvariant();
        if (timeZone != record.TimeZoneId || currency != record.Currency)
        {
            var locked = await HistoryLockAsync(db, cancellationToken);
            if (locked is not null)
            {
                var validation = new Validation();
                validation.Check(timeZone == record.TimeZoneId, nameof(input.TimeZoneId), locked);
                validation.Check(currency == record.Currency, nameof(input.Currency), locked);
                validation.ThrowIfInvalid();
            }
        }

        var before = ToInput(record);
        db.Entry(record).Property(r => r.ConcurrencyStamp).OriginalValue = concurrencyStamp;
        record.Name = input.Name.Trim();
        record.AddressLines = string.Join('\n', AgencySettingsRules.AddressLines(input.Address));
        record.Email = input.Email.Trim();
        record.Phone = input.Phone?.Trim() ?? string.Empty;
        record.PaymentInstructions = input.PaymentInstructions?.Trim() ?? string.Empty;
        record.BankName = input.BankName?.Trim() ?? string.Empty;
        record.BankAccountHolder = input.BankAccountHolder?.Trim() ?? string.Empty;
        record.BankAccountNumber = input.BankAccountNumber?.Trim() ?? string.Empty;
        record.BankRoutingNumber = input.BankRoutingNumber?.Trim() ?? string.Empty;
        record.BankIban = AgencySettingsRules.Compact(input.BankIban);
        record.BankBic = AgencySettingsRules.Compact(input.BankBic);
        record.DefaultPaymentTermsDays = input.DefaultPaymentTermsDays;
        record.DefaultTaxRateBasisPoints = input.DefaultTaxRateBasisPoints;
        record.InvoicePrefix = input.InvoicePrefix.Trim();
        record.TimeZoneId = timeZone;
        record.Currency = currency;
        record.PortalBaseUrl = input.PortalBaseUrl.Trim().TrimEnd('/');
        var (was, now) = Differences(before, ToInput(record));
        if (was is null && now is null)
        {
            return record.ConcurrencyStamp;
        }

        record.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        record.ConcurrencyStamp = Guid.NewGuid();
        audit.Add(db, actor, AuditKinds.AgencySettingsChanged, "Agency settings", null, was, now);
        await ConcurrencyGuard.SaveAsync(db, "agency's settings", cancellationToken);
        var movedDays = record.TimeZoneId != before.TimeZoneId;
        Apply(record);
        if (movedDays)
        {
            // Tickets now fall on other local days: the tickets report's day counts are counted again in the new zone.
            await TicketStatsRebuild.RebuildAsync(db, store.Portal, cancellationToken);
            // Business hours are local hours: open tickets' due times move with the zone.
            await ServiceLevels.SlaRebuild.RecomputeOpenAsync(db, store.Portal, cancellationToken);
        }

        await PublishAsync();
        return record.ConcurrencyStamp;
    }

    /// <summary>Checks and stores a new logo (PNG or JPEG) and makes it the agency's; the old one stays for old invoices.</summary>
    public async Task<int> SetLogoAsync(Actor actor, byte[] content, string fileName, CancellationToken cancellationToken = default)
    {
        RequireAdmin(actor);
        var checkedLogo = AgencyLogoRules.Check(content, fileName);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var record = await RecordAsync(db, cancellationToken, tracked: true);
        var logo = new AgencyLogo
        {
            Content = content,
            ContentType = checkedLogo.ContentType,
            Width = checkedLogo.Width,
            Height = checkedLogo.Height,
            UploadedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.AgencyLogos.Add(logo);
        await db.SaveChangesAsync(cancellationToken);
        var previous = record.LogoId;
        record.LogoId = logo.Id;
        record.UpdatedAtUtc = logo.UploadedAtUtc;
        record.ConcurrencyStamp = Guid.NewGuid();
        audit.Add(db, actor, AuditKinds.AgencySettingsChanged, "Agency logo", null,
            previous is null ? "Logo: none" : $"Logo: #{previous}", $"Logo: #{logo.Id} ({fileName.Trim()}, {logo.Width} × {logo.Height} px)");
        await db.SaveChangesAsync(cancellationToken);
        Apply(record);
        await PublishAsync();
        return logo.Id;
    }

    public async Task RemoveLogoAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        RequireAdmin(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var record = await RecordAsync(db, cancellationToken, tracked: true);
        if (record.LogoId is not { } previous)
        {
            return;
        }

        record.LogoId = null;
        record.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        record.ConcurrencyStamp = Guid.NewGuid();
        audit.Add(db, actor, AuditKinds.AgencySettingsChanged, "Agency logo", null, $"Logo: #{previous}", "Logo: none");
        await db.SaveChangesAsync(cancellationToken);
        Apply(record);
        await PublishAsync();
    }

    /// <summary>A logo's bytes for its public address (the sign-in page and e-mails show it to anyone), or null.</summary>
    public async Task<(byte[] Content, string ContentType)?> GetLogoAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var logo = await db.AgencyLogos.AsNoTracking().Where(l => l.Id == id).Select(l => new { l.Content, l.ContentType }).SingleOrDefaultAsync(cancellationToken);
        return logo is null ? null : (logo.Content, logo.ContentType);
    }

    /// <summary>Why the time zone and currency cannot change, or null while nothing has been billed.</summary>
    private static async Task<string?> HistoryLockAsync(KtPortalDbContext db, CancellationToken cancellationToken) =>
        await db.BillingPeriods.AnyAsync(cancellationToken) || await db.Invoices.AnyAsync(cancellationToken)
            ? "Locked: billing periods or invoices exist. Their dates and amounts were worked out in this time zone and currency, and changing either would rewrite them."
            : null;

    private AgencySettingsRecord FromDefaults()
    {
        var agency = store.Defaults;
        var portal = store.PortalDefaults;
        return new AgencySettingsRecord
        {
            Name = agency.Name,
            AddressLines = string.Join('\n', agency.AddressLines),
            Email = agency.Email,
            Phone = agency.Phone,
            PaymentInstructions = agency.PaymentInstructions,
            BankName = agency.Bank.BankName,
            BankAccountHolder = agency.Bank.AccountHolder,
            BankAccountNumber = agency.Bank.AccountNumber,
            BankRoutingNumber = agency.Bank.RoutingNumber,
            BankIban = agency.Bank.Iban,
            BankBic = agency.Bank.Bic,
            DefaultPaymentTermsDays = agency.DefaultPaymentTermsDays,
            DefaultTaxRateBasisPoints = agency.DefaultTaxRateBasisPoints,
            InvoicePrefix = agency.InvoicePrefix,
            TimeZoneId = portal.TimeZone.Id,
            Currency = portal.Currency,
            PortalBaseUrl = agency.PortalUrl,
            UpdatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
    }

    private void Apply(AgencySettingsRecord record)
    {
        var agency = store.Defaults with
        {
            Name = record.Name,
            AddressLines = record.AddressLines.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            Email = record.Email,
            Phone = record.Phone,
            PaymentInstructions = record.PaymentInstructions,
            Bank = new BankDetails
            {
                BankName = record.BankName,
                AccountHolder = record.BankAccountHolder,
                AccountNumber = record.BankAccountNumber,
                RoutingNumber = record.BankRoutingNumber,
                Iban = record.BankIban,
                Bic = record.BankBic,
            },
            LogoId = record.LogoId,
            DefaultPaymentTermsDays = record.DefaultPaymentTermsDays,
            DefaultTaxRateBasisPoints = record.DefaultTaxRateBasisPoints,
            InvoicePrefix = record.InvoicePrefix,
            PortalBaseUrl = record.PortalBaseUrl,
        };
        var portal = store.Portal.TimeZone.Id == record.TimeZoneId && store.Portal.Currency == record.Currency
            ? store.Portal
            : new PortalSettings(record.TimeZoneId, record.Currency);
        store.Apply(agency, portal);
    }

    private static AgencySettingsInput ToInput(AgencySettingsRecord record) => new()
    {
        Name = record.Name,
        Address = record.AddressLines,
        Email = record.Email,
        Phone = record.Phone,
        PaymentInstructions = record.PaymentInstructions,
        BankName = record.BankName,
        BankAccountHolder = record.BankAccountHolder,
        BankAccountNumber = record.BankAccountNumber,
        BankRoutingNumber = record.BankRoutingNumber,
        BankIban = record.BankIban,
        BankBic = record.BankBic,
        DefaultPaymentTermsDays = record.DefaultPaymentTermsDays,
        DefaultTaxRateBasisPoints = record.DefaultTaxRateBasisPoints,
        InvoicePrefix = record.InvoicePrefix,
        TimeZoneId = record.TimeZoneId,
        Currency = record.Currency,
        PortalBaseUrl = record.PortalBaseUrl,
    };

    private static (string? Before, string? After) Differences(AgencySettingsInput before, AgencySettingsInput after) =>
        AuditTrail.Changes([.. new (string Field, string? Before, string? After)[]
        {
            ("Name", before.Name, after.Name),
            ("Address", before.Address.Replace("\n", ", ", StringComparison.Ordinal), after.Address.Replace("\n", ", ", StringComparison.Ordinal)),
            ("E-mail", before.Email, after.Email),
            ("Phone", before.Phone, after.Phone),
            ("Payment instructions", before.PaymentInstructions, after.PaymentInstructions),
            ("Bank", before.BankName, after.BankName),
            ("Account holder", before.BankAccountHolder, after.BankAccountHolder),
            ("Account number", before.BankAccountNumber, after.BankAccountNumber),
            ("Routing number", before.BankRoutingNumber, after.BankRoutingNumber),
            ("IBAN", before.BankIban, after.BankIban),
            ("BIC", before.BankBic, after.BankBic),
            ("Payment terms", $"{before.DefaultPaymentTermsDays} days", $"{after.DefaultPaymentTermsDays} days"),
            ("Tax rate", Percent(before.DefaultTaxRateBasisPoints), Percent(after.DefaultTaxRateBasisPoints)),
            ("Invoice prefix", before.InvoicePrefix, after.InvoicePrefix),
            ("Time zone", before.TimeZoneId, after.TimeZoneId),
            ("Currency", before.Currency, after.Currency),
            ("Portal address", before.PortalBaseUrl, after.PortalBaseUrl),
        }.Select(Shown)]);

    /// <summary>An empty field reads "—" in the trail, like a missing one.</summary>
    private static (string Field, string? Before, string? After) Shown((string Field, string? Before, string? After) field) =>
        (field.Field, string.IsNullOrEmpty(field.Before) ? null : field.Before, string.IsNullOrEmpty(field.After) ? null : field.After);

    private static string Percent(int basisPoints) =>
        (basisPoints / 100m).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "%";

    private static async Task<AgencySettingsRecord> RecordAsync(KtPortalDbContext db, CancellationToken cancellationToken, bool tracked = false)
    {
        var query = tracked ? db.AgencySettings : db.AgencySettings.AsNoTracking();
        return await query.SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("The agency settings");
    }

    private static void RequireAdmin(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdmin)
        {
            throw new NotFoundException("The agency settings");
        }
    }

    private Task PublishAsync() => notifier.PublishAsync(new PortalChange(PortalChange.Topics.Settings, "agency", null));
}
