using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using SmartEldercare.Card.Features.Cards;
using SmartEldercare.Card.Features.Payments;
using SmartEldercare.Card.Ledger;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Organisations;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Privacy;
using SmartEldercare.Platform.Regions;
using SmartEldercare.Tests.Infrastructure;

namespace SmartEldercare.Tests.Card;

/// <summary>A fresh database with a canteen in 英伦名苑社区 and one in 中北镇, and helpers for cards and money.</summary>
internal sealed class CardWorld : IAsyncDisposable
{
    private CardWorld(SliceFixture app) => App = app;

    public SliceFixture App { get; }

    public Guid Canteen { get; private set; }

    public Guid OtherCanteen { get; private set; }

    public DateOnly Today => DateOnly.FromDateTime(App.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    public static async Task<CardWorld> CreateAsync(TestProvider provider = TestProvider.Sqlite)
    {
        var world = new CardWorld(await SliceFixture.CreateAsync(provider));
        world.App.Services.GetRequiredService<PersonalDataProtector>().Protect("warm-up");
        await world.App.Db(async db =>
        {
            var now = world.App.Clock.GetUtcNow().UtcDateTime;
            var canteen = new Organisation { Name = "英伦名苑老人家食堂", Type = OrganisationType.Canteen, RegionCode = RegionCatalog.YinglunMingyuanCode, CreatedAtUtc = now };
            var other = new Organisation { Name = "中北镇老人家食堂", Type = OrganisationType.Canteen, RegionCode = RegionCatalog.XihuayuanCode, CreatedAtUtc = now };
            db.Organisations.AddRange(canteen, other);
            await db.SaveChangesAsync();
            (world.Canteen, world.OtherCanteen) = (canteen.Id, other.Id);
            return 0;
        });
        return world;
    }

    public async Task<Guid> ElderAsync(string region = RegionCatalog.YinglunMingyuanCode, int age = 82, string name = "王秀英")
    {
        var saved = await App.As(TestUsers.District, m => m.Send(NewElder.Command(name: name, region: region, birth: Today.AddYears(-age).AddDays(-10))));
        Assert.True(saved.IsSuccess, saved.Message);
        return saved.Value;
    }

    public async Task<Guid> IssueAsync(Guid elderId, ClaimsPrincipal? by = null)
    {
        var issued = await App.As(by ?? TestUsers.District, m => m.Send(new IssueCard.Command(elderId)));
        Assert.True(issued.IsSuccess, issued.Message);
        return issued.Value;
    }

    public async Task<(Guid Card, string Number)> CardAsync(long subsidyFen = 0, decimal selfYuan = 0, string region = RegionCatalog.YinglunMingyuanCode)
    {
        var card = await IssueAsync(await ElderAsync(region));
        if (subsidyFen > 0)
        {
            await CreditAsync(card, subsidyFen);
        }

        if (selfYuan > 0)
        {
            var topUp = await App.As(TestUsers.District, m => m.Send(new TopUpCard.Command(card, selfYuan, Guid.NewGuid())));
            Assert.True(topUp.IsSuccess, topUp.Message);
        }

        return (card, await NumberAsync(card));
    }

    public Task<string> NumberAsync(Guid card) => App.Db(db => db.Set<SmartEldercare.Card.Cards.ServiceCard>().Where(c => c.Id == card).Select(c => c.Number).SingleAsync());

    /// <summary>A subsidy credit as the crediting run writes it (district funding → the card's subsidy account).</summary>
    public async Task CreditAsync(Guid cardId, long fen)
    {
        var dbs = App.Services.GetRequiredService<IDbContextFactory<EldercareDbContext>>();
        var l = App.Services.GetRequiredService<IStringLocalizer<Strings>>();
        var district = await LedgerWriter.SystemAccountAsync(dbs, AccountKind.DistrictFunding, null, CancellationToken.None);
        var card = await App.Db(db => db.Set<SmartEldercare.Card.Cards.ServiceCard>().SingleAsync(c => c.Id == cardId));
        var entry = new LedgerEntry { Kind = EntryKind.Credit, CardId = card.Id, ElderId = card.ElderId, RegionCode = card.RegionCode, AtUtc = App.Clock.GetUtcNow().UtcDateTime, Amount = fen, SubsidyPart = fen };
        entry.Lines.Add(new LedgerLine { EntryId = entry.Id, AccountId = district, Amount = -fen });
        entry.Lines.Add(new LedgerLine { EntryId = entry.Id, AccountId = card.SubsidyAccountId, Amount = fen });
        var posted = await App.Services.GetRequiredService<LedgerWriter>().PostAsync(l, null, _ => Task.FromResult<Result<Posting>>(new Posting(entry, new HashSet<Guid> { card.SubsidyAccountId })), CancellationToken.None);
        Assert.True(posted.IsSuccess);
    }

    public Task<Result<PaymentReceipt>> PayAsync(string number, decimal yuan, Guid? requestId = null, ClaimsPrincipal? by = null, Guid? canteen = null) =>
        App.As(by ?? TestUsers.Village, m => m.Send(new PayWithCard.Command(number, canteen ?? Canteen, yuan, requestId ?? Guid.NewGuid())));

    public Task<(long Subsidy, long Self)> BalancesAsync(Guid cardId) => App.Db(async db =>
    {
        var card = await db.Set<SmartEldercare.Card.Cards.ServiceCard>().SingleAsync(c => c.Id == cardId);
        return await CardPayments.BalancesAsync(db, card, CancellationToken.None);
    });

    /// <summary>The ledger's invariants: every entry balances, and every card account's balance is the sum of its lines and never negative.</summary>
    public async Task AssertLedgerIsConsistentAsync()
    {
        await App.Db(async db =>
        {
            var entries = await db.Set<LedgerLine>().GroupBy(l => l.EntryId).Select(g => new { g.Key, Sum = g.Sum(l => l.Amount), Count = g.Count() }).ToListAsync();
            Assert.All(entries, e => Assert.Equal(0, e.Sum));
            Assert.All(entries, e => Assert.True(e.Count >= 2));
            Assert.Equal(await db.Set<LedgerEntry>().CountAsync(), entries.Count);
            var sums = await db.Set<LedgerLine>().GroupBy(l => l.AccountId).Select(g => new { g.Key, Sum = g.Sum(l => l.Amount) }).ToDictionaryAsync(g => g.Key, g => g.Sum);
            var accounts = await db.Set<CardAccount>().Where(a => a.Kind == AccountKind.Subsidy || a.Kind == AccountKind.SelfPaid).ToListAsync();
            Assert.All(accounts, a => Assert.Equal(sums.GetValueOrDefault(a.Id), a.Balance));
            Assert.All(accounts, a => Assert.True(a.Balance >= 0));
            return 0;
        });
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
