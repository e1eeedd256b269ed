using KtPortal.Domain.Accounts;
using KtPortal.Domain.Audit;
using KtPortal.Domain.Billing.Plans;
using KtPortal.Domain.Clients;
using KtPortal.Domain.Common;
using KtPortal.Domain.Invoices;
using KtPortal.Domain.SupportTypes;
using KtPortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Tests.Domain.Audit;

/// <summary>Each change the trail records, made through the service that makes it, and found in the trail.</summary>
public sealed class AuditTrailTests : DomainTestBase
{
    private static readonly Actor Admin = new("admin-actor", PortalRoles.Admin, null);
    private int _acme;
    private int _birch;
    private Actor _alice = null!;
    private Actor _carol = null!;

    protected override async Task SeedAsync()
    {
        _acme = await Host.CreateClientAsync("Acme Dental");
        _birch = await Host.CreateClientAsync("Birch & Co");
        _alice = await Host.CreateUserAsync("alice@acme.test", PortalRoles.ClientAdmin, _acme);
        _carol = await Host.CreateUserAsync("carol@acme.test", PortalRoles.ClientUser, _acme);
    }

    private async Task<List<AuditEntry>> RowsAsync(string kind)
    {
        await using var db = await Host.OpenDbAsync();
        return await db.AuditEntries.AsNoTracking().Where(a => a.Kind == kind).OrderBy(a => a.Id).ToListAsync();
    }

    private Task<AuditPage> ReadAsync(Actor actor, AuditFilter? filter = null) =>
        Host.WithAsync<AuditQueries, AuditPage>(q => q.ListAsync(actor, filter ?? AuditFilter.None, 0, 100));

    [Fact]
    public async Task ShouldRecordInvitationsWithdrawalsDeactivationsAndInvoiceAccess_ByWhoAndFromWhere()
    {
        var invitation = await Host.WithAsync<InvitationService, CreatedInvitation>(s => s.CreateAsync(_alice, new InvitationRequest(_acme, "dana@acme.test", "Dana", PortalRoles.ClientUser)));
        await Host.WithAsync<InvitationService>(s => s.RevokeAsync(_alice, invitation.Id));
        await Host.WithAsync<UserAccountService>(s => s.SetActiveAsync(_alice, _carol.UserId, active: false));
        await Host.WithAsync<UserAccountService>(s => s.SetActiveAsync(DomainTestHost.StaffActor, _carol.UserId, active: true));
        await Host.WithAsync<UserAccountService>(s => s.SetInvoiceAccessAsync(_alice, _carol.UserId, canView: true));

        var invited = (await RowsAsync(AuditKinds.PersonInvited)).Should().ContainSingle().Subject;
        (invited.ActorUserId, invited.ClientId, invited.Subject, invited.After, invited.IpAddress)
            .Should().Be((_alice.UserId, _acme, "dana@acme.test", "Dana, Client user", TestAuditOrigin.Address));
        (await RowsAsync(AuditKinds.InvitationWithdrawn)).Should().ContainSingle().Which.Subject.Should().Be("dana@acme.test");
        var off = (await RowsAsync(AuditKinds.PersonDeactivated)).Should().ContainSingle().Subject;
        (off.Subject, off.Before, off.After).Should().Be(("carol@acme.test", "Active", "Deactivated"));
        (await RowsAsync(AuditKinds.PersonReactivated)).Should().ContainSingle().Which.ActorUserId.Should().Be(DomainTestHost.StaffActor.UserId);
        (await RowsAsync(AuditKinds.InvoiceAccessChanged)).Should().ContainSingle().Which.After.Should().Be("Sees invoices");
    }

