using KtPortal.Domain.Clients;
using KtPortal.Domain.Invoices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KtPortal.Domain.Data.Configurations;

internal sealed class CreditNoteConfiguration : IEntityTypeConfiguration<CreditNote>
{
    public void Configure(EntityTypeBuilder<CreditNote> builder)
    {
        builder.Property(n => n.Number).HasMaxLength(32).IsRequired();
        builder.Property(n => n.Currency).HasMaxLength(3).IsRequired();
        builder.Property(n => n.ClientName).HasMaxLength(200).IsRequired();
        builder.Property(n => n.BillingEmail).HasMaxLength(256).IsRequired();
        builder.Property(n => n.Reason).HasMaxLength(KtPortal.Domain.Invoices.CreditNotes.CreditNoteRules.ReasonMaxLength).IsRequired();
        builder.Property(n => n.IssuedById).HasMaxLength(450);
        builder.Property(n => n.IssuerSnapshot).HasMaxLength(8000);
        builder.HasOne<Client>().WithMany().HasForeignKey(n => n.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(n => n.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(n => n.Lines).WithOne().HasForeignKey(l => l.CreditNoteId).OnDelete(DeleteBehavior.Cascade);

        // Gapless per-year numbers of their own, refused twice by the database as invoices' are.
        builder.HasIndex(n => new { n.NumberYear, n.NumberSequence }).IsUnique();
        builder.HasIndex(n => n.Number).IsUnique();
        builder.HasIndex(n => new { n.ClientId, n.IssueDate });
        builder.HasIndex(n => n.InvoiceId);
    }
}

internal sealed class CreditNoteLineConfiguration : IEntityTypeConfiguration<CreditNoteLine>
{
    public void Configure(EntityTypeBuilder<CreditNoteLine> builder)
    {
        builder.Property(l => l.Description).HasMaxLength(InvoiceRules.LineDescriptionMaxLength).IsRequired();
        builder.HasOne<InvoiceLine>().WithMany().HasForeignKey(l => l.InvoiceLineId).OnDelete(DeleteBehavior.Restrict);

        // An invoice line is taken back at most once, whatever two staff do at the same moment (NULLs never collide).
        builder.HasIndex(l => l.InvoiceLineId).IsUnique();
    }
}

internal sealed class PaymentRefundConfiguration : IEntityTypeConfiguration<PaymentRefund>
{
    public void Configure(EntityTypeBuilder<PaymentRefund> builder)
    {
        builder.Property(r => r.Currency).HasMaxLength(3).IsRequired();
        builder.Property(r => r.Reason).HasMaxLength(KtPortal.Domain.Invoices.CreditNotes.CreditNoteRules.ReasonMaxLength).IsRequired();
        builder.Property(r => r.ExternalId).HasMaxLength(255);
        builder.Property(r => r.RecordedById).HasMaxLength(450);
        builder.HasOne<Payment>().WithMany().HasForeignKey(r => r.PaymentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(r => r.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Client>().WithMany().HasForeignKey(r => r.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CreditNote>().WithMany().HasForeignKey(r => r.CreditNoteId).OnDelete(DeleteBehavior.Restrict);

        // A Stripe refund total is recorded once, however often or in whatever order its events arrive.
        builder.HasIndex(r => r.ExternalId).IsUnique();
        builder.HasIndex(r => new { r.ClientId, r.RefundedOn });
    }
}
