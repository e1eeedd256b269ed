using KtPortal.Domain.Accounts;
using KtPortal.Domain.Clients;
using KtPortal.Domain.Recurring;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KtPortal.Domain.Data.Configurations;

internal sealed class RecurringTicketConfiguration : IEntityTypeConfiguration<RecurringTicket>
{
    public void Configure(EntityTypeBuilder<RecurringTicket> builder)
    {
        builder.Property(r => r.Title).HasMaxLength(TicketRules.TitleMaxLength).IsRequired();
        builder.Property(r => r.Description).IsRequired();
        builder.Property(r => r.Checklist).IsRequired();
        builder.Property(r => r.Type).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.DayOfWeek).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.CreatedById).HasMaxLength(450).IsRequired();
        builder.Property(r => r.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasOne<Client>().WithMany().HasForeignKey(r => r.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SupportType>().WithMany().HasForeignKey(r => r.SupportTypeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(r => r.AssigneeId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(r => r.ClientId);
    }
}

internal sealed class RecurringOccurrenceConfiguration : IEntityTypeConfiguration<RecurringOccurrence>
{
    public void Configure(EntityTypeBuilder<RecurringOccurrence> builder)
    {
        // One ticket per template and day, whatever runs at once: the second insert fails and its ticket rolls back.
        builder.HasIndex(o => new { o.RecurringTicketId, o.Date }).IsUnique();
        builder.HasOne<RecurringTicket>().WithMany().HasForeignKey(o => o.RecurringTicketId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Ticket>().WithMany().HasForeignKey(o => o.TicketId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(o => o.Date);
    }
}

internal sealed class TicketChecklistItemConfiguration : IEntityTypeConfiguration<TicketChecklistItem>
{
    public void Configure(EntityTypeBuilder<TicketChecklistItem> builder)
    {
        builder.Property(i => i.Text).HasMaxLength(TicketChecklistItem.TextMaxLength).IsRequired();
        builder.HasOne<Ticket>().WithMany().HasForeignKey(i => i.TicketId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(i => i.DoneById).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(i => new { i.TicketId, i.Position });
    }
}
