using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using SmartEldercare.Card;
using SmartEldercare.Card.Cards;
using SmartEldercare.Card.Features.Cards;
using SmartEldercare.Card.Features.Crediting;
using SmartEldercare.Card.Features.Payments;
using SmartEldercare.Card.Features.Statements;
using SmartEldercare.Card.Ledger;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Card;

public sealed class CardLedgerTests
{
    [Fact]
    public void Card_numbers_carry_a_Luhn_check_digit()
    {
        var number = CardNumber.From(Guid.Parse("0195f3a4-0000-7000-8000-000000000001"));
        Assert.Equal(16, number.Length);
        Assert.StartsWith("86", number, StringComparison.Ordinal);
        Assert.Equal(number, CardNumber.Normalize(CardNumber.Grouped(number)));
        var wrong = number[..^1] + (char)('0' + ((number[^1] - '0' + 1) % 10));
        Assert.Null(CardNumber.Normalize(wrong));
        Assert.Equal('3', CardNumber.CheckDigit("7992739871")); // the textbook example
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(-1, null)]
    [InlineData(0.001, null)]
    [InlineData(12.5, 1250L)]
    [InlineData(0.01, 1L)]
    public void Yuan_amounts_become_whole_fen_or_are_refused(double yuan, long? fen) => Assert.Equal(fen, Fen.FromYuan((decimal)yuan));

