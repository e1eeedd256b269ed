using KtPortal.Domain.Common;
using KtPortal.Domain.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KtPortal.Domain.Data.Configurations;

internal sealed class AgencySettingsConfiguration : IEntityTypeConfiguration<AgencySettingsRecord>
{
    public void Configure(EntityTypeBuilder<AgencySettingsRecord> builder)
    {
        builder.ToTable("AgencySettings");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Name).HasMaxLength(AgencySettingsRules.NameMaxLength).IsRequired();
        builder.Property(a => a.AddressLines).HasMaxLength(AgencySettingsRules.AddressMaxLength).IsRequired();
        builder.Property(a => a.Email).HasMaxLength(AgencySettingsRules.EmailMaxLength).IsRequired();
        builder.Property(a => a.Phone).HasMaxLength(AgencySettingsRules.PhoneMaxLength).IsRequired();
        builder.Property(a => a.PaymentInstructions).HasMaxLength(AgencySettingsRules.PaymentInstructionsMaxLength).IsRequired();
        foreach (var bank in new[] { nameof(AgencySettingsRecord.BankName), nameof(AgencySettingsRecord.BankAccountHolder), nameof(AgencySettingsRecord.BankAccountNumber), nameof(AgencySettingsRecord.BankRoutingNumber), nameof(AgencySettingsRecord.BankIban), nameof(AgencySettingsRecord.BankBic) })
        {
            builder.Property(bank).HasMaxLength(AgencySettingsRules.BankFieldMaxLength).IsRequired();
        }

        builder.Property(a => a.InvoicePrefix).HasMaxLength(AgencySettingsRules.InvoicePrefixMaxLength).IsRequired();
        builder.Property(a => a.TimeZoneId).HasMaxLength(100).IsRequired();
        builder.Property(a => a.Currency).HasMaxLength(3).IsRequired();
        builder.Property(a => a.PortalBaseUrl).HasMaxLength(AgencySettingsRules.BaseUrlMaxLength).IsRequired();
        builder.Property(a => a.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasOne<AgencyLogo>().WithMany().HasForeignKey(a => a.LogoId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AgencyLogoConfiguration : IEntityTypeConfiguration<AgencyLogo>
{
    public void Configure(EntityTypeBuilder<AgencyLogo> builder)
    {
        builder.Property(l => l.ContentType).HasMaxLength(20).IsRequired();
        builder.Property(l => l.Content).IsRequired();
    }
}
