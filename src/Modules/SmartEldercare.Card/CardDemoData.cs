using SmartEldercare.Card.Cards;
using SmartEldercare.Card.Features.Cards;
using SmartEldercare.Card.Features.Payments;
using SmartEldercare.Card.Ledger;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Organisations;
using SmartEldercare.Platform.Seeding;

namespace SmartEldercare.Card;

/// <summary>
/// Demo data of the card module (only with demo seeding on): the crediting rules, cards for five elders of 英伦名苑社区
/// with this month's credits and a ¥50 top-up, the demo terminal <c>T-DEMO-01</c> of the village canteen (key from
/// <c>Card:DemoTerminalKey</c>) and a few meals paid through it. Deterministic: card numbers are drawn from the elders' ids.
/// </summary>
public sealed class CardDemoData(IDbContextFactory<EldercareDbContext> dbs, LedgerWriter ledger, CardPayments payments, CardOptions options, TimeProvider clock, IStringLocalizer<Strings> l) : IModuleDemoData
{
    public const string DemoTerminalCode = "T-DEMO-01";

    public static IEnumerable<CreditRule> DemoRules() =>
    [
        new() { Name = "高龄助餐补贴", Purpose = CreditPurpose.Meals, MinAge = 80, MonthlyAmount = 150_00, ExpiresAtYearEnd = true },
        new() { Name = "失能老人居家服务包", Purpose = CreditPurpose.HomeService, MinAge = 60, KeyGroups = KeyGroups.Disabled, MinCareLevel = 1, MonthlyAmount = 200_00 },
        new() { Name = "低保特困助餐补贴", Purpose = CreditPurpose.Meals, MinAge = 60, KeyGroups = KeyGroups.LowIncome | KeyGroups.Destitute, MonthlyAmount = 100_00, ExpiresAtYearEnd = true },
        new() { Name = "老年卡基础服务包", Purpose = CreditPurpose.General, MinAge = 60, MonthlyAmount = 30_00 },
    ];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.Set<CreditRule>().AnyAsync(ct))
        {
            return;
        }

        var rules = DemoRules().ToList();
        db.AddRange(rules);
        var canteen = await db.Organisations.Where(o => o.Type == OrganisationType.Canteen && o.RegionCode == RegionCatalog.YinglunMingyuanCode).FirstOrDefaultAsync(ct);
        if (canteen is not null)
        {
            db.Add(new Terminal
            {
                Code = DemoTerminalCode, Name = "食堂收银机 1", OrganisationId = canteen.Id, OrganisationName = canteen.Name, RegionCode = canteen.RegionCode,
                KeyHash = Terminal.Hash(options.DemoTerminalKey), CreatedAtUtc = clock.UtcNow(),
            });
        }

        var elders = await db.Elders.Where(e => e.RegionCode == RegionCatalog.YinglunMingyuanCode && e.Status == ElderStatus.Active)
            .OrderBy(e => e.Id).Take(5).ToListAsync(ct);
        var now = clock.UtcNow();
        var cards = new List<Guid>();
        foreach (var elder in elders)
        {
            cards.Add(await CardViews.IssueAsync(db, elder, null, "系统初始化", now, elder.Id, null, ct));
        }

        await db.SaveChangesAsync(ct);
        var month = YearMonth.Of(clock.Today());
        var district = await LedgerWriter.SystemAccountAsync(dbs, AccountKind.DistrictFunding, null, ct);
        var cash = await LedgerWriter.SystemAccountAsync(dbs, AccountKind.Cash, null, ct);
        foreach (var (card, elder) in db.ChangeTracker.Entries<ServiceCard>().Select(e => e.Entity).Join(elders, c => c.ElderId, e => e.Id, (c, e) => (c, e)).ToList())
        {
            foreach (var rule in rules.Where(r => r.Matches(elder.AgeOn(YearMonth.FirstDay(month)), elder.KeyGroups, elder.CareLevel)))
            {
                await Post(EntryKind.Credit, $"credit:{elder.Id:N}:{rule.Id:N}:{month}", card, district, card.SubsidyAccountId, rule.MonthlyAmount, rule.Name, rule.Id, month, ct);
            }

            await Post(EntryKind.TopUp, $"topup:demo:{card.Id:N}", card, cash, card.SelfAccountId, 50_00, "现金充值", null, null, ct);
        }

        if (canteen is not null)
        {
            var terminal = await db.Set<Terminal>().SingleAsync(t => t.Code == DemoTerminalCode, ct);
            foreach (var card in db.ChangeTracker.Entries<ServiceCard>().Select(e => e.Entity).Take(3))
            {
                await payments.PayAsync(new PaymentRequest(card.Number, 12_00, canteen.Id, canteen.Name, terminal.Id, $"t:{terminal.Id:N}:demo-{card.Number}", terminal.Code, "午餐"), ct);
            }
        }

    }

    private async Task Post(EntryKind kind, string key, ServiceCard card, Guid from, Guid to, long amount, string note, Guid? rule, int? month, CancellationToken ct)
    {
        var entry = new LedgerEntry
        {
            Kind = kind, IdempotencyKey = key, CardId = card.Id, ElderId = card.ElderId, RegionCode = card.RegionCode, RuleId = rule, Month = month, AtUtc = clock.UtcNow(),
            Amount = amount, SubsidyPart = kind == EntryKind.Credit ? amount : 0, SelfPart = kind == EntryKind.TopUp ? amount : 0, Note = note, By = "系统初始化",
        };
        entry.Lines.Add(new LedgerLine { EntryId = entry.Id, AccountId = from, Amount = -amount });
        entry.Lines.Add(new LedgerLine { EntryId = entry.Id, AccountId = to, Amount = amount });
        await ledger.PostAsync(l, key, _ => Task.FromResult<Result<Posting>>(new Posting(entry, new HashSet<Guid> { to })), ct);
    }
}
