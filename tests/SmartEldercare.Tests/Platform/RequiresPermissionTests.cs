using System.Text.Json;
using SmartEldercare.Facilities.Features.Complaints;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Identity;

namespace SmartEldercare.Tests.Platform;

/// <summary>A command's permission is fixed by its type: a request body cannot choose it, whatever it carries.</summary>
public sealed class RequiresPermissionTests
{
    [Fact]
    public void A_request_body_naming_another_permission_does_not_change_the_one_required()
    {
        var json = """{"permission":"account.self","Permission":"account.self","complaintId":"0197a0b0-0000-7000-8000-000000000001","resolution":"done"}""";
        var command = JsonSerializer.Deserialize<CloseComplaint.Command>(json, JsonSerializerOptions.Web)!;

        Assert.Equal("done", command.Resolution);
        Assert.Equal(Permissions.FacilitiesInspect, command.Permission);
        Assert.DoesNotContain("ermission", JsonSerializer.Serialize(command, JsonSerializerOptions.Web), StringComparison.Ordinal);
    }

    [Fact]
    public void No_message_has_a_settable_permission()
    {
        var messages = typeof(RequiresPermission).Assembly.GetTypes()
            .Concat(typeof(CloseComplaint).Assembly.GetTypes())
            .Where(t => typeof(IRequirePermission).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface)
            .ToList();
        Assert.Contains(messages, t => t.IsSubclassOf(typeof(RequiresPermission)));
        Assert.All(messages, t => Assert.False(t.GetProperty(nameof(IRequirePermission.Permission))!.CanWrite, t.FullName));
    }
}
