using System.Reflection;
using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Platform.Localization;

namespace SmartEldercare.Platform.Modules;

public static class ModuleServices
{
    /// <summary>
    /// What every module registers first: its options bound from <paramref name="section"/>, its model configurations,
    /// its text catalogue and its validators (so the pipeline runs them).
    /// </summary>
    public static TOptions AddModuleBasics<TOptions>(this IServiceCollection services, IConfiguration configuration, string section, Assembly assembly, Action<TOptions>? adjust = null)
        where TOptions : class, new()
    {
        var options = new TOptions();
        configuration.GetSection(section).Bind(options);
        adjust?.Invoke(options);
        services.AddSingleton(options);
        services.AddModelAssembly(assembly);
        services.AddSingleton(new StringCatalogueSource(assembly));
        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Scoped, includeInternalTypes: false);
        return options;
    }
}
