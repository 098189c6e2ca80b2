using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SmartEldercare.Platform.Features.Elders;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Components;

public sealed class ElderComponentsTests : IAsyncLifetime
{
    private ComponentTestContext ctx = null!;

    public async ValueTask InitializeAsync()
    {
        ctx = await ComponentTestContext.CreateAsync(TestUsers.Street);
        foreach (var (name, region) in new[]
        {
            ("张秀兰", RegionCatalog.YinglunMingyuanCode), ("张德明", TestUsers.YangliuqingVillage2), ("李桂英", RegionCatalog.YinglunMingyuanCode),
        })
        {
            var result = await ctx.Send(m => m.Send(NewElder.Command(name: name, region: region)));
            Assert.True(result.IsSuccess, result.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ctx.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private static List<string> Names(IRenderedComponent<EldersPage> page) =>
        page.FindAll("[data-testid=elder-link]").Select(a => a.TextContent.Trim()).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void The_list_shows_the_scope_and_the_search_box_narrows_it_by_name()
    {
        var page = ctx.Render<EldersPage>();
        page.WaitForAssertion(() => Assert.Equal(["张德明", "张秀兰", "李桂英"], Names(page)), TimeSpan.FromSeconds(5));
        Assert.All(page.FindAll("[data-testid=elder-phone]"), td => Assert.Equal("138****5678", td.TextContent.Trim()));

        page.Find("#elder-search").Input("张");
        // MudBlazor's debounce timer runs on the injected TimeProvider, which is the fake clock here.
        ctx.Clock.Advance(TimeSpan.FromSeconds(1));

        page.WaitForAssertion(() => Assert.Equal(["张德明", "张秀兰"], Names(page)), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void The_region_filter_from_the_link_narrows_the_list_to_one_village()
    {
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"/elders?region={RegionCatalog.YinglunMingyuanCode}");

        var page = ctx.Render<EldersPage>();

        page.WaitForAssertion(() => Assert.Equal(["张秀兰", "李桂英"], Names(page)), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Markup_in_a_name_is_shown_as_text()
    {
        var result = await ctx.Send(m => m.Send(NewElder.Command(name: "<b>粗</b><script>alert(1)</script>")));
        Assert.True(result.IsSuccess);

        var page = ctx.Render<EldersPage>();

        page.WaitForAssertion(() => Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        Assert.DoesNotContain("<script>", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("b"));
    }

    [Fact]
    public async Task The_elder_form_shows_localized_validation_messages_and_saves_nothing()
    {
        var provider = ctx.Render<MudDialogProvider>();
        var dialogs = ctx.Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<ElderDialog>("登记老人"));
        provider.WaitForElement("[data-testid=elder-save]");

        provider.Find("#elder-name").Input(new string('张', 51));
        provider.Find("#elder-idnumber").Input("120111194403051234");
        provider.Find("#elder-phone").Input("12345");
        provider.Find("[data-testid=elder-save]").Click();

        provider.WaitForAssertion(() =>
        {
            var text = provider.Markup;
            Assert.Contains("长度不能超过50个字符", text, StringComparison.Ordinal);
            Assert.Contains("身份证号无效", text, StringComparison.Ordinal);
            Assert.Contains("电话号码格式不正确", text, StringComparison.Ordinal);
            Assert.Contains("请选择所属村居（社区）", text, StringComparison.Ordinal);
            Assert.Contains("请填写联系人姓名", text, StringComparison.Ordinal);
        });

        // A valid ID shows what it says about the person before saving.
        provider.Find("#elder-idnumber").Input(NewElder.IdNumber(new DateOnly(1944, 3, 5)));
        provider.WaitForAssertion(() => Assert.Contains("出生日期 1944-03-05 · 女 · 82岁", provider.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain("身份证号无效", provider.Markup, StringComparison.Ordinal);

        var total = (await ctx.Send(m => m.Send(new SearchElders.Query(PageSize: 100)))).Value!.Total;
        Assert.Equal(3, total);
    }
}