    [Fact]
    public async Task ShouldRecordANewClient_AndOnlyTheFieldsAnEditChanged_BeforeAndAfter()
    {
        (await RowsAsync(AuditKinds.ClientCreated)).Select(r => r.Subject).Should().Equal("Acme Dental", "Birch & Co");
        var before = (await Host.WithAsync<ClientQueries, ClientDetails?>(q => q.GetAsync(DomainTestHost.StaffActor, _acme)))!;

        await Host.WithAsync<ClientService, Guid>(s => s.UpdateAsync(DomainTestHost.StaffActor, _acme,
            new ClientInput("Acme Dental", "accounts@acme.test", 130_00, 95_00, 0, 14), before.ConcurrencyStamp));

        var changed = (await RowsAsync(AuditKinds.ClientChanged)).Should().ContainSingle().Subject;
        changed.Before.Should().Be($"Billing e-mail: {before.BillingEmail}; Development rate: $120.00/h");
        changed.After.Should().Be("Billing e-mail: accounts@acme.test; Development rate: $130.00/h");
        (changed.ActorUserId, changed.ClientId).Should().Be((DomainTestHost.StaffActor.UserId, (int?)_acme));
    }

    [Fact]
    public async Task ShouldRecordAPlanCreatedChangedAndEnded_WithItsTerms()
    {
        var input = new PlanInput("Basic Maintenance", 600, [SupportType.TroubleshootingId], 120_00, 95_00, 500_00, 1, new DateOnly(2026, 11, 1));
        var planId = await Host.WithAsync<PlanService, int>(s => s.CreateAsync(DomainTestHost.StaffActor, _acme, input));
        var stamp = await PlanStampAsync(planId);
        var newStamp = await Host.WithAsync<PlanService, Guid>(s => s.UpdateAsync(DomainTestHost.StaffActor, planId, input with { IncludedMinutes = 900 }, stamp));
        await Host.WithAsync<PlanService, DateOnly?>(s => s.EndAsync(DomainTestHost.StaffActor, planId, newStamp));

        (await RowsAsync(AuditKinds.PlanCreated)).Should().ContainSingle().Which.After.Should().StartWith("Basic Maintenance: 10 h, $500.00/month");
        var changed = (await RowsAsync(AuditKinds.PlanChanged)).Should().ContainSingle().Subject;
        (changed.Before!.Contains("10 h", StringComparison.Ordinal), changed.After!.Contains("15 h", StringComparison.Ordinal), changed.ClientId).Should().Be((true, true, (int?)_acme));
        (await RowsAsync(AuditKinds.PlanEnded)).Should().ContainSingle().Which.After.Should().StartWith("Ends after");
    }

    private async Task<Guid> PlanStampAsync(int planId)
    {
        await using var db = await Host.OpenDbAsync();
        return await db.Plans.Where(p => p.Id == planId).Select(p => p.ConcurrencyStamp).SingleAsync();
    }

    [Fact]
    public async Task ShouldRecordAnInvoiceIssuedVoidedAndPaid()
    {
        async Task<int> IssuedAsync()
        {
            var id = await Host.WithAsync<InvoiceService, int>(s => s.CreateDraftAsync(DomainTestHost.StaffActor,
                new InvoiceDraftInput(_acme, "Audit", "", [new InvoiceLineInput("Site audit", false, "1", 250m)])));
            await Host.WithAsync<InvoiceService>(async s => await s.IssueAsync(DomainTestHost.StaffActor, id, await StampAsync(id)));
            return id;
        }

        var voided = await IssuedAsync();
        var paid = await IssuedAsync();
        await Host.WithAsync<InvoiceService>(async s => await s.VoidAsync(DomainTestHost.StaffActor, voided, "Wrong client", await StampAsync(voided)));
        await Host.WithAsync<InvoiceService, int>(async s => await s.RecordPaymentAsync(DomainTestHost.StaffActor, paid,
            new PaymentInput(250_00, new DateOnly(2026, 11, 24), PaymentMethod.BankTransfer, "TRX-77"), await StampAsync(paid)));

        var issued = await RowsAsync(AuditKinds.InvoiceIssued);
        issued.Should().HaveCount(2).And.OnlyContain(r => r.After!.StartsWith("Issued: $250.00 to Acme Dental", StringComparison.Ordinal) && r.ClientId == _acme);
        (await RowsAsync(AuditKinds.InvoiceVoided)).Should().ContainSingle().Which.After.Should().Be("Void: Wrong client");
        (await RowsAsync(AuditKinds.PaymentRecorded)).Should().ContainSingle().Which.After.Should().Be("$250.00 by bank transfer on Nov 24, 2026 (ref TRX-77) → Paid, paid $250.00 of $250.00");
    }

