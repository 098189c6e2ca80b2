using System.Globalization;
using System.Security.Claims;
using Bunit;
using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Tests.Infrastructure;
using SmartEldercare.Web.Hosting;

namespace SmartEldercare.Tests.Components;

/// <summary>
/// bunit with the real composition root over a fresh SQLite database (MudBlazor's own AddTestServices pattern:
/// loose JS interop, no transitions), signed in as one user.
/// </summary>
public sealed class ComponentTestContext : BunitContext
{
    private ComponentTestContext()
    {
    }

    public static async Task<ComponentTestContext> CreateAsync(ClaimsPrincipal user, Action<IServiceCollection>? configure = null)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        var connectionString = await TestDatabases.CreateAsync(TestProvider.Sqlite);
        var ctx = new ComponentTestContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        ctx.Services.AddEldercareCore(TestDatabases.Configuration(TestProvider.Sqlite, connectionString), Path.GetTempPath());
        ctx.Services.AddSingleton<TimeProvider>(ctx.Clock);
        ctx.Services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
            o.PopoverOptions.CheckForPopoverProvider = false;
        });
        configure?.Invoke(ctx.Services);
        ctx.Services.GetRequiredService<CurrentUser>().Set(user);
        return ctx;
    }

    public FakeTimeProvider Clock { get; } = new(SliceFixture.Now);

    public ValueTask<T> Send<T>(Func<IMediator, ValueTask<T>> send) => send(Services.GetRequiredService<IMediator>());

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }
}
