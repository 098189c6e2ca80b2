using FluentValidation;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using SmartEldercare.HomeService.Features.Orders;
using SmartEldercare.HomeService.Features.Settlements;
using SmartEldercare.HomeService.Features.Worker;
using SmartEldercare.HomeService.Orders;
using SmartEldercare.HomeService.Settlements;
using SmartEldercare.Platform.Common;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.HomeService;

public sealed class SettlementTests
{
    [Theory]
    [InlineData(14_00, 1, 1, 50, 14_00, 7_00, 7_00)]
    [InlineData(33_33, 3, 2, 80, 99_99, 53_33, 46_66)]     // 53.328 rounds to the fen
    [InlineData(5, 1, 1, 50, 5, 3, 2)]                     // half a fen: away from zero
    [InlineData(25, 1, 1, 50, 25, 13, 12)]                 // 0.125: half a fen up, not to the even 0.12
    [InlineData(15, 3, 3, 50, 45, 23, 22)]                 // 0.225: half a fen up, not to the even 0.22
    [InlineData(12_35, 1, 1, 15, 12_35, 1_85, 10_50)]      // 1.8525: down
    [InlineData(33_35, 2, 1, 30, 66_70, 10_01, 56_69)]     // 10.005: half a fen up
    [InlineData(19_99, 2, 2, 45, 39_98, 17_99, 21_99)]     // 17.991: down
    [InlineData(35_00, 2, 0, 100, 70_00, 0, 70_00)]        // nothing left: all self-paid
    [InlineData(80_00, 1, 1, 100, 80_00, 80_00, 0)]
    public void A_visit_is_split_once_into_subsidy_and_self_pay_that_add_up_to_its_amount(
        long price, int quantity, int subsidised, int percent, long amount, long subsidy, long selfPay)
    {
        Assert.Equal((amount, subsidy, selfPay), ServiceOrder.Split(price, quantity, subsidised, percent));
    }

    [Fact]
    public void The_split_in_fen_rounds_exactly_as_the_yuan_rule_it_replaced()
    {
        // The rule as it was written in yuan: the subsidy rounded to two decimals, half away from zero.
        static (decimal Amount, decimal Subsidy, decimal SelfPay) InYuan(decimal price, int quantity, int subsidised, int percent)
        {
            var amount = price * quantity;
            var subsidy = decimal.Round(price * subsidised * percent / 100m, 2, MidpointRounding.AwayFromZero);
            return (amount, subsidy, amount - subsidy);
        }

        var random = new Random(11);
        for (var i = 0; i < 20_000; i++)
        {
            // Odd prices (every fen up to ¥500, and some large ones) with every percentage: each midpoint case occurs.
            var price = i % 10 == 0 ? random.NextInt64(1, 100_000_00) : random.Next(1, 500_00);
            var quantity = random.Next(1, 9);
            var (subsidised, percent) = (random.Next(0, quantity + 1), random.Next(0, 101));
            var (amount, subsidy, selfPay) = ServiceOrder.Split(price, quantity, subsidised, percent);
            Assert.Equal(InYuan(Fen.ToYuan(price), quantity, subsidised, percent), (Fen.ToYuan(amount), Fen.ToYuan(subsidy), Fen.ToYuan(selfPay)));
        }
    }

