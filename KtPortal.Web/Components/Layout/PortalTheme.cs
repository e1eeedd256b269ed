using MudBlazor;

namespace KtPortal.Web.Components.Layout;

/// <summary>
/// The portal's colours, chosen for WCAG 2.2 AA: every colour that carries text (links, chips, alerts, captions) has
/// at least 4.5:1 against the page, the surface and its own tinted background, in light and in dark. MudBlazor's
/// defaults do not (info #2196f3 is 3.1:1 on white; grey captions 4.1:1 inside an alert). Dark mode uses light
/// tones with dark text on filled buttons and chips.
/// </summary>
internal static class PortalTheme
{
    private const string DarkInk = "rgba(0,0,0,0.87)";

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5fa8",
            Secondary = "#0b7073",
            Info = "#0b62b8",
            Success = "#1b7a32",
            Warning = "#9a5b00",
            Error = "#c62828",
            TextSecondary = "rgba(0,0,0,0.64)",
            AppbarBackground = "#1f5fa8",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8cbcf5",
            Secondary = "#5fd3d5",
            Info = "#7cc3f8",
            Success = "#72d07f",
            Warning = "#ffb74d",
            Error = "#f7a1a1",
            PrimaryContrastText = DarkInk,
            SecondaryContrastText = DarkInk,
            InfoContrastText = DarkInk,
            SuccessContrastText = DarkInk,
            WarningContrastText = DarkInk,
            ErrorContrastText = DarkInk,
            TextPrimary = "rgba(255,255,255,0.87)",
            TextSecondary = "rgba(255,255,255,0.72)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
