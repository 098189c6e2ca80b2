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

    /// <param name="user">Signed in.</param>
    /// <param name="configure">More services.</param>
    /// <param name="persistentState">bunit's persistent component state (for components with <c>[PersistentState]</c>).</param>
    public static async Task<ComponentTestContext> CreateAsync(ClaimsPrincipal user, Action<IServiceCollection>? configure = null, bool persistentState = false)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        var connectionString = await TestDatabases.CreateAsync(TestProvider.Sqlite);
        var ctx = new ComponentTestContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        var configuration = TestDatabases.Configuration(TestProvider.Sqlite, connectionString);
        ctx.Services.AddSingleton(configuration);
        ctx.Services.AddEldercareCore(configuration, Path.GetTempPath());
        ctx.Services.AddSingleton<TimeProvider>(ctx.Clock);
        ctx.Services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
            o.PopoverOptions.CheckForPopoverProvider = false;
        });
        configure?.Invoke(ctx.Services);
        if (persistentState)
        {
            ctx.AddBunitPersistentComponentState();
        }

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
