using Bunit;
using SmartEldercare.Emergency.Devices;
using SmartEldercare.Emergency.Features.Devices;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Components;

public sealed class DevicesPageComponentTests
{
    [Fact]
    public async Task The_health_counts_show_once_the_devices_are_loaded()
    {
        await using var ctx = await ComponentTestContext.CreateAsync(TestUsers.District);
        var elder = (await ctx.Send(m => m.Send(NewElder.Command()))).Value;
        var registered = await ctx.Send(m => m.Send(new RegisterDevice.Command("CNT-0001", DeviceKind.SosButton, elder, null)));
        Assert.True(registered.IsSuccess, registered.Message);

        var page = ctx.Render<DevicesPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr")), TimeSpan.FromSeconds(5));
        // The chips are outside the table: they must show what the table's load counted, without a click.
        page.WaitForAssertion(() => Assert.EndsWith("：1", page.Find($"[data-testid=device-count-{nameof(DeviceHealth.Ok)}]").TextContent.Trim(), StringComparison.Ordinal),
            TimeSpan.FromSeconds(5));
        Assert.EndsWith("：0", page.Find($"[data-testid=device-count-{nameof(DeviceHealth.Offline)}]").TextContent.Trim(), StringComparison.Ordinal);
    }
}
