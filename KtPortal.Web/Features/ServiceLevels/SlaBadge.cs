using System.Globalization;
using System.Net;
using KtPortal.Domain.ServiceLevels;
using KtPortal.Domain.Tickets;
using Microsoft.AspNetCore.Components;

namespace KtPortal.Web.Features.ServiceLevels;

/// <summary>
/// What a ticket's due time looks like at one instant, in words ("Respond by 14:00", "Resolve in 2 h 10 m", "Response
/// overdue 25 m", "Paused: waiting on the client") and as the contract's element: <c>data-testid="sla-due"</c> with
/// <c>data-due-utc</c> (ISO 8601, absent while paused) and <c>data-sla-state</c> (ok, at-risk, breached, paused).
/// Plain markup, so a board card adds no component for it.
/// </summary>
public sealed record SlaBadge(SlaState State, string Text, string? DueUtc)
{
    public static SlaBadge? For(TicketSla? sla, DateTime nowUtc, TimeZoneInfo zone)
    {
        if (sla is null || sla.Stage == SlaStage.None)
        {
            return null;
        }

        var state = SlaPlanner.StateAt(sla.Stage, sla.DueUtc, sla.AtRiskUtc, sla.Paused, nowUtc);
        var response = sla.Stage == SlaStage.Response;
        var text = state switch
        {
            SlaState.Paused => "Paused: waiting on the client",
            SlaState.Breached => $"{(response ? "Response" : "Resolution")} overdue {Span(nowUtc - sla.DueUtc!.Value)}",
            _ when response => $"Respond by {Local(sla.DueUtc!.Value, nowUtc, zone)}",
            _ => $"Resolve in {Span(sla.DueUtc!.Value - nowUtc)}",
        };
        return new SlaBadge(state, text, sla.DueUtc?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
    }

    public string StateName => State switch
    {
        SlaState.AtRisk => "at-risk",
        SlaState.Breached => "breached",
        SlaState.Paused => "paused",
        _ => "ok",
    };

    /// <summary>Text colour with enough contrast on the card (the theme's error and warning text pass AA).</summary>
    public string CssClass => State switch
    {
        SlaState.Breached => "mud-error-text",
        SlaState.AtRisk => "mud-warning-text",
        _ => "mud-text-secondary",
    };

    /// <summary>Says "at risk" in words too: colour alone does not tell everyone.</summary>
    public string Title => State switch
    {
        SlaState.AtRisk => "At risk: 75% of the target is used",
        SlaState.Breached => "Target missed",
        SlaState.Paused => "The clock stops while the ticket waits on the client",
        _ => "Service-level target",
    };

    public MarkupString Markup(string? extraClass = null)
    {
        var due = DueUtc is null ? string.Empty : $" data-due-utc=\"{DueUtc}\"";
        // "overdue" already says it for a breach; an at-risk time needs the word.
        var prefix = State == SlaState.AtRisk ? "At risk · " : string.Empty;
        return new MarkupString(
            $"<span class=\"{CssClass} portal-sla {extraClass}\" data-testid=\"sla-due\"{due} data-sla-state=\"{StateName}\" title=\"{WebUtility.HtmlEncode(Title)}\">{WebUtility.HtmlEncode(prefix + Text)}</span>");
    }

    /// <summary>"2 h 10 m", "25 m", "3 d 4 h": the two largest units, never "0 m" (under a minute reads "1 m").</summary>
    public static string Span(TimeSpan span)
    {
        var minutes = Math.Max(1, (long)Math.Ceiling(span.TotalMinutes));
        var (days, hours, rest) = (minutes / (24 * 60), minutes / 60 % 24, minutes % 60);
        return days > 0 ? (hours > 0 ? $"{days} d {hours} h" : $"{days} d")
            : hours > 0 ? (rest > 0 ? $"{hours} h {rest} m" : $"{hours} h")
            : $"{rest} m";
    }

    /// <summary>"14:00" today, "Nov 27, 10:00" another day, in the portal's time zone.</summary>
    private static string Local(DateTime dueUtc, DateTime nowUtc, TimeZoneInfo zone)
    {
        var due = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(dueUtc, DateTimeKind.Utc), zone);
        var now = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc), zone);
        return due.Date == now.Date
            ? due.ToString("HH:mm", CultureInfo.InvariantCulture)
            : due.ToString("MMM d, HH:mm", CultureInfo.InvariantCulture);
    }
}
