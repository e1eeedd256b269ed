using KtPortal.Domain.Invoices;
using KtPortal.Domain.Tickets;

namespace KtPortal.Domain.Search;

/// <summary>What a search found, by kind, each list best first. Only what the actor may see is ever in it.</summary>
public sealed record GlobalSearchResults(
    string Text,
    IReadOnlyList<TicketSearchHit> Tickets,
    IReadOnlyList<ClientSearchHit> Clients,
    IReadOnlyList<PersonSearchHit> People,
    IReadOnlyList<InvoiceSearchHit> Invoices)
{
    public static GlobalSearchResults Empty(string text) => new(text, [], [], [], []);

    public bool IsEmpty => Tickets.Count == 0 && Clients.Count == 0 && People.Count == 0 && Invoices.Count == 0;
}

/// <summary>Where a ticket matched.</summary>
public enum SearchMatchSource
{
    Number,
    Title,
    Description,
    Reply,

    /// <summary>An internal note: only ever in a staff member's results.</summary>
    Note,
}

/// <param name="Excerpt">The matched description, reply or note around the first word found; null for a number or title.</param>
public sealed record TicketSearchHit(
    int Number, string Title, string ClientName, TicketStatus Status, SearchMatchSource MatchedIn, string? Excerpt);

public sealed record ClientSearchHit(int Id, string Name);

/// <param name="ClientId">The person's client; null for staff and admins.</param>
public sealed record PersonSearchHit(string UserId, string DisplayName, string Email, int? ClientId, string? ClientName, bool IsActive);

public sealed record InvoiceSearchHit(int Id, string Number, string ClientName, InvoiceStatus Status, long TotalMinor, string Currency);