    [Fact]
    public void Many_split_visits_sum_without_drift()
    {
        var random = new Random(7);
        long amounts = 0, subsidies = 0, selfPays = 0;
        for (var i = 0; i < 10_000; i++)
        {
            var price = random.Next(1, 20_000);
            var quantity = random.Next(1, 5);
            var (amount, subsidy, selfPay) = ServiceOrder.Split(price, quantity, random.Next(0, quantity + 1), random.Next(0, 101));
            Assert.Equal(amount, subsidy + selfPay);
            Assert.InRange(subsidy, 0, amount);
            (amounts, subsidies, selfPays) = (amounts + amount, subsidies + subsidy, selfPays + selfPay);
        }

        Assert.Equal(amounts, subsidies + selfPays);
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task A_finished_month_settles_verified_visits_lists_the_rest_twice_the_same_and_is_approved_street_then_district(TestProvider provider)
    {
        await using var world = await HomeWorld.CreateAsync(provider);
        var month = YearMonth.Of(DateOnly.FromDateTime(ShanghaiTime.ToLocal(world.App.Clock.GetUtcNow().UtcDateTime)));
        var command = NewElder.Command(name: "钱秀兰", careLevel: 3);
        command.Destitute = true; // 特困·部分失能: 12 units at 100 %
        var destitute = await world.ElderAsync(command);
        var old = await world.VeryOldElderAsync(); // 1 unit at 50 %

        var lunch = await Served(world, destitute, "MEAL-LUNCH", verify: true);           // 14.00, all subsidy
        var cleaning = await Served(world, old, "CLEAN-HOME", verify: true, quantity: 2); // 70.00: 1 unit at 50 % = 17.50 subsidy
        var unverified = await Served(world, old, "MEAL-DINNER", verify: false);
        var cancelled = await world.AssignedAsync(destitute, "JOY-WALK", hoursFromNow: 5);
        Assert.True((await world.App.As(TestUsers.Village, m => m.Send(new CancelOrder.Command(cancelled, "老人外出")))).IsSuccess);

        // Not over yet.
        var early = await Assert.ThrowsAsync<ValidationException>(async () => await world.App.As(TestUsers.Street, m => m.Send(new GenerateSettlement.Command(world.ProviderId, month))));
        Assert.Equal("该月份尚未结束，不能结算。", early.Errors.Single().ErrorMessage);
        Assert.Equal(0, await world.App.Db(db => db.Set<Settlement>().CountAsync()));

        world.App.Clock.Advance(TimeSpan.FromDays(5)); // into the next month
        var id = (await world.App.As(TestUsers.Street, m => m.Send(new GenerateSettlement.Command(world.ProviderId, month)))).Value;
        var first = (await world.App.As(TestUsers.Street, m => m.Send(new GetSettlement.Query(id)))).Value!;
        Assert.Equal((2, 3, 84_00L, 31_50L, 52_50L, 2), (first.Summary.Visits, first.Summary.Units, first.Summary.Amount, first.Summary.Subsidy, first.Summary.SelfPay, first.Summary.Excluded));
        Assert.Equal([lunch, cleaning], first.Lines.Where(l => l.Included).Select(l => l.OrderId));
        Assert.Equal([(unverified, ExclusionReason.NotVerified), (cancelled, ExclusionReason.Cancelled)],
            first.Lines.Where(l => !l.Included).Select(l => (l.OrderId, l.Exclusion!.Value)).OrderBy(x => x.Item2));

        var again = await world.App.As(TestUsers.Street, m => m.Send(new GenerateSettlement.Command(world.ProviderId, month)));
        Assert.Equal(id, again.Value);
        var second = (await world.App.As(TestUsers.Street, m => m.Send(new GetSettlement.Query(id)))).Value!;
        Assert.Equal(first.Summary with { GeneratedAtUtc = default }, second.Summary with { GeneratedAtUtc = default });
        Assert.Equal(first.Lines.Select(Fields), second.Lines.Select(Fields));
        Assert.Equal(1, await world.App.Db(db => db.Set<Settlement>().CountAsync()));

        Assert.Equal(ResultStatus.Conflict, (await world.App.As(TestUsers.District, m => m.Send(new ApproveSettlement.Command(id)))).Status); // the street first
        Assert.Equal(ResultStatus.NotFound, (await world.App.As(TestUsers.Street2, m => m.Send(new ApproveSettlement.Command(id)))).Status);
        Assert.True((await world.App.As(TestUsers.Street, m => m.Send(new ApproveSettlement.Command(id)))).IsSuccess);
        Assert.Equal(ResultStatus.Conflict, (await world.App.As(TestUsers.Street, m => m.Send(new ApproveSettlement.Command(id)))).Status);
        Assert.True((await world.App.As(TestUsers.District, m => m.Send(new ApproveSettlement.Command(id)))).IsSuccess);

        // Approved: a late verification does not rewrite it.
        Assert.True((await world.App.As(TestUsers.Street, m => m.Send(new VerifyOrder.Command(unverified)))).IsSuccess);
        Assert.Equal(id, (await world.App.As(TestUsers.Street, m => m.Send(new GenerateSettlement.Command(world.ProviderId, month)))).Value);
        var approved = (await world.App.As(TestUsers.District, m => m.Send(new GetSettlement.Query(id)))).Value!.Summary;
        Assert.Equal((SettlementStatus.DistrictApproved, 84_00L, "street", "district"), (approved.Status, approved.Amount, approved.StreetApprovedBy, approved.DistrictApprovedBy));
    }

    [Fact]
    public async Task The_xlsx_export_opens_and_holds_the_summary_the_paid_visits_and_those_left_out_and_the_csv_every_line()
    {
        await using var world = await HomeWorld.CreateAsync();
        var month = YearMonth.Of(DateOnly.FromDateTime(ShanghaiTime.ToLocal(world.App.Clock.GetUtcNow().UtcDateTime)));
        var elder = await world.VeryOldElderAsync();
        await Served(world, elder, "MEAL-LUNCH", verify: true);
        await Served(world, elder, "BATH-HOME", verify: true);
        await Served(world, elder, "MEAL-DINNER", verify: false);
        world.App.Clock.Advance(TimeSpan.FromDays(5));
        var id = (await world.App.As(TestUsers.Street, m => m.Send(new GenerateSettlement.Command(world.ProviderId, month)))).Value;

        var xlsx = (await world.App.As(TestUsers.Street, m => m.Send(new ExportSettlement.Query(id, ExportFormat.Xlsx)))).Value!;
        Assert.EndsWith(".xlsx", xlsx.FileName, StringComparison.Ordinal);
        MemoryStream Open() => new(xlsx.Content);
        List<IDictionary<string, object>> Sheet(string name)
        {
            using var stream = Open();
            return [.. stream.Query(useHeaderRow: true, sheetName: name).Cast<IDictionary<string, object>>()];
        }

        using (var stream = Open())
        {
            Assert.Equal(["结算汇总", "结算明细", "未结算服务"], stream.GetSheetNames());
        }

        var paid = Sheet("结算明细");
        Assert.Equal(["午餐送餐上门", "上门助浴"], paid.Select(r => (string)r["服务项目"]));
        Assert.Equal([14.00, 80.00], paid.Select(r => Convert.ToDouble(r["金额（元）"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal([7.00, 0.00], paid.Select(r => Convert.ToDouble(r["补贴（元）"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("未核验", Assert.Single(Sheet("未结算服务"))["未结算原因"]);
        var summary = Sheet("结算汇总").ToDictionary(r => (string)r["项目"], r => r["内容"]);
        Assert.Equal(94.0, Convert.ToDouble(summary["金额（元）"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(HomeServiceDemoDataName, summary["服务商"]);

        var csv = (await world.App.As(TestUsers.Street, m => m.Send(new ExportSettlement.Query(id, ExportFormat.Csv)))).Value!;
        var text = System.Text.Encoding.UTF8.GetString(csv.Content);
        Assert.StartsWith("\uFEFF服务日期,", text, StringComparison.Ordinal);
        Assert.Equal(4, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains(",午餐送餐上门,1,14.00,14.00,7.00,7.00,是,", text, StringComparison.Ordinal);
    }

    private const string HomeServiceDemoDataName = SmartEldercare.HomeService.HomeServiceDemoData.DemoProviderName;

    private static object Fields(SettlementLine l) => (l.OrderId, l.ServiceDate, l.ElderName, l.ItemName, l.Quantity, l.UnitPrice, l.Amount, l.Subsidy, l.SelfPay, l.Included, l.Exclusion);

    /// <summary>Assigned, checked in at the window, out after the item's standard, and verified if asked.</summary>
    private static async Task<Guid> Served(HomeWorld world, Guid elder, string item, bool verify, int quantity = 1)
    {
        var id = await world.AssignedAsync(elder, item, hoursFromNow: 1, quantity: quantity);
        var details = await world.OrderOf(id);
        world.App.Clock.Advance(TimeSpan.FromMinutes(60));
        Assert.True((await world.App.As(world.Worker, m => m.Send(new CheckIn.Command(id, HomeWorld.HomeLatitude, HomeWorld.HomeLongitude)))).IsSuccess);
        world.App.Clock.Advance(TimeSpan.FromMinutes(details.StandardMinutes));
        var checkedOut = await world.App.As(world.Worker, m => m.Send(new CheckOut.Command(id)));
        Assert.True(checkedOut.IsSuccess, checkedOut.Message);
        if (verify)
        {
            Assert.True((await world.App.As(TestUsers.Street, m => m.Send(new VerifyOrder.Command(id)))).IsSuccess);
        }

        world.App.Clock.Advance(TimeSpan.FromMinutes(10));
        return id;
    }
}
