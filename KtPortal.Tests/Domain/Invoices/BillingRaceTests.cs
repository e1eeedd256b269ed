using KtPortal.Domain.Data;
using KtPortal.Domain.Invoices;
using KtPortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Domain.Invoices;

/// <summary>
/// Billing runs on several instances at once (issue 26): a run that loses a race for a period's pending-charges draft
/// ends quietly, with one draft and the right lines. The rival is another connection to the same database that writes
/// the draft just before this run saves its own, as a second instance would.
/// </summary>
public sealed class BillingRaceTests : InvoiceTestBase
{
    private readonly RivalDraftWriter _rival = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddSingleton<IInterceptor>(_rival);
    }

    [Fact]
    public async Task ShouldEndQuietlyWithOneDraft_WhenAnotherRunWroteThePendingChargesFirst()
    {
        await CreatePlanAsync(AcmeId, ExamplePlan());
        var fix = await TicketAsync(Alice);
        await LogAsync(fix, "11h");

        // The draft is gone (time written around the services, say); the run will write it again, and the rival first.
        await using (var db = await Host.OpenDbAsync())
        {
            (await db.Invoices.Where(i => i.Kind == InvoiceKind.Usage).ExecuteDeleteAsync()).Should().Be(1);
        }

        _rival.Armed = true;
        var result = await RunAsync(Host.Clock.GetUtcNow());

        _rival.Fired.Should().BeTrue("the rival wrote its draft before the run saved");
        result.DraftsUpdated.Should().Be(1);
        await using var after = await Host.OpenDbAsync();
        var draft = await after.Invoices.Include(i => i.Lines).SingleAsync(i => i.Kind == InvoiceKind.Usage);
        draft.Lines.Should().ContainSingle("the run brought the rival's bare draft in line").Which.Minutes.Should().Be(60);
        draft.TotalMinor.Should().Be(95_00);
    }

    /// <summary>Once armed, writes a bare usage draft for the same period from its own connection, then lets the save go on.</summary>
    private sealed class RivalDraftWriter : SaveChangesInterceptor
    {
        public const string Title = "Written by another instance";

        public bool Armed { get; set; }

        public bool Fired { get; private set; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var added = eventData.Context?.ChangeTracker.Entries<Invoice>()
                .FirstOrDefault(e => e.State == EntityState.Added && e.Entity.Kind == InvoiceKind.Usage && e.Entity.IsDraft)?.Entity;
            if (Armed && !Fired && added is not null)
            {
                Fired = true;
                var options = new DbContextOptionsBuilder<SqliteKtPortalDbContext>().UseSqlite(eventData.Context!.Database.GetConnectionString()).Options;
                await using var rival = new SqliteKtPortalDbContext(options);
                rival.Invoices.Add(new Invoice
                {
                    ClientId = added.ClientId,
                    Kind = InvoiceKind.Usage,
                    Status = InvoiceStatus.Draft,
                    BillingPeriodId = added.BillingPeriodId,
                    Title = Title,
                    CreatedAtUtc = added.CreatedAtUtc,
                    UpdatedAtUtc = added.UpdatedAtUtc,
                });
                await rival.SaveChangesAsync(cancellationToken);
            }

            return result;
        }
    }
}
