using KtPortal.Domain.Audit;
using KtPortal.Domain.Common;
using KtPortal.Domain.SupportTypes;
using KtPortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Tests.Domain.Settings;

/// <summary>The support type list is a setting too: each addition, rename, retirement and restore is an audit row.</summary>
public sealed class SupportTypeAuditTests : DomainTestBase
{
    [Fact]
    public async Task ShouldAuditAddingRenamingRetiringAndRestoringASupportType_ButNotANoChange()
    {
        var admin = await Host.CreateUserAsync("owner@agency.test", PortalRoles.Admin, null);
        var id = await Host.WithAsync<SupportTypeService, int>(s => s.CreateAsync(admin, "Hosting"));
        await Host.WithAsync<SupportTypeService>(s => s.RenameAsync(admin, id, "Hosting & backups"));
        await Host.WithAsync<SupportTypeService>(s => s.RenameAsync(admin, id, "Hosting & backups"));
        await Host.WithAsync<SupportTypeService>(s => s.SetActiveAsync(admin, id, active: false));
        await Host.WithAsync<SupportTypeService>(s => s.SetActiveAsync(admin, id, active: true));

        await using var db = await Host.OpenDbAsync();
        var rows = await db.AuditEntries.Where(a => a.Kind == AuditKinds.SupportTypeChanged).OrderBy(a => a.Id)
            .Select(a => new { a.ActorUserId, a.Subject, a.Before, a.After }).ToListAsync();
        rows.Select(r => (r.Subject, r.Before, r.After)).Should().Equal(
            ("Hosting", null, "Added, active"),
            ("Hosting & backups", "Name: Hosting", "Name: Hosting & backups"),
            ("Hosting & backups", "Active", "Retired"),
            ("Hosting & backups", "Retired", "Active"));
        rows.Should().OnlyContain(r => r.ActorUserId == admin.UserId);
    }
}
