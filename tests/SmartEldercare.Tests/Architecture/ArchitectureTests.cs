using Microsoft.AspNetCore.Components;
using NetArchTest.Rules;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Platform;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Architecture;

public sealed class ArchitectureTests
{
    private static readonly System.Reflection.Assembly Platform = typeof(PlatformModule).Assembly;
    private static readonly System.Reflection.Assembly Web = typeof(SmartEldercare.Web.Hosting.EldercareHost).Assembly;
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

    [Fact]
    public void The_platform_does_not_depend_on_the_web_host()
    {
        Assert.DoesNotContain(Platform.GetReferencedAssemblies(), a => a.Name is "SmartEldercare.Web" or "SmartEldercare.Emergency");
        Assert.DoesNotContain(Emergency.GetReferencedAssemblies(), a => a.Name == "SmartEldercare.Web");
        Assert.DoesNotContain(HomeService.GetReferencedAssemblies(), a => a.Name is "SmartEldercare.Web" or "SmartEldercare.Emergency");
        Assert.DoesNotContain(Facilities.GetReferencedAssemblies(), a => a.Name is "SmartEldercare.Web" or "SmartEldercare.Emergency" or "SmartEldercare.HomeService" or "SmartEldercare.Welfare");
        Assert.DoesNotContain(Welfare.GetReferencedAssemblies(), a => a.Name is "SmartEldercare.Web" or "SmartEldercare.Emergency" or "SmartEldercare.HomeService" or "SmartEldercare.Facilities" or "SmartEldercare.Social" or "SmartEldercare.HealthLink" or "SmartEldercare.Card");
        Assert.DoesNotContain(Social.GetReferencedAssemblies(), a => a.Name is "SmartEldercare.Web" or "SmartEldercare.Emergency" or "SmartEldercare.HomeService" or "SmartEldercare.Facilities" or "SmartEldercare.Welfare" or "SmartEldercare.HealthLink" or "SmartEldercare.Card");
        Assert.DoesNotContain(HealthLink.GetReferencedAssemblies(), a => a.Name is "SmartEldercare.Web" or "SmartEldercare.Emergency" or "SmartEldercare.HomeService" or "SmartEldercare.Facilities" or "SmartEldercare.Welfare" or "SmartEldercare.Social" or "SmartEldercare.Card");
        Assert.DoesNotContain(Card.GetReferencedAssemblies(), a => a.Name is "SmartEldercare.Web" or "SmartEldercare.Emergency" or "SmartEldercare.HomeService" or "SmartEldercare.Facilities" or "SmartEldercare.Welfare" or "SmartEldercare.Social" or "SmartEldercare.HealthLink");
        // Reports reads the scenarios only through IMonthlyReportSection, published by each module.
        Assert.Equal(["SmartEldercare.Platform"], Reports.GetReferencedAssemblies().Select(a => a.Name).Where(n => n!.StartsWith("SmartEldercare.", StringComparison.Ordinal)));
        // The dashboard reads the scenarios only through the platform's IDashboardSource contract.
        Assert.DoesNotContain(Dashboard.GetReferencedAssemblies(), a => a.Name is "SmartEldercare.Web" or "SmartEldercare.Emergency" or "SmartEldercare.HomeService" or "SmartEldercare.Facilities" or "SmartEldercare.Welfare" or "SmartEldercare.Social" or "SmartEldercare.HealthLink" or "SmartEldercare.Card");
        var result = Types.InAssembly(Platform).ShouldNot().HaveDependencyOn("SmartEldercare.Web").GetResult();
        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

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
