using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Tests.Infrastructure;
using SmartEldercare.Web.Components.Layout;
using SmartEldercare.Web.Hosting;

namespace SmartEldercare.Tests.Components;

public sealed class IdleWatcherTests : IAsyncLifetime
{
    private ComponentTestContext ctx = null!;

    public async ValueTask InitializeAsync()
    {
        ctx = await ComponentTestContext.CreateAsync(TestUsers.Village, services => services.AddScoped<IdleTracker>());
    }

    public async ValueTask DisposeAsync()
    {
        await ctx.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Thirty_idle_minutes_sign_the_user_out()
    {
        ctx.Render<IdleWatcher>();
        var navigation = ctx.Services.GetRequiredService<NavigationManager>();

        ctx.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.DoesNotContain("/login", navigation.Uri, StringComparison.Ordinal);

        ctx.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.EndsWith("/login?reason=idle", navigation.Uri, StringComparison.Ordinal);
        Assert.Contains(ctx.JSInterop.Invocations, i => i.Identifier == "eldercare.post" && Equals(i.Arguments[0], "/account/logout"));
    }

    [Fact]
    public void Activity_keeps_the_session_and_renews_the_cookie()
    {
        ctx.Render<IdleWatcher>();
        var navigation = ctx.Services.GetRequiredService<NavigationManager>();
        var tracker = ctx.Services.GetRequiredService<IdleTracker>();

        for (var minute = 0; minute < 40; minute++)
        {
            ctx.Clock.Advance(TimeSpan.FromMinutes(1));
            tracker.Touch();
        }

        Assert.DoesNotContain("/login", navigation.Uri, StringComparison.Ordinal);
        Assert.Contains(ctx.JSInterop.Invocations, i => i.Identifier == "eldercare.post" && Equals(i.Arguments[0], "/account/ping"));
    }
}
