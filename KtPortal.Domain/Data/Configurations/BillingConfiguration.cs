using KtPortal.Domain.Accounts;
using KtPortal.Domain.Billing.Plans;
using KtPortal.Domain.Billing;
using KtPortal.Domain.Clients;
using KtPortal.Domain.Tickets;
using KtPortal.Domain.TimeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace KtPortal.Domain.Data.Configurations;

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(PlanRules.NameMaxLength).IsRequired();
        builder.Property(p => p.CreatedById).HasMaxLength(450).IsRequired();
        builder.Property(p => p.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasOne<Client>().WithMany().HasForeignKey(p => p.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.ClientId, p.StartDate });
    }
}

internal sealed class BillingPeriodConfiguration : IEntityTypeConfiguration<BillingPeriod>
{
    public void Configure(EntityTypeBuilder<BillingPeriod> builder)
    {
        builder.Property(p => p.PlanName).HasMaxLength(PlanRules.NameMaxLength).IsRequired();
        builder.HasOne<Client>().WithMany().HasForeignKey(p => p.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Plan>().WithMany().HasForeignKey(p => p.PlanId).OnDelete(DeleteBehavior.Restrict);

        // Two requests opening the same period race to insert it; this makes the second one fail and re-read.
        builder.HasIndex(p => new { p.ClientId, p.StartDate }).IsUnique();
        builder.Ignore(p => p.Range);
        builder.Ignore(p => p.HasPlan);
    }
}

internal sealed class TimeEntryConfiguration : IEntityTypeConfiguration<TimeEntry>
{
    public void Configure(EntityTypeBuilder<TimeEntry> builder)
    {
        builder.Property(e => e.WorkType).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Note).HasMaxLength(TimeEntry.NoteMaxLength).IsRequired();
        builder.Property(e => e.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasOne<Ticket>().WithMany().HasForeignKey(e => e.TicketId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(e => e.StaffId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Invoices.Invoice>().WithMany().HasForeignKey(e => e.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.TicketId, e.WorkDate });
        builder.HasIndex(e => new { e.WorkDate, e.TicketId });
        builder.HasIndex(e => new { e.StaffId, e.WorkDate });
        // Covering indexes for the reports, which sum time in the database without reading the wide rows (or the
        // tickets): per client and period, per person and day, and what is not on an issued invoice yet.
        builder.HasIndex(e => new { e.ClientId, e.WorkDate, e.SupportTypeId, e.Billable, e.Minutes, e.ChargedMinutes });
        builder.HasIndex(e => new { e.WorkDate, e.StaffId, e.Billable, e.Minutes, e.ChargedMinutes });
        builder.HasIndex(e => new { e.InvoiceId, e.Billable, e.ClientId, e.Minutes, e.ChargedMinutes });
    }
}

internal sealed class RunningTimerConfiguration : IEntityTypeConfiguration<RunningTimer>
{
    public void Configure(EntityTypeBuilder<RunningTimer> builder)
    {
        builder.HasKey(t => t.StaffId);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(t => t.StaffId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Ticket>().WithMany().HasForeignKey(t => t.TicketId).OnDelete(DeleteBehavior.Cascade);
    }
}
