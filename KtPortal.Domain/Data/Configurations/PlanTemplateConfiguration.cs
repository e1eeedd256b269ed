using KtPortal.Domain.Billing.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KtPortal.Domain.Data.Configurations;

internal sealed class PlanTemplateConfiguration : IEntityTypeConfiguration<PlanTemplate>
{
    public void Configure(EntityTypeBuilder<PlanTemplate> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(PlanRules.NameMaxLength).IsRequired();
        builder.HasIndex(t => t.Name).IsUnique();
        builder.Property(t => t.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasData(PlanTemplate.BuiltIn);
    }
}
