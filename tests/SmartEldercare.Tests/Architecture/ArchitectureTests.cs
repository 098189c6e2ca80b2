using Microsoft.AspNetCore.Components;
using NetArchTest.Rules;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Platform;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Architecture;

public sealed class ArchitectureTests
{
    private static readonly System.Reflection.Assembly Platform = typeof(PlatformModule).Assembly;
    private static readonly System.Reflection.Assembly Web = typeof(Program).Assembly;
    private static readonly System.Reflection.Assembly Emergency = typeof(SmartEldercare.Emergency.EmergencyModule).Assembly;
    private static readonly System.Reflection.Assembly HomeService = typeof(SmartEldercare.HomeService.HomeServiceModule).Assembly;
    private static readonly System.Reflection.Assembly Facilities = typeof(SmartEldercare.Facilities.FacilitiesModule).Assembly;

    /// <summary>The platform and every scenario module: the rules below hold for each.</summary>
    private static readonly System.Reflection.Assembly Welfare = typeof(SmartEldercare.Welfare.WelfareModule).Assembly;
    private static readonly System.Reflection.Assembly HealthLink = typeof(SmartEldercare.HealthLink.HealthLinkModule).Assembly;
    private static readonly System.Reflection.Assembly Social = typeof(SmartEldercare.Social.SocialModule).Assembly;
    private static readonly System.Reflection.Assembly Card = typeof(SmartEldercare.Card.CardModule).Assembly;
    private static readonly System.Reflection.Assembly Reports = typeof(SmartEldercare.Reports.ReportsModule).Assembly;
    private static readonly System.Reflection.Assembly Dashboard = typeof(SmartEldercare.Dashboard.DashboardModule).Assembly;
    private static readonly System.Reflection.Assembly[] Domain = [Platform, Emergency, HomeService, Facilities, Welfare, HealthLink, Social, Card, Reports, Dashboard];

    [Fact]
    public void Pages_and_components_never_touch_the_database_context()
    {
        var result = Types.InAssemblies([.. Domain, Web])
            .That().Inherit(typeof(ComponentBase))
            .ShouldNot().HaveDependencyOnAny("SmartEldercare.Platform.Persistence", "Microsoft.EntityFrameworkCore")
            .GetResult();

        Assert.True(result.IsSuccessful, "Components using the database: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void A_change_stages_its_live_feed_row_in_its_own_transaction_and_only_alerts_publish_on_their_own()
    {
        // PublishAsync writes the feed row in a transaction of its own: right only for an alert that is its own record.
        // Everything else stages the row with the change (LiveEvent.Stage) and pushes after the commit.
        string[] alerts = ["StaffingWatch.cs", "CardPayments.cs"];
        var publishing = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal)) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Where(f => System.Text.RegularExpressions.Regex.IsMatch(File.ReadAllText(f), @"\b[Ll]ive\w*\.PublishAsync\("))
            .Select(Path.GetFileName).ToList();
        Assert.Equal(alerts.Order(), publishing.Order());
    }

    [Fact]
    public void The_components_rule_would_catch_a_violation()
    {
        // Guards the rule above against passing vacuously (e.g. if no component were found).
        var components = Types.InAssemblies([.. Domain, Web]).That().Inherit(typeof(ComponentBase)).GetTypes().ToList();
        Assert.Contains(components, t => t.Name == "EldersPage");
        Assert.Contains(components, t => t.Name == "AlarmDetailPage");
        Assert.Contains(components, t => t.Name == "Login");
        var handlers = Types.InAssembly(Platform).That().HaveNameEndingWith("Handler").Should().HaveDependencyOn("SmartEldercare.Platform.Persistence").GetResult();
        Assert.NotEmpty(handlers.FailingTypeNames ?? ["at least one handler uses the context"]);
    }

    /// <summary>The modules: every SmartEldercare assembly the web host references but the platform and the migrations.</summary>
    private static readonly System.Reflection.Assembly[] Modules =
    [
        .. Web.GetReferencedAssemblies()
            .Where(a => a.Name!.StartsWith("SmartEldercare.", StringComparison.Ordinal) && a.Name != Platform.GetName().Name && !a.Name.StartsWith("SmartEldercare.Migrations.", StringComparison.Ordinal))
            .Select(System.Reflection.Assembly.Load),
    ];

    private static IEnumerable<string> OwnReferences(System.Reflection.Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("SmartEldercare.", StringComparison.Ordinal));

    [Fact]
    public void Every_module_references_the_platform_and_nothing_else_of_ours()
    {
        Assert.Equal(Domain.Except([Platform]).Select(a => a.GetName().Name).Order(), Modules.Select(a => a.GetName().Name).Order());
        foreach (var module in Modules)
        {
            Assert.Equal(["SmartEldercare.Platform"], OwnReferences(module));
        }
    }

