using KtPortal.Domain.Clients;
using KtPortal.Domain.ServiceLevels;
using KtPortal.Domain.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KtPortal.Domain.Data.Configurations;

internal sealed class SlaPolicyConfiguration : IEntityTypeConfiguration<SlaPolicy>
{
    public void Configure(EntityTypeBuilder<SlaPolicy> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(SlaPolicy.NameMaxLength).IsRequired();
        builder.HasIndex(p => p.Name).IsUnique();
        builder.Property(p => p.ConcurrencyStamp).IsConcurrencyToken();
        builder.OwnsMany(p => p.Targets, target =>
        {
            target.ToTable("SlaTargets");
            target.WithOwner().HasForeignKey("PolicyId");
            target.HasKey("PolicyId", nameof(SlaTarget.Priority));
            target.Property(t => t.Basis).HasConversion<string>().HasMaxLength(16);
        });
        // Clients and plans that name a policy: removing it puts them back on the default.
        builder.HasMany<Client>().WithOne().HasForeignKey(c => c.SlaPolicyId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany<Billing.Plans.Plan>().WithOne().HasForeignKey(p => p.SlaPolicyId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class TicketSlaPauseConfiguration : IEntityTypeConfiguration<TicketSlaPause>
{
    public void Configure(EntityTypeBuilder<TicketSlaPause> builder)
    {
        builder.HasOne<Ticket>().WithMany().HasForeignKey(p => p.TicketId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.TicketId, p.FromUtc });
    }
}

internal sealed class BusinessHoursConfiguration : IEntityTypeConfiguration<BusinessHoursSettings>
{
    public void Configure(EntityTypeBuilder<BusinessHoursSettings> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.OpenDays).HasMaxLength(80).IsRequired();
        builder.Property(s => s.HolidayCountry).HasMaxLength(8).IsRequired();
        builder.Property(s => s.ConcurrencyStamp).IsConcurrencyToken();
    }
}

internal sealed class AgencyHolidayConfiguration : IEntityTypeConfiguration<AgencyHoliday>
{
    public void Configure(EntityTypeBuilder<AgencyHoliday> builder)
    {
        builder.HasKey(h => h.Date);
        builder.Property(h => h.Name).HasMaxLength(AgencyHoliday.NameMaxLength).IsRequired();
    }
}
