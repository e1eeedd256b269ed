using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.TimeTracking;
using MudBlazor;

namespace KtPortal.Web.Features.TimeTracking;

/// <summary>Editing and deleting an entry the same way wherever it is listed (the ticket, My week): a dialog, a confirmation, a snackbar.</summary>
internal static class TimeEntryActions
{
    /// <summary>True when the entry changed.</summary>
    public static async Task<bool> EditAsync(IDialogService dialogs, ISnackbar snackbar, Actor actor, TimeEntryView entry)
    {
        var parameters = new DialogParameters<TimeEntryEditDialog> { { d => d.Entry, entry }, { d => d.Actor, actor } };
        var dialog = await dialogs.ShowAsync<TimeEntryEditDialog>("Edit time", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is not { Canceled: false })
        {
            return false;
        }

        snackbar.Add("Time updated.", Severity.Success);
        return true;
    }

    /// <summary>Asks first; true when the entry was deleted. A refusal (a closed period, an invoice) is said in a snackbar.</summary>
    public static async Task<bool> DeleteAsync(IDialogService dialogs, ISnackbar snackbar, TimeEntryService entries, Actor actor, TimeEntryView entry)
    {
        var confirmed = await dialogs.ShowMessageBoxAsync(
            "Delete this time?",
            $"{Hours.Format(entry.Minutes)} h on {BillingText.Date(entry.WorkDate)} by {entry.StaffName} will be removed and the client's hours recalculated.",
            yesText: "Delete", cancelText: "Keep it");
        if (confirmed != true)
        {
            return false;
        }

        try
        {
            await entries.DeleteAsync(actor, entry.Id, entry.ConcurrencyStamp);
            snackbar.Add("Time deleted.", Severity.Success);
            return true;
        }
        catch (DomainException ex)
        {
            snackbar.Add(ex.Message, Severity.Warning);
            return false;
        }
    }
}
