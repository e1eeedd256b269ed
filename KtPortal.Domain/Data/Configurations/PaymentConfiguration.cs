using KtPortal.Domain.Invoices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KtPortal.Domain.Data.Configurations;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.Property(p => p.Method).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Currency).HasMaxLength(3).IsRequired();
        builder.Property(p => p.Reference).HasMaxLength(PaymentRules.ReferenceMaxLength).IsRequired();
        builder.Property(p => p.ExternalId).HasMaxLength(255);
        builder.Property(p => p.RecordedById).HasMaxLength(450);
        builder.Property(p => p.DeletedById).HasMaxLength(450);
        builder.Property(p => p.DeleteReason).HasMaxLength(PaymentRules.DeleteReasonMaxLength);
        builder.Ignore(p => p.IsDeleted);
        builder.Ignore(p => p.NetMinor);

        // One Stripe payment, one row on an invoice: the webhook's events for it are told apart by this.
        builder.HasIndex(p => new { p.InvoiceId, p.ExternalId }).IsUnique();
        builder.HasIndex(p => new { p.ClientId, p.ReceivedOn });
        builder.HasOne<Invoice>().WithMany(i => i.Payments).HasForeignKey(p => p.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<KtPortal.Domain.Clients.Client>().WithMany().HasForeignKey(p => p.ClientId).OnDelete(DeleteBehavior.Restrict);
    }
}
