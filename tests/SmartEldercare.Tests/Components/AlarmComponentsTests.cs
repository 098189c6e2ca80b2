using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartEldercare.Emergency.Alarms;
using SmartEldercare.Emergency.Features.Alarms;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Components;

public sealed class AlarmComponentsTests : IAsyncLifetime
{
    private ComponentTestContext ctx = null!;
    private Guid elder;

    public async ValueTask InitializeAsync()
    {
        ctx = await ComponentTestContext.CreateAsync(TestUsers.Street);
        elder = (await ctx.Send(m => m.Send(NewElder.Command()))).Value;
    }

    public async ValueTask DisposeAsync()
    {
        await ctx.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_new_critical_alarm_appears_pushed_with_the_tone_until_someone_acknowledges_it()
    {
        var tone = ctx.JSInterop.SetupModule("./_content/SmartEldercare.Emergency/alarm-tone.js");
        tone.SetupVoid("start").SetVoidResult();
        tone.SetupVoid("stop").SetVoidResult();
        var desk = ctx.Render<AlarmQueueView>();
        desk.WaitForAssertion(() => Assert.NotNull(desk.Find("[data-testid=alarms-none]")), TimeSpan.FromSeconds(5));

        // Raised elsewhere (another user, through the pipeline): the open view is told, nothing is reloaded by hand.
        var id = (await ctx.Send(m => m.Send(new RaiseAlarm.Command(elder, AlarmType.Fall, null)))).Value;
        desk.WaitForAssertion(() => Assert.Equal("Raised", desk.Find($"[data-alarm-id='{id}']").GetAttribute("data-status")), TimeSpan.FromSeconds(5));
        Assert.NotNull(desk.Find("[data-testid=alarm-tone]"));
        desk.WaitForAssertion(() => Assert.Single(tone.Invocations, i => i.Identifier == "start"), TimeSpan.FromSeconds(5));

        desk.Find("[data-testid=alarm-acknowledge]").Click();
        desk.WaitForAssertion(() => Assert.Equal("Acknowledged", desk.Find($"[data-alarm-id='{id}']").GetAttribute("data-status")), TimeSpan.FromSeconds(5));
        Assert.Empty(desk.FindAll("[data-testid=alarm-tone]"));
        desk.WaitForAssertion(() => Assert.Single(tone.Invocations, i => i.Identifier == "stop"), TimeSpan.FromSeconds(5));
        var stored = await ctx.Services.GetRequiredService<IDbContextFactory<EldercareDbContext>>().CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken);
        await using (stored)
        {
            Assert.Equal(AlarmStatus.Acknowledged, (await stored.Set<Alarm>().SingleAsync(a => a.Id == id, Xunit.TestContext.Current.CancellationToken)).Status);
        }
    }

    [Fact]
    public async Task Above_every_page_a_banner_counts_the_unanswered_critical_alarms_and_hides_on_the_alarm_pages()
    {
        ctx.JSInterop.SetupModule("./_content/SmartEldercare.Emergency/alarm-tone.js").SetupVoid(_ => true).SetVoidResult();
        var banner = ctx.Render<UnansweredAlarmsBanner>();
        Assert.Empty(banner.FindAll("[data-testid=alarm-banner]"));

        await ctx.Send(m => m.Send(new RaiseAlarm.Command(elder, AlarmType.Sos, null)));
        await ctx.Send(m => m.Send(new RaiseAlarm.Command(elder, AlarmType.WaterLeak, null))); // high, not critical
        banner.WaitForAssertion(() => Assert.Contains("1 条紧急报警待接警", banner.Find("[data-testid=alarm-banner]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(5));

        ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/emergency");
        banner.WaitForAssertion(() => Assert.Empty(banner.FindAll("[data-testid=alarm-banner]")), TimeSpan.FromSeconds(5));
    }
}
