using KtPortal.Domain.Tickets;

namespace KtPortal.Domain.ServiceLevels;

/// <summary>A priority's targets in minutes (the form reads "4", "1.5" or "1:30" hours), null for no target.</summary>
public sealed record SlaTargetInput(TicketPriority Priority, SlaBasis Basis, int? ResponseMinutes, int? ResolutionMinutes);

public sealed record SlaPolicyInput(string Name, IReadOnlyList<SlaTargetInput> Targets);

public sealed record BusinessHoursInput(IReadOnlyCollection<DayOfWeek> OpenDays, TimeOnly? Opens, TimeOnly? Closes, string? HolidayCountry);

public sealed record SlaPolicyView(int Id, string Name, bool IsDefault, IReadOnlyList<SlaTarget> Targets, int Clients, int Plans, Guid ConcurrencyStamp);

public sealed record SlaOverrideRow(int Id, string Name, int? PolicyId);

public sealed record ServiceLevelsView(
    BusinessHoursSettings Hours,
    IReadOnlyList<AgencyHoliday> AgencyDays,
    IReadOnlyList<(DateOnly Date, string Name)> NationalHolidays,
    IReadOnlyList<SlaPolicyView> Policies,
    IReadOnlyList<SlaOverrideRow> Clients,
    IReadOnlyList<SlaOverrideRow> Plans);
