using KtPortal.Domain.Recurring;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Common;
using KtPortal.Domain.Tickets;
using KtPortal.Web.Components.Shared;

namespace KtPortal.Web.Features.Recurring;

/// <summary>The recurring-ticket form as typed; dates as the date inputs give them ("2026-12-01"), so nothing is lost on an error.</summary>
public sealed class RecurringTicketFormModel
{
    public string Title { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public string Checklist { get; set; } = string.Empty;

    public TicketType Type { get; set; } = TicketType.ServiceRequest;

    public int SupportTypeId { get; set; } = SupportType.WordPressId;

    public TicketPriority Priority { get; set; } = TicketPriority.Normal;

    public string? AssigneeId { get; set; }

    public RecurrenceKind Kind { get; set; } = RecurrenceKind.Monthly;

    /// <summary>As typed: a number field would keep its last good value under "abc" and save that without a word.</summary>
    public string DayOfMonth { get; set; } = "1";

    public string IntervalMonths { get; set; } = "1";

    public DayOfWeek DayOfWeek { get; set; } = DayOfWeek.Monday;

    public string StartDate { get; set; } = string.Empty;

    public string EndDate { get; set; } = string.Empty;

    public static RecurringTicketFormModel From(RecurringTicket? template, DateOnly today) => template is null
        ? new RecurringTicketFormModel { StartDate = Day(today) }
        : new RecurringTicketFormModel
        {
            Title = template.Title,
            Description = template.Description,
            Checklist = template.Checklist,
            Type = template.Type,
            SupportTypeId = template.SupportTypeId,
            Priority = template.Priority,
            AssigneeId = template.AssigneeId,
            Kind = template.Kind,
            DayOfMonth = template.DayOfMonth.ToString(System.Globalization.CultureInfo.InvariantCulture),
            IntervalMonths = template.IntervalMonths.ToString(System.Globalization.CultureInfo.InvariantCulture),
            DayOfWeek = template.DayOfWeek,
            StartDate = Day(template.StartDate),
            EndDate = template.EndDate is { } end ? Day(end) : string.Empty,
        };

    /// <summary>The input for the service; a day or interval that is not a whole number is refused here, at its field.</summary>
    public RecurringTicketInput ToInput()
    {
        var validation = new Validation();
        var monthly = Kind == RecurrenceKind.Monthly;
        var day = monthly ? FormNumbers.Whole(validation, nameof(RecurringTicketInput.DayOfMonth), "day of the month", DayOfMonth) : 1;
        var interval = monthly ? FormNumbers.Whole(validation, nameof(RecurringTicketInput.IntervalMonths), "number of months", IntervalMonths) : 1;
        validation.ThrowIfInvalid();
        return new(Title, Description, Checklist, Type, SupportTypeId, Priority, string.IsNullOrEmpty(AssigneeId) ? null : AssigneeId,
            Kind, day, interval, DayOfWeek, Parse(StartDate), Parse(EndDate));
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static DateOnly? Parse(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day) ? day : null;
}
