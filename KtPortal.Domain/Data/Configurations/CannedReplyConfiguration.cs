using KtPortal.Domain.CannedReplies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KtPortal.Domain.Data.Configurations;

internal sealed class CannedReplyConfiguration : IEntityTypeConfiguration<CannedReply>
{
    public void Configure(EntityTypeBuilder<CannedReply> builder)
    {
        builder.Property(r => r.Title).HasMaxLength(CannedReplyRules.TitleMaxLength).IsRequired();
        builder.Property(r => r.Body).HasMaxLength(CannedReplyRules.BodyMaxLength).IsRequired();
        builder.Property(r => r.OwnerId).HasMaxLength(450);
        builder.Property(r => r.CreatedById).HasMaxLength(450).IsRequired();
        builder.Property(r => r.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasIndex(r => r.OwnerId);
    }
}
