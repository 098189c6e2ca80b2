using MudBlazor;

namespace SmartEldercare.Web.Components.Layout;

public static class EldercareTheme
{
    public static readonly MudTheme Light = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#b71c1c",
            Secondary = "#00796b",
            AppbarBackground = "#b71c1c",
            Background = "#f7f7f9",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Roboto", "Arial", "sans-serif"],
            },
        },
    };
}