    [Fact]
    public void The_platform_references_no_module_and_not_the_web_host()
    {
        Assert.Empty(OwnReferences(Platform));
        var result = Types.InAssembly(Platform).ShouldNot().HaveDependencyOnAny([.. Modules.Select(m => m.GetName().Name!), "SmartEldercare.Web"]).GetResult();
        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void The_web_host_uses_only_each_modules_entry_point()
    {
        // A module's root namespace holds its entry point (XModule.Module, AddXModule, MapXApi); its sub-namespaces are its
        // own business. The mediator's generated code (namespace Mediator) is the one part of the host that names every
        // handler, by design.
        var result = Types.InAssembly(Web).That().DoNotResideInNamespace("Mediator")
            .ShouldNot().HaveDependencyOnAny([.. ModuleInternals()]).GetResult();
        Assert.True(result.IsSuccessful, "The host uses module internals: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void The_entry_point_rule_would_catch_a_violation()
    {
        // Guards the rule above against passing vacuously: the generated mediator code does name module internals.
        var generated = Types.InAssembly(Web).That().ResideInNamespace("Mediator").Should().NotHaveDependencyOnAny([.. ModuleInternals()]).GetResult();
        Assert.False(generated.IsSuccessful);
    }

    /// <summary>Every namespace below a module's root namespace.</summary>
    private static IEnumerable<string> ModuleInternals() =>
        Modules.SelectMany(m => m.GetTypes().Select(t => t.Namespace).OfType<string>().Where(ns => ns != m.GetName().Name).Distinct())
            .Distinct();

    [Fact]
    public void Every_request_declares_the_permission_it_needs()
    {
        var messages = Domain.SelectMany(a => a.GetTypes())
            .Where(t => t.IsClass && !t.IsAbstract && t.GetInterfaces().Any(i => i.Namespace == "Mediator" && i.Name is "IBaseCommand" or "IBaseQuery" or "IBaseRequest"))
            .ToList();
        Assert.NotEmpty(messages);
        var undeclared = messages.Where(t => !typeof(SmartEldercare.Platform.Behaviors.IRequirePermission).IsAssignableFrom(t)).Select(t => t.FullName).ToList();
        Assert.Empty(undeclared);
    }

    [Fact]
    public void Handlers_and_messages_are_public_for_the_mediator_generator()
    {
        var hidden = Domain.SelectMany(a => a.GetTypes())
            .Where(t => t.GetInterfaces().Any(i => i.Namespace == "Mediator" && (i.Name.StartsWith("ICommandHandler", StringComparison.Ordinal) || i.Name.StartsWith("IQueryHandler", StringComparison.Ordinal))))
            .Where(t => !t.IsVisible)
            .Select(t => t.FullName)
            .ToList();
        Assert.Empty(hidden);
    }

    [Fact]
    public async Task Every_handler_of_every_module_in_the_host_list_is_registered_with_the_mediator()
    {
        // The mediator's assembly list is spelled out for its source generator (EldercareServices); the host's module list
        // is the one used for everything else. A module in one list and not the other would have pages without handlers.
        Assert.Equal(Modules.Select(m => m.GetName().Name).Order(), SmartEldercare.Web.Hosting.EldercareModules.All.Select(m => m.Assembly.GetName().Name).Order());
        await using var app = await SliceFixture.CreateAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var handlers = Domain.SelectMany(a => a.GetTypes()).Where(t => !t.IsAbstract && !t.IsInterface)
            .SelectMany(t => t.GetInterfaces().Where(i => i.IsGenericType && i.Namespace == "Mediator" && i.Name is "ICommandHandler`2" or "IQueryHandler`2"))
            .ToList();
        Assert.Contains(handlers, h => h.GenericTypeArguments[0].Assembly == Dashboard);
        var missing = handlers.Where(h => scope.ServiceProvider.GetService(h) is null).Select(h => h.GenericTypeArguments[0].FullName).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public async Task Every_validator_of_every_module_is_registered_so_the_pipeline_runs_it()
    {
        await using var app = await SliceFixture.CreateAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var validators = Domain.SelectMany(a => a.GetTypes())
            .Where(t => !t.IsAbstract && t.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(FluentValidation.AbstractValidator<>))
            .ToList();
        Assert.Contains(validators, t => t.Assembly == Emergency);
        Assert.Contains(validators, t => t.Assembly == HomeService);
        var missing = validators.Where(t => scope.ServiceProvider.GetService(typeof(FluentValidation.IValidator<>).MakeGenericType(t.BaseType!.GetGenericArguments()[0])) is null)
            .Select(t => t.FullName).ToList();
        Assert.Empty(missing);
    }
}
