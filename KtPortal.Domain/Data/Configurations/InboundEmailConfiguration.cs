using KtPortal.Domain.InboundMail;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Data.Configurations;

internal sealed class InboundEmailConfiguration : IEntityTypeConfiguration<InboundEmail>
{
    public void Configure(EntityTypeBuilder<InboundEmail> builder)
    {
        builder.Property(e => e.MessageKey).HasMaxLength(300).IsRequired();
        builder.HasIndex(e => e.MessageKey).IsUnique();
        builder.Property(e => e.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Reason).HasMaxLength(InboundEmail.ReasonMaxLength).IsRequired();
        builder.Property(e => e.FromAddress).HasMaxLength(320).IsRequired();
        builder.Property(e => e.FromName).HasMaxLength(200).IsRequired();
        builder.Property(e => e.Subject).HasMaxLength(InboundEmail.SubjectMaxLength).IsRequired();
        builder.Property(e => e.Body).IsRequired();
        builder.Property(e => e.FromUserId).HasMaxLength(450);
        builder.Property(e => e.SenderVerification).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.HandledById).HasMaxLength(450);
        builder.Property(e => e.RawMime).IsRequired();
        builder.HasIndex(e => new { e.Outcome, e.ReceivedAtUtc });
    }
}
