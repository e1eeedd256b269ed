using MudBlazor;

namespace KtPortal.Web.Components.Layout;

internal static class PortalTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5fa8",
            Secondary = "#0f8b8d",
            AppbarBackground = "#1f5fa8",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#6ea8f0",
            Secondary = "#3cc7c9",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
