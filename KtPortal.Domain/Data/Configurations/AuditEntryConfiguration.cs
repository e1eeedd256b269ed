using KtPortal.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KtPortal.Domain.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.ActorUserId).HasMaxLength(450);
        builder.Property(a => a.Kind).HasMaxLength(40).IsRequired();
        builder.Property(a => a.Subject).HasMaxLength(AuditEntry.SubjectMaxLength).IsRequired();
        builder.Property(a => a.Before).HasMaxLength(AuditEntry.ValueMaxLength);
        builder.Property(a => a.After).HasMaxLength(AuditEntry.ValueMaxLength);
        builder.Property(a => a.IpAddress).HasMaxLength(64);

        // Newest first, overall and per client (the two ways the trail is read); the kind narrows either.
        builder.HasIndex(a => a.AtUtc);
        builder.HasIndex(a => new { a.ClientId, a.AtUtc });
    }
}
