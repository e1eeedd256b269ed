using KtPortal.Domain.Common;
using KtPortal.Domain.ServiceLevels;
using KtPortal.Domain.Tickets;
using KtPortal.Web.Components.Shared;

namespace KtPortal.Web.Features.ServiceLevels;

/// <summary>The policy form as typed: hours as text per priority ("4", "1.5", "1:30"; empty for no target), so nothing typed is lost on an error.</summary>
public sealed class SlaPolicyFormModel
{
    public string Name { get; set; } = string.Empty;

    public List<Row> Rows { get; set; } = [];

    public static SlaPolicyFormModel From(SlaPolicyView? policy)
    {
        var model = new SlaPolicyFormModel { Name = policy?.Name ?? string.Empty };
        var defaults = SlaPolicy.Standard(DateTime.UnixEpoch).Targets;
        foreach (var priority in Enum.GetValues<TicketPriority>().Reverse())
        {
            var target = policy?.Targets.FirstOrDefault(t => t.Priority == priority) ?? defaults.First(t => t.Priority == priority);
            model.Rows.Add(new Row
            {
                Priority = priority,
                Basis = target.Basis,
                Response = target.ResponseMinutes is { } r ? FormNumbers.HoursText(r) : string.Empty,
                Resolution = target.ResolutionMinutes is { } s ? FormNumbers.HoursText(s) : string.Empty,
            });
        }

        return model;
    }

    /// <summary>The input for the service, or field errors (keyed as the service keys them) when a figure does not read.</summary>
    public SlaPolicyInput ToInput()
    {
        var validation = new Validation();
        var targets = Rows.Select(row => new SlaTargetInput(row.Priority, row.Basis,
            Read(validation, $"{row.Priority}.Response", row.Priority, "first response", row.Response),
            Read(validation, $"{row.Priority}.Resolution", row.Priority, "resolution", row.Resolution))).ToList();
        validation.ThrowIfInvalid();
        return new SlaPolicyInput(Name, targets);
    }

    private static int? Read(Validation validation, string field, TicketPriority priority, string what, string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : FormNumbers.Minutes(validation, field, $"{priority} {what} target", text);

    public sealed class Row
    {
        public TicketPriority Priority { get; set; }

        public SlaBasis Basis { get; set; }

        public string Response { get; set; } = string.Empty;

        public string Resolution { get; set; } = string.Empty;
    }
}
