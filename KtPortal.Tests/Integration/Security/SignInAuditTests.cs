using KtPortal.Domain.Accounts;
using KtPortal.Domain.Audit;
using KtPortal.Domain.Clients;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Integration.Security;

/// <summary>Every sign-in, failed sign-in, lockout and sign-out through the real pages leaves its row in the audit trail.</summary>
public sealed class SignInAuditTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    private async Task<string> NewUserAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var invitations = scope.ServiceProvider.GetRequiredService<InvitationService>();
        var acme = (await scope.ServiceProvider.GetRequiredService<ClientQueries>().ListAsync(Actor.System)).First(c => c.Name == DemoData.AcmeName);
        var invitation = await invitations.CreateAsync(Actor.System, new InvitationRequest(acme.Id, email, "Audited", PortalRoles.ClientUser));
        return await invitations.AcceptAsync(invitation.Token, DemoData.Password);
    }

    private async Task<List<AuditEntry>> RowsAsync(string subject)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<KtPortalDbContext>>().CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().Where(a => a.Subject == subject).OrderBy(a => a.Id).ToListAsync();
    }

    [Fact]
    public async Task ShouldRecordASignInAFailureAndASignOut_ForTheAccount()
    {
        var userId = await NewUserAsync("audited@acme.test");
        using var client = PortalClient.Create(factory);

        using (await client.PostSignInAsync("audited@acme.test", "Wrong123!"))
        {
        }

        await client.SignInAsync("audited@acme.test");
        using (await client.SignOutAsync())
        {
        }

        var rows = (await RowsAsync("audited@acme.test")).Where(r => r.Kind != AuditKinds.PersonInvited).ToList();
        rows.Select(r => r.Kind).Should().Equal(AuditKinds.SignInFailed, AuditKinds.SignIn, AuditKinds.SignOut);
        rows.Should().OnlyContain(r => r.ActorUserId == userId && r.ClientId != null);
    }

    [Fact]
    public async Task ShouldRecordAFailedSignInForAnUnknownAddress_AsTyped_WithNobodyAsTheActor()
    {
        using var client = PortalClient.Create(factory);

        using (await client.PostSignInAsync("nobody-here@nowhere.test", "Wrong123!"))
        {
        }

        var row = (await RowsAsync("nobody-here@nowhere.test")).Should().ContainSingle().Subject;
        (row.Kind, row.ActorUserId, row.ClientId).Should().Be((AuditKinds.SignInFailed, (string?)null, (int?)null));
    }

    [Fact]
    public async Task ShouldRecordTheLockout()
    {
        await NewUserAsync("audit-locked@acme.test");
        using var client = PortalClient.Create(factory);
        for (var i = 0; i < 5; i++)
        {
            using var _ = await client.PostSignInAsync("audit-locked@acme.test", "Wrong123!");
        }

        using (await client.PostSignInAsync("audit-locked@acme.test", DemoData.Password))
        {
        }

        var kinds = (await RowsAsync("audit-locked@acme.test")).Select(r => r.Kind).ToList();
        kinds.Should().Contain(AuditKinds.Lockout).And.NotContain(AuditKinds.SignIn, "the right password is refused while locked");
    }
}
