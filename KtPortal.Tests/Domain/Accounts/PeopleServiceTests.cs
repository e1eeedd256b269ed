using KtPortal.Domain.Accounts;
using KtPortal.Domain.Audit;
using KtPortal.Domain.Common;
using KtPortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Tests.Domain.Accounts;

/// <summary>Admins manage the agency's people: who signs in, in what role; the portal never loses its last admin.</summary>
public sealed class PeopleServiceTests : DomainTestBase
{
    private Actor _avery = null!;
    private Actor _blake = null!;
    private Actor _sam = null!;

    protected override async Task SeedAsync()
    {
        _avery = await Host.CreateUserAsync("avery@kt.test", PortalRoles.Admin, null);
        _blake = await Host.CreateUserAsync("blake@kt.test", PortalRoles.Admin, null);
        _sam = await Host.CreateUserAsync("sam@kt.test", PortalRoles.Staff, null);
        var acme = await Host.CreateClientAsync("Acme Dental");
        await Host.CreateUserAsync("alice@acme.test", PortalRoles.ClientAdmin, acme);
    }

    private Task<IReadOnlyList<StaffMember>> ListAsync(Actor actor) =>
        Host.WithAsync<PeopleService, IReadOnlyList<StaffMember>>(s => s.ListStaffAsync(actor));

    private Task SetActiveAsync(Actor actor, Actor who, bool active) => Host.WithAsync<PeopleService>(s => s.SetActiveAsync(actor, who.UserId, active));

    private Task ChangeRoleAsync(Actor actor, Actor who, string role) => Host.WithAsync<PeopleService>(s => s.ChangeRoleAsync(actor, who.UserId, role));

    [Fact]
    public async Task ShouldListTheAgencysPeople_WithRoleTwoFactorAndLastSignIn_AndNoClientUsers()
    {
        await Host.WithAsync<SignInAudit>(s => s.RecordForUserAsync(AuditKinds.SignIn, _sam.UserId));

        var people = await ListAsync(_avery);

        people.Select(p => (p.Email, p.Role)).Should().BeEquivalentTo(
            [("avery@kt.test", PortalRoles.Admin), ("blake@kt.test", PortalRoles.Admin), ("sam@kt.test", PortalRoles.Staff)]);
        var sam = people.Single(p => p.Email == "sam@kt.test");
        (sam.IsActive, sam.TwoFactorEnabled, sam.LastSignInUtc).Should().Be((true, false, (DateTime?)DomainTestHost.Start.UtcDateTime));
        people.Single(p => p.Email == "blake@kt.test").LastSignInUtc.Should().BeNull("never signed in");
    }

    [Fact]
    public async Task ShouldEndTheSessionsOfADeactivatedPerson_AndLetThemBack()
    {
        await using (var db = await Host.OpenDbAsync())
        {
            db.UserSessions.Add(new UserSession { Id = "s1", UserId = _sam.UserId, CreatedAtUtc = Host.Clock.GetUtcNow().UtcDateTime, LastSeenAtUtc = Host.Clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync();
        }

        await SetActiveAsync(_avery, _sam, active: false);

        await using (var db = await Host.OpenDbAsync())
        {
            (await db.UserSessions.AnyAsync(s => s.UserId == _sam.UserId)).Should().BeFalse("their cookies stop working at once");
            (await db.Users.SingleAsync(u => u.Id == _sam.UserId)).IsActive.Should().BeFalse();
            (await db.AuditEntries.SingleAsync(a => a.Kind == AuditKinds.PersonDeactivated)).Subject.Should().Be("sam@kt.test");
        }

        await SetActiveAsync(_avery, _sam, active: true);
        (await ListAsync(_avery)).Single(p => p.UserId == _sam.UserId).IsActive.Should().BeTrue();
    }

    [Fact]
    public async Task ShouldChangeARole_AndRecordIt()
    {
        await ChangeRoleAsync(_avery, _sam, PortalRoles.Admin);

        (await ListAsync(_avery)).Single(p => p.UserId == _sam.UserId).Role.Should().Be(PortalRoles.Admin);
        await using var db = await Host.OpenDbAsync();
        var row = await db.AuditEntries.SingleAsync(a => a.Kind == AuditKinds.RoleChanged);
        (row.Subject, row.Before, row.After, row.ActorUserId).Should().Be(("sam@kt.test", PortalRoles.Staff, PortalRoles.Admin, _avery.UserId));
    }

    [Fact]
    public async Task ShouldKeepTheLastActiveAdmin()
    {
        await SetActiveAsync(_avery, _blake, active: false);

        var demoteSelf = () => ChangeRoleAsync(_avery, _avery, PortalRoles.Staff);
        var deactivateSelf = () => SetActiveAsync(_avery, _avery, active: false);
        (await demoteSelf.Should().ThrowAsync<DomainException>()).Which.Message.Should().Contain("last active admin");
        (await deactivateSelf.Should().ThrowAsync<DomainException>()).Which.Message.Should().Contain("your own account");

        await SetActiveAsync(_avery, _blake, active: true);
        await ChangeRoleAsync(_avery, _blake, PortalRoles.Staff);
        var demoteLast = () => ChangeRoleAsync(_blake with { Role = PortalRoles.Admin }, _avery, PortalRoles.Staff);
        (await demoteLast.Should().ThrowAsync<DomainException>()).Which.Message.Should().Contain("last active admin");
    }

    [Fact]
    public async Task ShouldBeForAdminsOnly_AndRefuseAnUnknownRoleOrAClientUser()
    {
        var asStaff = () => ListAsync(_sam);
        await asStaff.Should().ThrowAsync<NotFoundException>();

        var badRole = () => ChangeRoleAsync(_avery, _sam, PortalRoles.ClientAdmin);
        (await badRole.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Should().ContainKey("Role");

        await using var db = await Host.OpenDbAsync();
        var alice = await db.Users.SingleAsync(u => u.Email == "alice@acme.test");
        var clientUser = () => Host.WithAsync<PeopleService>(s => s.SetActiveAsync(_avery, alice.Id, active: false));
        await clientUser.Should().ThrowAsync<NotFoundException>("client users are managed on their client");
    }
}
