using KtPortal.Domain.Email.Outbound;
using KtPortal.Domain.Accounts;
using KtPortal.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KtPortal.Domain.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.Property(n => n.Title).HasMaxLength(Notification.TitleMaxLength).IsRequired();
        builder.Property(n => n.Body).HasMaxLength(Notification.BodyMaxLength).IsRequired();
        builder.Property(n => n.Link).HasMaxLength(400).IsRequired();
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => new { n.UserId, n.ReadAtUtc, n.CreatedAtUtc });
        builder.Property(n => n.SourceKey).HasMaxLength(Notification.SourceKeyMaxLength);
        builder.HasIndex(n => n.SourceKey);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.Property(m => m.IdempotencyKey).HasMaxLength(200).IsRequired();
        builder.HasIndex(m => m.IdempotencyKey).IsUnique();
        builder.Property(m => m.Attachment).HasMaxLength(100);
        builder.Property(m => m.Kind).HasMaxLength(64).IsRequired();
        builder.Property(m => m.ToAddress).HasMaxLength(256).IsRequired();
        builder.Property(m => m.Subject).HasMaxLength(400).IsRequired();
        builder.Property(m => m.BodyText).IsRequired();
        builder.Property(m => m.BodyHtml).IsRequired();
        builder.Property(m => m.UserId).HasMaxLength(450);
        builder.Property(m => m.ReplyTo).HasMaxLength(256);
        builder.Property(m => m.LastError).HasMaxLength(OutboxMessage.ErrorMaxLength);
        builder.Property(m => m.ProviderResponse).HasMaxLength(500);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(m => new { m.Status, m.NextAttemptAtUtc });
        builder.HasIndex(m => m.CreatedAtUtc);
    }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> builder)
    {
        builder.HasKey(p => new { p.UserId, p.Event });
        builder.Property(p => p.Event).HasConversion<string>().HasMaxLength(32);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
