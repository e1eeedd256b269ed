using Microsoft.AspNetCore.Components;

namespace KtPortal.Web.Components.Shared;

/// <summary>
/// A MudBlazor icon as plain SVG markup, the way MudIcon renders it, for markup that lives on every card, row or page
/// of a live view: a MudIcon is a component with its own render trees in every circuit (bench/RESULTS.md).
/// </summary>
public static class IconMarkup
{
    /// <param name="icon">One of MudBlazor's <c>Icons.Material...</c> constants (SVG path markup, never user input).</param>
    /// <param name="classes">Extra classes, e.g. MudBlazor's <c>mud-icon-size-small</c> and where it sits.</param>
    public static RenderFragment Svg(string icon, string classes = "mud-icon-size-medium") => builder =>
    {
        builder.OpenElement(0, "svg");
        builder.AddAttribute(1, "class", $"mud-icon-root mud-svg-icon mud-icon-default {classes}");
        builder.AddAttribute(2, "focusable", "false");
        builder.AddAttribute(3, "viewBox", "0 0 24 24");
        builder.AddAttribute(4, "aria-hidden", "true");
        builder.AddMarkupContent(5, icon);
        builder.CloseElement();
    };
}
