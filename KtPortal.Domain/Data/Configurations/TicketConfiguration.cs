using KtPortal.Domain.Accounts;
using KtPortal.Domain.Clients;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KtPortal.Domain.Data.Configurations;

internal sealed class TicketConfiguration : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> builder)
    {
        builder.HasIndex(t => t.Number).IsUnique();
        builder.Property(t => t.Title).HasMaxLength(TicketRules.TitleMaxLength).IsRequired();
        builder.Property(t => t.Description).IsRequired();
        builder.Property(t => t.Type).HasConversion<string>().HasMaxLength(32);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(t => t.Source).HasConversion<string>().HasMaxLength(16);

        // Stored as its number so that "order by priority" sorts Urgent above Low in SQL.
        builder.Property(t => t.Priority);
        builder.Property(t => t.ConcurrencyStamp).IsConcurrencyToken();
        builder.Property(t => t.SlaStage).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.SlaAlert).HasConversion<string>().HasMaxLength(16);

        builder.HasOne<Client>().WithMany().HasForeignKey(t => t.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<SupportType>().WithMany().HasForeignKey(t => t.SupportTypeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(t => t.RequesterId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(t => t.AssigneeId).OnDelete(DeleteBehavior.Restrict);

        // The board and lists read one status at a time, newest activity first, optionally per client,
        // assignee or requester; these indexes serve those orders without sorting 100k rows.
        builder.HasIndex(t => new { t.Status, t.UpdatedAtUtc, t.Number });
        builder.HasIndex(t => new { t.ClientId, t.Status, t.UpdatedAtUtc, t.Number });
        builder.HasIndex(t => new { t.AssigneeId, t.Status, t.UpdatedAtUtc });
        builder.HasIndex(t => new { t.RequesterId, t.UpdatedAtUtc });
        builder.HasIndex(t => new { t.ClientId, t.UpdatedAtUtc, t.Number });
        builder.HasIndex(t => new { t.UpdatedAtUtc, t.Number });
        builder.HasIndex(t => new { t.Status, t.ResolvedAtUtc });
        // The tickets report: created per week and response times over a range of days, the backlog by age, one
        // client's tickets, and (with the minutes first) the exact percentile inside the one band the day counts point to.
        builder.HasIndex(t => t.CreatedAtUtc);
        builder.HasIndex(t => new { t.Status, t.CreatedAtUtc });
        builder.HasIndex(t => new { t.ClientId, t.CreatedAtUtc });
        builder.HasIndex(t => new { t.ClientId, t.ResolvedAtUtc });
        builder.HasIndex(t => new { t.FirstResponseMinutes, t.CreatedAtUtc });
        builder.HasIndex(t => new { t.Priority, t.Type, t.FirstResponseMinutes, t.CreatedAtUtc });
        builder.HasIndex(t => new { t.ResolutionMinutes, t.ResolvedAtUtc });
        builder.HasIndex(t => new { t.Priority, t.Type, t.ResolutionMinutes, t.ResolvedAtUtc });
        // Service levels: the alerts job finds what passed its at-risk or due instant, the board sorts by due time.
        builder.HasIndex(t => new { t.SlaAtRiskUtc, t.SlaAlert });
        builder.HasIndex(t => new { t.Status, t.SlaDueUtc, t.Number });
        builder.HasIndex(t => new { t.ClientId, t.CreatedAtUtc, t.Priority, t.SlaResponseMet, t.SlaResolutionMet });
    }
}

internal sealed class TicketDayStatConfiguration : IEntityTypeConfiguration<Tickets.Stats.TicketDayStat>
{
    public void Configure(EntityTypeBuilder<Tickets.Stats.TicketDayStat> builder)
    {
        builder.HasKey(s => new { s.Day, s.Measure, s.Priority, s.Type, s.Band });
        // The report's two sums over a range of days read this index alone, never the rows.
        builder.HasIndex(s => new { s.Day, s.Measure, s.Priority, s.Type, s.Band, s.Count });
        builder.Property(s => s.Type).HasConversion<string>().HasMaxLength(32);
    }
}

internal sealed class TicketCommentConfiguration : IEntityTypeConfiguration<TicketComment>
{
    public void Configure(EntityTypeBuilder<TicketComment> builder)
    {
        builder.Property(c => c.Body).IsRequired();
        builder.HasOne<Ticket>().WithMany().HasForeignKey(c => c.TicketId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.TicketId, c.CreatedAtUtc });
    }
}

internal sealed class TicketAttachmentConfiguration : IEntityTypeConfiguration<TicketAttachment>
{
    public void Configure(EntityTypeBuilder<TicketAttachment> builder)
    {
        builder.Property(a => a.FileName).HasMaxLength(AttachmentRules.FileNameMaxLength).IsRequired();
        builder.Property(a => a.StoredName).HasMaxLength(64).IsRequired();
        builder.Property(a => a.ContentType).HasMaxLength(128).IsRequired();
        builder.HasIndex(a => a.StoredName).IsUnique();
        builder.HasOne<Ticket>().WithMany().HasForeignKey(a => a.TicketId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<TicketComment>().WithMany().HasForeignKey(a => a.CommentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(a => a.UploadedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.TicketId);
    }
}

internal sealed class TicketActivityConfiguration : IEntityTypeConfiguration<TicketActivity>
{
    public void Configure(EntityTypeBuilder<TicketActivity> builder)
    {
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.Detail).HasMaxLength(1000).IsRequired();
        builder.HasOne<Ticket>().WithMany().HasForeignKey(a => a.TicketId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(a => a.ActorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.TicketId, a.CreatedAtUtc });
    }
}

internal sealed class TicketWatcherConfiguration : IEntityTypeConfiguration<TicketWatcher>
{
    public void Configure(EntityTypeBuilder<TicketWatcher> builder)
    {
        builder.HasKey(w => new { w.TicketId, w.UserId });
        builder.HasIndex(w => w.UserId);
        builder.HasOne<Ticket>().WithMany().HasForeignKey(w => w.TicketId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(w => w.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
