using Microsoft.AspNetCore.Components;
using NetArchTest.Rules;
using SmartEldercare.Platform;

namespace SmartEldercare.Tests.Architecture;

public sealed class ArchitectureTests
{
    private static readonly System.Reflection.Assembly Platform = typeof(PlatformModule).Assembly;
    private static readonly System.Reflection.Assembly Web = typeof(SmartEldercare.Web.Hosting.EldercareHost).Assembly;

    [Fact]
    public void Pages_and_components_never_touch_the_database_context()
    {
        var result = Types.InAssemblies([Platform, Web])
            .That().Inherit(typeof(ComponentBase))
            .ShouldNot().HaveDependencyOnAny("SmartEldercare.Platform.Persistence", "Microsoft.EntityFrameworkCore")
            .GetResult();

        Assert.True(result.IsSuccessful, "Components using the database: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void The_components_rule_would_catch_a_violation()
    {
        // Guards the rule above against passing vacuously (e.g. if no component were found).
        var components = Types.InAssemblies([Platform, Web]).That().Inherit(typeof(ComponentBase)).GetTypes().ToList();
        Assert.Contains(components, t => t.Name == "EldersPage");
        Assert.Contains(components, t => t.Name == "Login");
        var handlers = Types.InAssembly(Platform).That().HaveNameEndingWith("Handler").Should().HaveDependencyOn("SmartEldercare.Platform.Persistence").GetResult();
        Assert.NotEmpty(handlers.FailingTypeNames ?? ["at least one handler uses the context"]);
    }

    [Fact]
    public void The_platform_does_not_depend_on_the_web_host()
    {
        Assert.DoesNotContain(Platform.GetReferencedAssemblies(), a => a.Name == "SmartEldercare.Web");
        var result = Types.InAssembly(Platform).ShouldNot().HaveDependencyOn("SmartEldercare.Web").GetResult();
        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Every_request_declares_the_permission_it_needs()
    {
        var messages = Platform.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && t.GetInterfaces().Any(i => i.Namespace == "Mediator" && i.Name is "IBaseCommand" or "IBaseQuery" or "IBaseRequest"))
            .ToList();
        Assert.NotEmpty(messages);
        var undeclared = messages.Where(t => !typeof(SmartEldercare.Platform.Behaviors.IRequirePermission).IsAssignableFrom(t)).Select(t => t.FullName).ToList();
        Assert.Empty(undeclared);
    }

    [Fact]
    public void Handlers_and_messages_are_public_for_the_mediator_generator()
    {
        var hidden = Platform.GetTypes()
            .Where(t => t.GetInterfaces().Any(i => i.Namespace == "Mediator" && (i.Name.StartsWith("ICommandHandler", StringComparison.Ordinal) || i.Name.StartsWith("IQueryHandler", StringComparison.Ordinal))))
            .Where(t => !t.IsVisible)
            .Select(t => t.FullName)
            .ToList();
        Assert.Empty(hidden);
    }
}
