using System.Globalization;
using KtPortal.Domain.Common;
using KtPortal.Domain.Search;
using KtPortal.Domain.Tickets;
using KtPortal.Web.Features.Invoices;

namespace KtPortal.Web.Features.Search;

/// <summary>One line of search results as the box and the page show it: what it is, where it leads.</summary>
/// <param name="Kind">"Ticket", "Client", "Person" or "Invoice": the group it is shown in.</param>
/// <param name="Excerpt">Where the words were found, when that was not the title.</param>
public sealed record SearchEntry(string Kind, string Key, string Title, string Detail, string? Excerpt, string Href);

/// <summary>Turns what the search found into entries with links the actor can open.</summary>
public static class SearchEntries
{
    public const string Tickets = "Tickets";
    public const string Clients = "Clients";
    public const string People = "People";
    public const string Invoices = "Invoices";

    /// <summary>The groups in the order they are shown.</summary>
    public static readonly IReadOnlyList<string> Groups = [Tickets, Clients, People, Invoices];

    public static string PageHref(string text) => "/search?q=" + Uri.EscapeDataString(text);

    public static IReadOnlyList<SearchEntry> From(GlobalSearchResults results, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(actor);
        var entries = new List<SearchEntry>();
        foreach (var t in results.Tickets)
        {
            var detail = actor.IsStaff ? $"{t.ClientName} · {TicketRules.Label(t.Status)}" : TicketRules.Label(t.Status);
            entries.Add(new SearchEntry(Tickets, "t" + t.Number.ToString(CultureInfo.InvariantCulture), $"{TicketNumber.Format(t.Number)} {t.Title}", detail,
                t.Excerpt is null ? null : $"{Where(t.MatchedIn)}: {t.Excerpt}", $"/tickets/{TicketNumber.Format(t.Number)}"));
        }

        foreach (var c in results.Clients)
        {
            entries.Add(new SearchEntry(Clients, "c" + c.Id.ToString(CultureInfo.InvariantCulture), c.Name, "Client", null, $"/clients/{c.Id.ToString(CultureInfo.InvariantCulture)}"));
        }

        foreach (var p in results.People)
        {
            var who = p.ClientName ?? "Agency staff";
            var detail = p.IsActive ? $"{p.Email} · {who}" : $"{p.Email} · {who} · deactivated";
            // A client's people are on the client's page for staff and on "Team" for the client's admin; staff on People.
            var href = p.ClientId is not int clientId ? "/settings/people"
                : actor.IsStaff ? $"/clients/{clientId.ToString(CultureInfo.InvariantCulture)}" : "/team";
            entries.Add(new SearchEntry(People, "p" + p.UserId, p.DisplayName, detail, null, href));
        }

        foreach (var i in results.Invoices)
        {
            entries.Add(new SearchEntry(Invoices, "i" + i.Id.ToString(CultureInfo.InvariantCulture), $"Invoice {i.Number}",
                $"{i.ClientName} · {InvoiceStatusChip.StatusLabel(i.Status)} · {Money.Format(i.TotalMinor, i.Currency)}", null,
                $"/invoices/{i.Id.ToString(CultureInfo.InvariantCulture)}"));
        }

        return entries;
    }

    private static string Where(SearchMatchSource source) => source switch
    {
        SearchMatchSource.Reply => "In a reply",
        SearchMatchSource.Note => "In an internal note",
        _ => "In the description",
    };
}