    [Fact]
    public async Task A_quote_names_the_elder_and_balances_only_inside_the_callers_scope()
    {
        await using var world = await CardWorld.CreateAsync(TestProvider.Sqlite);
        var (_, number) = await world.CardAsync(subsidyFen: 150_00, selfYuan: 20m);

        var inside = await world.App.As(TestUsers.Street, m => m.Send(new QuotePayment.Query(number, 12m)));
        var outside = await world.App.As(TestUsers.Street2, m => m.Send(new QuotePayment.Query(number, 12m)));

        Assert.True(inside.IsSuccess, inside.Message);
        Assert.Equal("王秀英", inside.Value!.ElderName);
        Assert.Equal(ResultStatus.NotFound, outside.Status);
        Assert.Null(outside.Value);
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task Subsidy_pays_first_up_to_the_cap_and_the_rest_is_self_paid(TestProvider provider)
    {
        await using var world = await CardWorld.CreateAsync(provider);
        var (card, number) = await world.CardAsync(subsidyFen: 150_00, selfYuan: 20m);

        var paid = await world.PayAsync(number, 12m);
        Assert.True(paid.IsSuccess, paid.Message);
        Assert.Equal(10_00, paid.Value!.SubsidyPart); // fen: the default cap per payment is ¥10
        Assert.Equal(2_00, paid.Value.SelfPart);
        Assert.Equal((140_00, 18_00), await world.BalancesAsync(card));
        await world.AssertLedgerIsConsistentAsync();
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task Insufficient_balance_charges_nothing_and_says_what_is_left(TestProvider provider)
    {
        await using var world = await CardWorld.CreateAsync(provider);
        var (card, number) = await world.CardAsync(subsidyFen: 5_00, selfYuan: 3m);

        var refused = await world.PayAsync(number, 12m);
        Assert.Equal(ResultStatus.Conflict, refused.Status);
        Assert.Equal("余额不足，未扣款：本次 ¥12.00，可用补贴 ¥5.00，自费余额 ¥3.00", refused.Message);
        Assert.Equal((5_00, 3_00), await world.BalancesAsync(card));
        Assert.Equal(0, await world.App.Db(db => db.Set<LedgerEntry>().CountAsync(e => e.Kind == EntryKind.Payment)));
        await world.AssertLedgerIsConsistentAsync();
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task Terminals_paying_from_the_same_card_at_the_same_moment_never_overdraw(TestProvider provider)
    {
        await using var world = await CardWorld.CreateAsync(provider);
        var (card, number) = await world.CardAsync(subsidyFen: 10_00, selfYuan: 20m); // ¥30 in all
        var payments = world.App.Services.GetRequiredService<CardPayments>();

        // Twelve payments of ¥7 at once from two terminals: only four fit (¥28).
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            start.Wait(TestContext.Current.CancellationToken);
            return await payments.PayAsync(new PaymentRequest(number, 7_00, i % 2 == 0 ? world.Canteen : world.OtherCanteen, "x", null, $"t:concurrent:{i}", "test", null), CancellationToken.None);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(tasks);

        Assert.Equal(4, results.Count(r => r.IsSuccess));
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal(ResultStatus.Conflict, r.Status));
        var (subsidy, self) = await world.BalancesAsync(card);
        Assert.Equal(30_00 - (4 * 7_00), subsidy + self);
        await world.AssertLedgerIsConsistentAsync();
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task Payments_queued_behind_a_commit_share_the_next_one_and_each_is_charged_once_or_refused(TestProvider provider)
    {
        await using var world = await CardWorld.CreateAsync(provider);
        // One commit at a time (SQLite's case; PostgreSQL runs several by default): all that queues behind the held commit
        // is one group. Set before the ledger writer is first used.
        world.App.Services.GetRequiredService<CardOptions>().LedgerWriters = 1;
        var cards = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            cards.Add((await world.CardAsync(selfYuan: 20m)).Number);
        }

        var (heldCard, _) = await world.CardAsync();
        var (tappedCard, tapped) = await world.CardAsync(selfYuan: 20m);
        var ledger = world.App.Services.GetRequiredService<LedgerWriter>();
        var payments = world.App.Services.GetRequiredService<CardPayments>();
        var l = world.App.Services.GetRequiredService<IStringLocalizer<Strings>>();

        // A credit whose guard holds its commit open: everything posted meanwhile queues for the next commit.
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dbs = world.App.Services.GetRequiredService<IDbContextFactory<EldercareDbContext>>();
        var district = await LedgerWriter.SystemAccountAsync(dbs, AccountKind.DistrictFunding, null, CancellationToken.None);
        await LedgerWriter.SystemAccountAsync(dbs, AccountKind.MerchantPayable, world.Canteen, CancellationToken.None); // no write of its own while held
        var subsidyAccount = await world.App.Db(db => db.Set<ServiceCard>().Where(c => c.Id == heldCard).Select(c => c.SubsidyAccountId).SingleAsync());
        var credit = new LedgerEntry { Kind = EntryKind.Credit, CardId = heldCard, RegionCode = RegionCatalog.YinglunMingyuanCode, AtUtc = world.App.Clock.GetUtcNow().UtcDateTime, Amount = 5_00, SubsidyPart = 5_00 };
        credit.Lines.Add(new LedgerLine { EntryId = credit.Id, AccountId = district, Amount = -5_00 });
        credit.Lines.Add(new LedgerLine { EntryId = credit.Id, AccountId = subsidyAccount, Amount = 5_00 });
        var held = Task.Run(() => ledger.PostAsync(l, null, _ => Task.FromResult<Result<Posting>>(new Posting(credit, new HashSet<Guid> { subsidyAccount },
            Guard: async (_, _) =>
            {
                entered.TrySetResult();
                await release.Task;
                return true;
            })), CancellationToken.None));
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var commitsBefore = ledger.Commits;

        // Three payments of ¥7 per card (two fit in ¥20), and a payment sent twice by a terminal (same payment id).
        var tap = new PaymentRequest(tapped, 7_00, world.Canteen, "x", null, "t:group:tap", "T", null);
        var requests = cards.SelectMany((number, c) => Enumerable.Range(0, 3).Select(i => new PaymentRequest(number, 7_00, world.Canteen, "x", null, $"t:group:{c}:{i}", "T", null)))
            .Append(tap).Append(tap).ToList();
        var paying = requests.Select(r => Task.Run(() => payments.PayAsync(r, CancellationToken.None))).ToList();
        Assert.True(SpinWait.SpinUntil(() => ledger.Queued == requests.Count, TimeSpan.FromSeconds(30)), $"{ledger.Queued} of {requests.Count} queued");
        release.SetResult();
        Assert.True((await held).IsSuccess);
        var results = await Task.WhenAll(paying);

        // One commit for the held credit, one for every payment queued behind it; the third payment of each card found its
        // balance spent by the two before it in the same commit, was planned again and refused.
        Assert.Equal(commitsBefore + 2, ledger.Commits);
        Assert.Equal(13, results.Count(r => r is { IsSuccess: true, Value.Replayed: false }));
        Assert.Equal(results[^2].Value!.PaymentId, results[^1].Value!.PaymentId);
        Assert.Single(results, r => r is { IsSuccess: true, Value.Replayed: true });
        Assert.Equal(6, results.Count(r => r.Status == ResultStatus.Conflict));
        Assert.Equal((0, 13_00), await world.BalancesAsync(tappedCard));
        foreach (var number in cards)
        {
            Assert.Equal(6_00, (await world.BalancesAsync(await world.App.Db(db => db.Set<ServiceCard>().Where(c => c.Number == number).Select(c => c.Id).SingleAsync()))).Self);
        }

        await world.AssertLedgerIsConsistentAsync();
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task A_double_tapped_confirm_or_a_terminal_retry_charges_once(TestProvider provider)
    {
        await using var world = await CardWorld.CreateAsync(provider);
        var (card, number) = await world.CardAsync(selfYuan: 50m);
        var requestId = Guid.NewGuid();

        var taps = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => world.PayAsync(number, 12m, requestId))));
        Assert.All(taps, t => Assert.True(t.IsSuccess, t.Message));
        Assert.Single(taps.Select(t => t.Value!.PaymentId).Distinct());
        Assert.Equal(3, taps.Count(t => t.Value!.Replayed));
        Assert.Equal((0, 38_00), await world.BalancesAsync(card));

        var payments = world.App.Services.GetRequiredService<CardPayments>();
        var first = await payments.PayAsync(new PaymentRequest(number, 5_00, world.Canteen, "x", null, "t:T1:abc", "T1", null), CancellationToken.None);
        var retry = await payments.PayAsync(new PaymentRequest(number, 5_00, world.Canteen, "x", null, "t:T1:abc", "T1", null), CancellationToken.None);
        Assert.Equal(first.Value!.PaymentId, retry.Value!.PaymentId);
        Assert.True(retry.Value.Replayed);
        var reused = await payments.PayAsync(new PaymentRequest(number, 6_00, world.Canteen, "x", null, "t:T1:abc", "T1", null), CancellationToken.None);
        Assert.Equal(ResultStatus.Conflict, reused.Status);
        Assert.Equal((0, 33_00), await world.BalancesAsync(card));
        await world.AssertLedgerIsConsistentAsync();
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task Replacement_carries_both_balances_and_blocks_the_old_card_at_once(TestProvider provider)
    {
        await using var world = await CardWorld.CreateAsync(provider);
        var (old, number) = await world.CardAsync(subsidyFen: 80_00, selfYuan: 25.5m);

        Assert.True((await world.App.As(TestUsers.Village, m => m.Send(new ChangeCardStatus.Command(old, CardStatus.ReportedLost, "丢失")))).IsSuccess);
        var lost = await world.PayAsync(number, 3m);
        Assert.Equal(ResultStatus.Conflict, lost.Status);
        Assert.Equal("此卡不能使用：已挂失", lost.Message);

        var replaced = await world.App.As(TestUsers.Village, m => m.Send(new ReplaceCard.Command(old, "04A1B2C3", "丢失补卡")));
        Assert.True(replaced.IsSuccess, replaced.Message);
        Assert.Equal((0, 0), await world.BalancesAsync(old));
        Assert.Equal((80_00, 25_50), await world.BalancesAsync(replaced.Value));
        Assert.Equal(ResultStatus.Conflict, (await world.PayAsync(number, 3m)).Status);
        var paid = await world.PayAsync(await world.NumberAsync(replaced.Value), 3m);
        Assert.True(paid.IsSuccess, paid.Message);

        var transfer = await world.App.Db(db => db.Set<LedgerEntry>().Include(e => e.Lines).SingleAsync(e => e.Kind == EntryKind.Transfer));
        Assert.Equal(4, transfer.Lines.Count);
        Assert.Equal(105_50, transfer.Amount);
        var oldCard = await world.App.Db(db => db.Set<ServiceCard>().SingleAsync(c => c.Id == old));
        Assert.Equal(CardStatus.Replaced, oldCard.Status);
        Assert.Equal(replaced.Value, oldCard.ReplacedByCardId);
        await world.AssertLedgerIsConsistentAsync();
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task Monthly_crediting_is_idempotent_and_reports_what_it_credited_and_why(TestProvider provider)
    {
        await using var world = await CardWorld.CreateAsync(provider);
        await world.App.Db(async db =>
        {
            db.AddRange(SmartEldercare.Card.CardDemoData.DemoRules());
            await db.SaveChangesAsync();
            return 0;
        });
        var old = await world.IssueAsync(await world.ElderAsync(age: 85));
        var young = await world.IssueAsync(await world.ElderAsync(age: 65, name: "李建国"));
        var month = YearMonth.Of(world.Today);

        var first = await world.App.As(TestUsers.District, m => m.Send(new RunCrediting.Command(month)));
        Assert.True(first.IsSuccess, first.Message);
        Assert.Equal(3, first.Value!.Credited); // 85: meal subsidy + base package; 65: base package
        Assert.Equal(150_00 + 30_00 + 30_00, first.Value.Total);
        var meal = Assert.Single(first.Value.Rules, r => r.Rule == "高龄助餐补贴");
        Assert.Equal("80 岁以上，每月 ¥150.00", meal.Why);
        Assert.Equal(1, meal.Cards);

        var second = await world.App.As(TestUsers.District, m => m.Send(new RunCrediting.Command(month)));
        Assert.Equal(0, second.Value!.Credited);
        Assert.Equal(3, second.Value.AlreadyCredited);
        Assert.Equal((180_00, 0), await world.BalancesAsync(old));
        Assert.Equal((30_00, 0), await world.BalancesAsync(young));

        // A replaced card does not earn the month again.
        var replaced = await world.App.As(TestUsers.District, m => m.Send(new ReplaceCard.Command(old)));
        var third = await world.App.As(TestUsers.District, m => m.Send(new RunCrediting.Command(month)));
        Assert.Equal(0, third.Value!.Credited);
        Assert.Equal((180_00, 0), await world.BalancesAsync(replaced.Value));

        await Assert.ThrowsAsync<ValidationException>(async () => await world.App.As(TestUsers.District, m => m.Send(new RunCrediting.Command(YearMonth.Of(world.Today.AddMonths(1))))));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await world.App.As(TestUsers.Village, m => m.Send(new RunCrediting.Command(month))));
        await world.AssertLedgerIsConsistentAsync();
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task The_year_end_expiry_returns_unused_expiring_credits_to_the_district_once_and_only_after_the_year(TestProvider provider)
    {
        await using var world = await CardWorld.CreateAsync(provider);
        await world.App.Db(async db =>
        {
            db.AddRange(SmartEldercare.Card.CardDemoData.DemoRules());
            await db.SaveChangesAsync();
            return 0;
        });
        var card = await world.IssueAsync(await world.ElderAsync(age: 85));
        var year = world.Today.Year;
        Assert.True((await world.App.As(TestUsers.District, m => m.Send(new RunCrediting.Command(YearMonth.Of(world.Today))))).IsSuccess);
        Assert.Equal((180_00, 0), await world.BalancesAsync(card)); // ¥150 meal subsidy (expires at year end) + ¥30 base package (does not)
        var paid = await world.PayAsync(await world.NumberAsync(card), 10m);
        Assert.True(paid.IsSuccess, paid.Message);

        // Not before the year has ended.
        await Assert.ThrowsAsync<ValidationException>(async () => await world.App.As(TestUsers.District, m => m.Send(new ExpireYear.Command(year))));
        Assert.Equal((170_00, 0), await world.BalancesAsync(card));

        world.App.Clock.Advance(TimeSpan.FromDays(40));
        Assert.Equal(year + 1, world.Today.Year);
        await Assert.ThrowsAsync<ForbiddenException>(async () => await world.App.As(TestUsers.Village, m => m.Send(new ExpireYear.Command(year))));
        var first = await world.App.As(TestUsers.District, m => m.Send(new ExpireYear.Command(year)));
        Assert.True(first.IsSuccess, first.Message);
        Assert.Equal((year, 1, 150_00L), (first.Value!.Year, first.Value.Cards, first.Value.Total));
        Assert.Equal((20_00, 0), await world.BalancesAsync(card));

        var again = await world.App.As(TestUsers.District, m => m.Send(new ExpireYear.Command(year)));
        Assert.Equal((0, 0L), (again.Value!.Cards, again.Value.Total));
        Assert.Equal((20_00, 0), await world.BalancesAsync(card));
        var returned = await world.App.Db(db => db.Set<LedgerLine>().Where(l => db.Set<CardAccount>().Any(a => a.Id == l.AccountId && a.Kind == AccountKind.Expired)).SumAsync(l => l.Amount));
        Assert.Equal(150_00, returned);
        await world.AssertLedgerIsConsistentAsync();
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task Refunds_never_exceed_the_payment_and_give_the_elders_own_money_back_first(TestProvider provider)
    {
        await using var world = await CardWorld.CreateAsync(provider);
        var (card, number) = await world.CardAsync(subsidyFen: 10_00, selfYuan: 10m);
        var paid = await world.PayAsync(number, 12m);
        Assert.Equal((0, 8_00), await world.BalancesAsync(card));

        var tooMuch = await world.App.As(TestUsers.Street, m => m.Send(new RefundPayment.Command(paid.Value!.PaymentId, 12.01m, "多收")));
        Assert.Equal(ResultStatus.Invalid, tooMuch.Status);
        var part = await world.App.As(TestUsers.Street, m => m.Send(new RefundPayment.Command(paid.Value!.PaymentId, 3m, "少打一份菜")));
        Assert.True(part.IsSuccess, part.Message);
        Assert.Equal((1_00, 10_00), await world.BalancesAsync(card)); // ¥2 self-paid back first, then ¥1 subsidy
        var rest = await world.App.As(TestUsers.Street, m => m.Send(new RefundPayment.Command(paid.Value!.PaymentId, 9.01m, "x")));
        Assert.Equal(ResultStatus.Invalid, rest.Status);
        Assert.True((await world.App.As(TestUsers.Street, m => m.Send(new RefundPayment.Command(paid.Value!.PaymentId, 9m, "退餐")))).IsSuccess);
        Assert.Equal((10_00, 10_00), await world.BalancesAsync(card));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await world.App.As(TestUsers.Village, m => m.Send(new RefundPayment.Command(paid.Value!.PaymentId, 1m, "x"))));
        await world.AssertLedgerIsConsistentAsync();
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task Settlement_adds_up_in_fen_without_drift(TestProvider provider)
    {
        await using var world = await CardWorld.CreateAsync(provider);
        var (_, number) = await world.CardAsync(subsidyFen: 1000_00, selfYuan: 500m);
        // 0.01 + 0.02 + … : a sum that drifts in binary floating point.
        long expected = 0;
        for (var i = 1; i <= 30; i++)
        {
            var yuan = (i * 0.01m) + 0.1m;
            expected += (long)(yuan * 100);
            Assert.True((await world.PayAsync(number, yuan, canteen: i % 3 == 0 ? world.OtherCanteen : world.Canteen, by: TestUsers.District)).IsSuccess);
        }

        var settlement = await world.App.As(TestUsers.District, m => m.Send(new GetSettlement.Query(YearMonth.Of(world.Today))));
        Assert.Equal(2, settlement.Value!.Merchants.Count);
        Assert.Equal(expected, settlement.Value.Payable);
        Assert.Equal(settlement.Value.Payable, settlement.Value.SubsidyPayable + settlement.Value.SelfPayable);
        Assert.All(settlement.Value.Merchants, m => Assert.Equal(m.Amount, m.SubsidyPart + m.SelfPart));

        var file = await world.App.As(TestUsers.District, m => m.Send(new ExportSettlement.Query(YearMonth.Of(world.Today))));
        using var stream = new MemoryStream(file.Value!.Content);
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(expected / 100m, Convert.ToDecimal(rows[^1]["应结算"], System.Globalization.CultureInfo.InvariantCulture));
        await world.AssertLedgerIsConsistentAsync();
    }

    [Fact]
    public async Task A_village_sees_only_its_own_cards_and_statements()
    {
        await using var world = await CardWorld.CreateAsync();
        var mine = await world.IssueAsync(await world.ElderAsync());
        var otherElder = await world.ElderAsync(TestUsers.YangliuqingVillage2);
        var theirs = await world.IssueAsync(otherElder);

        var list = await world.App.As(TestUsers.Village, m => m.Send(new SearchCards.Query()));
        Assert.Equal([mine], list.Items.Select(i => i.Id));
        Assert.Equal(ResultStatus.NotFound, (await world.App.As(TestUsers.Village, m => m.Send(new GetCard.Query(theirs)))).Status);
        Assert.Equal(ResultStatus.NotFound, (await world.App.As(TestUsers.Village, m => m.Send(new GetStatement.Query(otherElder, YearMonth.Of(world.Today))))).Status);
        Assert.Equal(ResultStatus.NotFound, (await world.App.As(TestUsers.Village, m => m.Send(new ChangeCardStatus.Command(theirs, CardStatus.ReportedLost)))).Status);
        Assert.Equal(ResultStatus.NotFound, (await world.App.As(TestUsers.Village, m => m.Send(new IssueVillageCards.Command(TestUsers.YangliuqingVillage2)))).Status);
        Assert.Equal(2, (await world.App.As(TestUsers.Street, m => m.Send(new SearchCards.Query()))).Total);
        await Assert.ThrowsAsync<ForbiddenException>(async () => await world.App.As(TestUsers.Worker, m => m.Send(new TopUpCard.Command(mine, 10m, Guid.NewGuid()))));
    }

    [Fact]
    public async Task The_statement_shows_the_months_movements_with_the_subsidy_and_self_paid_split()
    {
        await using var world = await CardWorld.CreateAsync();
        var elder = await world.ElderAsync();
        var card = await world.IssueAsync(elder);
        await world.CreditAsync(card, 150_00);
        Assert.True((await world.App.As(TestUsers.Village, m => m.Send(new TopUpCard.Command(card, 50m, Guid.NewGuid(), "现金")))).IsSuccess);
        Assert.True((await world.PayAsync(await world.NumberAsync(card), 12m)).IsSuccess);

        var statement = await world.App.As(TestUsers.Village, m => m.Send(new GetStatement.Query(elder, YearMonth.Of(world.Today))));
        Assert.True(statement.IsSuccess);
        var s = statement.Value!;
        Assert.Equal((0, 0), (s.SubsidyOpening, s.SelfOpening));
        var payment = Assert.Single(s.Lines, l => l.Kind == EntryKind.Payment);
        Assert.Equal((-10_00, -2_00), (payment.SubsidyChange, payment.SelfChange));
        Assert.Equal("英伦名苑老人家食堂", payment.Merchant);
        Assert.Equal((140_00, 48_00), (s.SubsidyClosing, s.SelfClosing));

        var batch = await world.App.As(TestUsers.Village, m => m.Send(new IssueVillageCards.Command(RegionCatalog.YinglunMingyuanCode)));
        Assert.Equal(0, batch.Value!.Issued); // the only elder already holds one
        Assert.Single(await world.App.As(TestUsers.Village, m => m.Send(new ListVillageCards.Query(RegionCatalog.YinglunMingyuanCode))));
        await world.AssertLedgerIsConsistentAsync();
    }
    [Fact]
    public async Task A_card_used_at_two_places_within_minutes_is_flagged_and_pushed_live()
    {
        await using var world = await CardWorld.CreateAsync();
        var (card, number) = await world.CardAsync(selfYuan: 300m);
        Assert.True((await world.PayAsync(number, 12m, by: TestUsers.District)).IsSuccess);
        Assert.Equal(0, await world.App.Db(db => db.LiveEvents.CountAsync(e => e.Topic == "card.flag")));
        world.App.Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.True((await world.PayAsync(number, 150m, by: TestUsers.District, canteen: world.OtherCanteen)).IsSuccess);

        Assert.Equal(1, await world.App.Db(db => db.LiveEvents.CountAsync(e => e.Topic == "card.flag" && e.RecordId == card.ToString())));
        var flags = await world.App.As(TestUsers.Street, m => m.Send(new SmartEldercare.Card.Features.Supervision.ListFlags.Query(world.Today)));
        Assert.Contains(flags, f => f.Kind == SmartEldercare.Card.Features.Supervision.FlagKind.TwoPlaces && f.Detail == "英伦名苑老人家食堂 → 中北镇老人家食堂，相隔 4 分钟");
        Assert.Contains(flags, f => f.Kind == SmartEldercare.Card.Features.Supervision.FlagKind.UnusualDailyTotal);
        Assert.Empty(await world.App.As(TestUsers.Street2, m => m.Send(new SmartEldercare.Card.Features.Supervision.ListFlags.Query(world.Today))));
    }
    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.PostgreSql)]
    public async Task A_verified_home_service_visit_charges_the_self_paid_part_once(TestProvider provider)
    {
        await using var world = await CardWorld.CreateAsync(provider);
        var (card, _) = await world.CardAsync(subsidyFen: 50_00, selfYuan: 20m);
        var elder = await world.App.Db(db => db.Set<ServiceCard>().Where(c => c.Id == card).Select(c => c.ElderId).SingleAsync());
        var charges = world.App.Services.GetRequiredService<SmartEldercare.Platform.Elders.IServiceCardCharges>();
        var order = Guid.NewGuid();

        Assert.Equal(SmartEldercare.Platform.Elders.CardChargeOutcome.Charged, await charges.ChargeVerifiedVisitAsync(order, elder, world.OtherCanteen, 12_50, "助浴", TestContext.Current.CancellationToken));
        Assert.Equal(SmartEldercare.Platform.Elders.CardChargeOutcome.AlreadyCharged, await charges.ChargeVerifiedVisitAsync(order, elder, world.OtherCanteen, 12_50, "助浴", TestContext.Current.CancellationToken));
        Assert.Equal(SmartEldercare.Platform.Elders.CardChargeOutcome.Insufficient, await charges.ChargeVerifiedVisitAsync(Guid.NewGuid(), elder, world.OtherCanteen, 8_00, null, TestContext.Current.CancellationToken));
        Assert.Equal(SmartEldercare.Platform.Elders.CardChargeOutcome.NoCard, await charges.ChargeVerifiedVisitAsync(Guid.NewGuid(), Guid.NewGuid(), world.OtherCanteen, 1_00, null, TestContext.Current.CancellationToken));
        Assert.Equal((50_00, 7_50), await world.BalancesAsync(card));
        await world.AssertLedgerIsConsistentAsync();
    }
}
