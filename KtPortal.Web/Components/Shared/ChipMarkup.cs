using MudBlazor;

namespace KtPortal.Web.Components.Shared;

/// <summary>
/// MudBlazor's chip classes for a plain, non-interactive <c>&lt;span&gt;</c>. A MudChip is a component with its own key
/// handler and element id; a label on a board card or a table row needs none of that, and the board draws hundreds of
/// them in every staff circuit (see bench/RESULTS.md, live updates).
/// </summary>
public static class ChipMarkup
{
    // MudBlazor's class names are its enum names in lower case (mud-chip-outlined, mud-chip-color-warning).
    public static string Classes(Color color, Variant variant) =>
        $"mud-chip mud-chip-{variant.ToString().ToLowerInvariant()} mud-chip-size-small mud-chip-color-{color.ToString().ToLowerInvariant()}";
}
