namespace SmartEldercare.Platform.Navigation;

/// <summary>An entry of the navigation drawer; each module registers its own, so a scenario appears when its module exists.</summary>
/// <param name="TitleKey">Text key of the title.</param>
/// <param name="Href">Route.</param>
/// <param name="Icon">MudBlazor icon SVG.</param>
/// <param name="Permission">Shown only to users holding it; null for everyone signed in.</param>
/// <param name="Group">Text key of the drawer group: the base platform or a scenario.</param>
/// <param name="Order">Position, platform first (0–99), then the five scenarios in plan order.</param>
/// <param name="ExactMatch">Highlight only on the exact route (the console at /).</param>
public sealed record NavigationEntry(string TitleKey, string Href, string Icon, string? Permission, string Group, int Order, bool ExactMatch = false);

/// <summary>
/// A component a module shows above every page for users holding <paramref name="Permission"/>, e.g. the emergency
/// module's banner of unanswered alarms: whatever page an operator is on, an alarm is not missed.
/// </summary>
/// <param name="Component">A component type without parameters.</param>
/// <param name="Permission">Shown only to users holding it.</param>
public sealed record LayoutBanner(Type Component, string Permission);

/// <summary>
/// A panel a module adds to the console (<c>/</c>) of users holding <paramref name="Permission"/>, e.g. the card
/// module's supervision flags of the day on the street console. The panel loads and refreshes itself.
/// </summary>
/// <param name="Component">A component type without parameters.</param>
/// <param name="Permission">Shown only to users holding it.</param>
/// <param name="Order">Position among the panels (ascending).</param>
public sealed record ConsolePanel(Type Component, string Permission, int Order);
