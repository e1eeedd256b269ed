using KtPortal.Domain.Audit;
using KtPortal.Domain.Billing.Plans;
using KtPortal.Domain.Common;
using KtPortal.Domain.SupportTypes;
using KtPortal.Tests.TestSupport;
using KtPortal.Web.Features.Billing.Plans;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Tests.Domain.Settings;

/// <summary>Plan templates: the three built-ins as seed rows, kept by admins, audited, read by staff in the plan dialog.</summary>
public sealed class PlanTemplateServiceTests : BillingTestBase
{
    private Actor _admin = null!;

    protected override async Task SeedAsync()
    {
        await base.SeedAsync();
        _admin = await Host.CreateUserAsync("owner@agency.test", PortalRoles.Admin, null);
    }

    private Task<IReadOnlyList<PlanTemplateView>> ListAsync(Actor? actor = null) =>
        Host.WithAsync<PlanTemplateService, IReadOnlyList<PlanTemplateView>>(s => s.ListAsync(actor ?? Staff));

    private static PlanTemplateInput Input(string name = "Growth Retainer", int hours = 30) =>
        new(name, hours * 60, 1_400_00, [SupportType.TroubleshootingId], 110_00, null);

    [Fact]
    public async Task ShouldStartWithTheThreeBuiltInTemplates()
    {
        var templates = await ListAsync();

        templates.Select(t => (t.Name, t.IncludedMinutes, t.MonthlyFeeMinor)).Should().Equal(
            ("Basic Maintenance", 600, 500_00), ("Standard Maintenance", 1200, 950_00), ("Premium Maintenance", 2400, 1_800_00));
        templates.Should().OnlyContain(t => t.DevelopmentRateMinor == null && t.SupportRateMinor == null, "the built-ins keep each client's rates");
    }

    [Fact]
    public async Task ShouldLetAnAdminAddChangeAndRemoveATemplate_AuditingEach()
    {
        var id = await Host.WithAsync<PlanTemplateService, int>(s => s.CreateAsync(_admin, Input()));
        var added = (await ListAsync()).Single(t => t.Id == id);
        added.Should().Match<PlanTemplateView>(t => t.IncludedMinutes == 1800 && t.DevelopmentRateMinor == 110_00 && t.SupportRateMinor == null);

        await Host.WithAsync<PlanTemplateService, Guid>(s => s.UpdateAsync(_admin, id, Input(hours: 35), added.ConcurrencyStamp));
        (await ListAsync()).Single(t => t.Id == id).IncludedMinutes.Should().Be(2100);
        await Host.WithAsync<PlanTemplateService>(s => s.DeleteAsync(_admin, id));
        (await ListAsync()).Should().NotContain(t => t.Id == id);

        await using var db = await Host.OpenDbAsync();
        var kinds = await db.AuditEntries.Where(a => a.Subject == "Growth Retainer").OrderBy(a => a.Id).Select(a => new { a.Kind, a.Before, a.After }).ToListAsync();
        kinds.Select(k => k.Kind).Should().Equal(AuditKinds.PlanTemplateCreated, AuditKinds.PlanTemplateChanged, AuditKinds.PlanTemplateRemoved);
        kinds[1].Before.Should().Contain("30 h");
        kinds[1].After.Should().Contain("35 h").And.Contain("support the client's rate").And.Contain("development $110.00/h");
    }

    [Fact]
    public async Task ShouldRefuseADuplicateNameOrBadValues_AndSaveNothing()
    {
        var duplicate = () => Host.WithAsync<PlanTemplateService, int>(s => s.CreateAsync(_admin, Input("basic maintenance")));
        (await duplicate.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Keys.Should().Equal(nameof(PlanTemplateInput.Name));

        var bad = () => Host.WithAsync<PlanTemplateService, int>(s => s.CreateAsync(_admin,
            new PlanTemplateInput(" ", -60, -1, [999], -5, PlanRules.MaxAmountMinor + 1)));
        (await bad.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Keys.Should().BeEquivalentTo(
            nameof(PlanTemplateInput.Name), nameof(PlanTemplateInput.IncludedMinutes), nameof(PlanTemplateInput.MonthlyFeeMinor),
            nameof(PlanTemplateInput.CoveredSupportTypeIds), nameof(PlanTemplateInput.DevelopmentRateMinor), nameof(PlanTemplateInput.SupportRateMinor));
        (await ListAsync()).Should().HaveCount(3);
    }

    [Fact]
    public async Task ShouldLetStaffReadTemplates_ButOnlyAdminsChangeThem_AndClientsNeither()
    {
        var basic = (await ListAsync())[0];
        var create = () => Host.WithAsync<PlanTemplateService, int>(s => s.CreateAsync(Staff, Input()));
        var change = () => Host.WithAsync<PlanTemplateService, Guid>(s => s.UpdateAsync(Staff, basic.Id, Input(), basic.ConcurrencyStamp));
        var remove = () => Host.WithAsync<PlanTemplateService>(s => s.DeleteAsync(Staff, basic.Id));
        var clientRead = () => ListAsync(Alice);

        await create.Should().ThrowAsync<NotFoundException>();
        await change.Should().ThrowAsync<NotFoundException>();
        await remove.Should().ThrowAsync<NotFoundException>();
        await clientRead.Should().ThrowAsync<ForbiddenException>();
    }

    [Fact]
    public async Task ShouldLeaveAPlanMadeFromATemplateAsItIs_WhenTheTemplateChangesOrGoes()
    {
        var basic = (await ListAsync()).Single(t => t.Name == "Basic Maintenance");
        await CreatePlanAsync(AcmeId, ExamplePlan());
        await Host.WithAsync<PlanTemplateService, Guid>(s => s.UpdateAsync(_admin, basic.Id, Input("Basic Maintenance", 12), basic.ConcurrencyStamp));
        await Host.WithAsync<PlanTemplateService>(s => s.DeleteAsync(_admin, basic.Id));

        await using var db = await Host.OpenDbAsync();
        (await db.Plans.SingleAsync()).Should().Match<Plan>(p => p.Name == "Basic Maintenance" && p.IncludedMinutes == 600 && p.MonthlyFeeMinor == 500_00);
    }

    [Fact]
    public void ShouldFillThePlanForm_WithTheTemplatesRatesOnlyWhereItSetsThem()
    {
        var model = new PlanFormModel { DevelopmentRate = "120.00", SupportRate = "95.00" };
        var template = new PlanTemplateView(4, "Growth", 1800, 1_400_00, [SupportType.TroubleshootingId, 99], 110_00, null, Guid.NewGuid());

        model.Apply(template, [SupportType.TroubleshootingId, SupportType.WordPressId]);

        model.Name.Should().Be("Growth");
        model.IncludedHours.Should().Be("30");
        model.MonthlyFee.Should().Be("1400");
        model.DevelopmentRate.Should().Be("110", "the template sets it");
        model.SupportRate.Should().Be("95.00", "the template leaves it to the client's rate card");
        model.CoveredSupportTypeIds.Should().BeEquivalentTo([SupportType.TroubleshootingId], "a type that can no longer be chosen is left out");
    }
}
