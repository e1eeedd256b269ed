using KtPortal.Domain.Common;
using KtPortal.Domain.SupportTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KtPortal.Domain.Data.Configurations;

internal sealed class SupportTypeConfiguration : IEntityTypeConfiguration<SupportType>
{
    public void Configure(EntityTypeBuilder<SupportType> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(SupportTypeService.NameMaxLength).IsRequired();
        builder.HasIndex(s => s.Name).IsUnique();

        // The seed list ships with the schema, so every database (and every test) has it.
        builder.HasData(SupportType.Seed.Select(s => new SupportType { Id = s.Id, Name = s.Name, SortOrder = s.SortOrder, IsActive = true }));
    }
}

internal sealed class SequenceConfiguration : IEntityTypeConfiguration<Sequence>
{
    public void Configure(EntityTypeBuilder<Sequence> builder)
    {
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(32);
        builder.Property(s => s.NextValue).IsConcurrencyToken();
    }
}
