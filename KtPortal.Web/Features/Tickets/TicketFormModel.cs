using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;

namespace KtPortal.Web.Features.Tickets;

/// <summary>What the new-ticket form holds; it survives a failed save untouched.</summary>
public sealed class TicketFormModel
{
    public TicketType Type { get; set; } = TicketType.Troubleshooting;

    public int SupportTypeId { get; set; } = SupportType.TroubleshootingId;

    public TicketPriority Priority { get; set; } = TicketPriority.Normal;

    public string Title { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public int? ClientId { get; set; }

    public string? RequesterId { get; set; }

    public string? AssigneeId { get; set; }

    public IReadOnlyCollection<string> CopiedUserIds { get; set; } = [];

    public NewTicketInput ToInput() =>
        new(Type, SupportTypeId, Title, Description, Priority, ClientId, RequesterId, AssigneeId, [.. CopiedUserIds]);
}
