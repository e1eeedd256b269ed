using KtPortal.Domain.Tickets;

namespace KtPortal.Domain.ServiceLevels;

/// <summary>Stores a ticket's plan on the ticket; a new stage starts its alerts afresh.</summary>
internal static class TicketSlaWriter
{
    public static void Apply(Ticket ticket, SlaRules rules, IReadOnlyCollection<SlaPause> pauses)
    {
        var plan = SlaPlanner.Plan(rules.Calendar, rules.TargetsFor(ticket.ClientId, ticket.CreatedAtUtc, ticket.Priority),
            ticket.CreatedAtUtc, ticket.FirstResponseAtUtc, ticket.ResolvedAtUtc, ticket.Status, pauses);
        if (ticket.SlaStage != plan.Stage)
        {
            ticket.SlaAlert = SlaAlertLevel.None;
        }

        ticket.SlaStage = plan.Stage;
        ticket.SlaDueUtc = plan.DueUtc;
        ticket.SlaAtRiskUtc = plan.AtRiskUtc;
        ticket.SlaPaused = plan.Paused;
        ticket.SlaResponseMet = plan.ResponseMet;
        ticket.SlaResolutionMet = plan.ResolutionMet;
    }
}
