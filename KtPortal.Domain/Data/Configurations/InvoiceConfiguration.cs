using KtPortal.Domain.Billing;
using KtPortal.Domain.Clients;
using KtPortal.Domain.Invoices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KtPortal.Domain.Data.Configurations;

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> builder)
    {
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.PaidVia).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Number).HasMaxLength(32);
        builder.Property(i => i.Currency).HasMaxLength(3).IsRequired();
        builder.Property(i => i.ClientName).HasMaxLength(200).IsRequired();
        builder.Property(i => i.BillingEmail).HasMaxLength(256).IsRequired();
        builder.Property(i => i.Title).HasMaxLength(InvoiceRules.TitleMaxLength).IsRequired();
        builder.Property(i => i.Notes).HasMaxLength(InvoiceRules.NotesMaxLength).IsRequired();
        builder.Property(i => i.PaymentReference).HasMaxLength(InvoiceRules.NotesMaxLength);
        builder.Property(i => i.VoidReason).HasMaxLength(InvoiceRules.NotesMaxLength);
        builder.Property(i => i.IssuerSnapshot).HasMaxLength(8000);
        builder.Property(i => i.CheckoutIdempotencyKey).HasMaxLength(100);
        builder.Property(i => i.CheckoutSessionId).HasMaxLength(255);
        builder.Property(i => i.CheckoutUrl).HasMaxLength(2000);
        builder.Property(i => i.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasOne<Client>().WithMany().HasForeignKey(i => i.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<BillingPeriod>().WithMany().HasForeignKey(i => i.BillingPeriodId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(i => i.Lines).WithOne().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        builder.OwnsMany(i => i.HoursStatement, s => s.ToJson());

        // Rule 5: at most one plan-fee and one usage invoice per period, so a repeated or resumed billing run
        // cannot create a second one; ad-hoc invoices have no period (NULLs never collide).
        builder.HasIndex(i => new { i.BillingPeriodId, i.Kind }).IsUnique();

        // Gapless per-year numbers: the database refuses a number twice even if two writers raced.
        builder.HasIndex(i => new { i.NumberYear, i.NumberSequence }).IsUnique();
        builder.HasIndex(i => i.Number).IsUnique();
        builder.HasIndex(i => new { i.ClientId, i.Status });
        builder.HasIndex(i => new { i.Status, i.DueDate });
        builder.HasIndex(i => i.CheckoutSessionId);
        builder.Ignore(i => i.IsDraft);
        builder.Ignore(i => i.DueMinor);
    }
}

internal sealed class InvoiceLineConfiguration : IEntityTypeConfiguration<InvoiceLine>
{
    public void Configure(EntityTypeBuilder<InvoiceLine> builder)
    {
        builder.Property(l => l.Description).HasMaxLength(InvoiceRules.LineDescriptionMaxLength).IsRequired();
        builder.HasIndex(l => new { l.InvoiceId, l.Position });
    }
}

internal sealed class ProcessedWebhookEventConfiguration : IEntityTypeConfiguration<ProcessedWebhookEvent>
{
    public void Configure(EntityTypeBuilder<ProcessedWebhookEvent> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(255);
        builder.Property(e => e.Type).HasMaxLength(100).IsRequired();
        builder.Property(e => e.Outcome).HasMaxLength(500).IsRequired();
    }
}
