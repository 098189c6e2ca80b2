using System.Reflection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SmartEldercare.Platform.Modules;

/// <summary>
/// A scenario module as the host sees it: its assembly (pages, model configurations, handlers), how it adds its services
/// and which endpoints it maps. Each module publishes one (<c>XModule.Module</c>); the host holds the list.
/// </summary>
/// <param name="Name">A short stable name (<c>emergency</c>, <c>card</c>…).</param>
/// <param name="Assembly">The module's assembly.</param>
/// <param name="AddServices">Adds the module's services: (services, configuration, content root).</param>
/// <param name="MapApi">Maps the staff API under <c>/api/v1</c>, behind the bearer-token policy.</param>
/// <param name="MapMachineApi">Maps endpoints for machines with their own credentials (devices, partners, terminals) under <c>/api/v1</c>.</param>
/// <param name="Meters">The names of the module's metrics meters, exported with the platform's.</param>
public sealed record EldercareModule(
    string Name,
    Assembly Assembly,
    Action<IServiceCollection, IConfiguration, string> AddServices,
    Action<RouteGroupBuilder>? MapApi = null,
    Action<RouteGroupBuilder>? MapMachineApi = null,
    IReadOnlyList<string>? Meters = null);
