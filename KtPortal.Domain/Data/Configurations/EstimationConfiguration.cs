using KtPortal.Domain.Accounts;
using KtPortal.Domain.Estimation;
using KtPortal.Domain.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KtPortal.Domain.Data.Configurations;

internal sealed class TicketEstimateConfiguration : IEntityTypeConfiguration<TicketEstimate>
{
    public void Configure(EntityTypeBuilder<TicketEstimate> builder)
    {
        builder.Property(e => e.Estimator).HasMaxLength(TicketEstimate.EstimatorMaxLength).IsRequired();
        builder.Property(e => e.Confidence).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.BasisKind).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.Explanation).HasMaxLength(TicketEstimate.ExplanationMaxLength).IsRequired();
        builder.Property(e => e.FallbackReason).HasMaxLength(500);
        builder.Property(e => e.AdjustedById).HasMaxLength(450);
        builder.Property(e => e.AdjustmentNote).HasMaxLength(TicketEstimate.NoteMaxLength);
        builder.Property(e => e.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasOne<Ticket>().WithMany().HasForeignKey(e => e.TicketId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(e => e.AdjustedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(e => e.Similar).WithOne().HasForeignKey(s => s.TicketEstimateId).OnDelete(DeleteBehavior.Cascade);

        // One estimate per ticket: the sweep and a staff member opening the ticket may race; the second insert fails.
        builder.HasIndex(e => e.TicketId).IsUnique();
    }
}

internal sealed class TicketQuoteConfiguration : IEntityTypeConfiguration<TicketQuote>
{
    public void Configure(EntityTypeBuilder<TicketQuote> builder)
    {
        builder.Property(q => q.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(q => q.Message).HasMaxLength(TicketQuote.MessageMaxLength).IsRequired();
        builder.Property(q => q.ResponseNote).HasMaxLength(TicketQuote.ResponseNoteMaxLength);
        builder.Property(q => q.SentById).HasMaxLength(450).IsRequired();
        builder.Property(q => q.RespondedById).HasMaxLength(450);
        builder.Property(q => q.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasOne<Ticket>().WithMany().HasForeignKey(q => q.TicketId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(q => q.SentById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(q => q.RespondedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(q => new { q.TicketId, q.Status });
    }
}
