using System.Reflection;
using SmartEldercare.Web.Hosting;

namespace SmartEldercare.Web.Components;

/// <summary>Assemblies whose pages the router serves besides the host's: the platform and each scenario module.</summary>
public static class ModuleAssemblies
{
    public static readonly Assembly[] Pages = [typeof(Platform.PlatformModule).Assembly, .. EldercareModules.All.Select(m => m.Assembly)];
}