    private async Task<Guid> StampAsync(int invoiceId) =>
        (await Host.WithAsync<InvoiceQueries, InvoiceDocument?>(q => q.GetAsync(DomainTestHost.StaffActor, invoiceId)))!.ConcurrencyStamp;

    [Fact]
    public async Task ShouldRefuseToChangeOrRemoveARow()
    {
        await using var db = await Host.OpenDbAsync();
        var row = await db.AuditEntries.FirstAsync();

        row.Subject = "Someone else";
        var change = () => db.SaveChangesAsync();
        (await change.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("append-only");

        db.ChangeTracker.Clear();
        db.AuditEntries.Remove(await db.AuditEntries.FirstAsync());
        var remove = () => db.SaveChangesAsync();
        await remove.Should().ThrowAsync<InvalidOperationException>();
    }

    [Fact]
    public async Task ShouldShowAdminsEverything_ClientAdminsTheirOwnClientsPeopleAndInvoices_AndNobodyElseAnything()
    {
        await Host.WithAsync<UserAccountService>(s => s.SetActiveAsync(_alice, _carol.UserId, active: false));
        var bob = await Host.CreateUserAsync("bob@birch.test", PortalRoles.ClientAdmin, _birch);
        var birchUser = await Host.CreateUserAsync("eve@birch.test", PortalRoles.ClientUser, _birch);
        await Host.WithAsync<UserAccountService>(s => s.SetActiveAsync(bob, birchUser.UserId, active: false));

        (await ReadAsync(Admin)).Items.Select(r => r.Kind).Should().Contain([AuditKinds.ClientCreated, AuditKinds.PersonDeactivated]);
        var alices = (await ReadAsync(_alice)).Items;
        alices.Should().ContainSingle().Which.Subject.Should().Be("carol@acme.test", "her client's people; not client creation, not Birch");
        alices[0].ActorName.Should().Contain("alice@acme.test");
        (await ReadAsync(_alice, new AuditFilter(ClientId: _birch))).Items.Should().BeEmpty("a client filter cannot reach another client");

        foreach (var nobody in new[] { DomainTestHost.StaffActor, _carol })
        {
            var read = () => ReadAsync(nobody);
            await read.Should().ThrowAsync<NotFoundException>();
        }
    }

    [Fact]
    public async Task ShouldFilterByKindClientAndPortalDates()
    {
        Host.Clock.Advance(TimeSpan.FromDays(2));
        await Host.WithAsync<UserAccountService>(s => s.SetActiveAsync(_alice, _carol.UserId, active: false));

        (await ReadAsync(Admin, new AuditFilter(Kind: AuditKinds.PersonDeactivated))).Items.Should().ContainSingle();
        (await ReadAsync(Admin, new AuditFilter(ClientId: _birch))).Items.Select(r => r.Kind).Should().Equal(AuditKinds.ClientCreated);
        var today = new DateOnly(2026, 11, 26);
        (await ReadAsync(Admin, new AuditFilter(From: today, To: today))).Items.Select(r => r.Kind).Should().Equal(AuditKinds.PersonDeactivated);
        (await ReadAsync(Admin, new AuditFilter(To: today.AddDays(-1)))).Items.Should().NotContain(r => r.Kind == AuditKinds.PersonDeactivated);
    }
}
