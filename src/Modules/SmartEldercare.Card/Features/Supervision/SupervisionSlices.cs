using SmartEldercare.Card.Cards;
using SmartEldercare.Card.Features.Payments;
using SmartEldercare.Card.Ledger;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Card.Features.Supervision;

public enum FlagKind
{
    TwoPlaces = 1,
    InactiveElder = 2,
    InHospital = 3,
    UnusualDailyTotal = 4,
}

public sealed record CardFlag(FlagKind Kind, Guid CardId, string CardNumber, Guid ElderId, string ElderName, string RegionCode, DateTime AtUtc, string Detail);

/// <summary>
/// The day's card payments in the scope that supervision should look at: one card at two places within minutes, a card
/// of a deceased or moved-out elder, a payment during a recorded hospital stay, an unusual daily total.
/// </summary>
public static class ListFlags
{
    public sealed record Query(DateOnly Day) : RequiresPermission(Permissions.CardRead), IQuery<IReadOnlyList<CardFlag>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, CardOptions options, IStringLocalizer<Strings> l, IServiceProvider services)
        : IQueryHandler<Query, IReadOnlyList<CardFlag>>
    {
        public async ValueTask<IReadOnlyList<CardFlag>> Handle(Query query, CancellationToken cancellationToken)
        {
            var (from, to) = (ShanghaiTime.ToUtc(query.Day), ShanghaiTime.ToUtc(query.Day.AddDays(1)));
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var payments = await db.Set<LedgerEntry>().AsNoTracking().InScopeOf(user).Where(e => e.Kind == EntryKind.Payment && e.AtUtc >= from && e.AtUtc < to)
                .Select(e => new { e.Id, e.CardId, e.ElderId, e.OrganisationId, e.AtUtc, e.Amount, e.Refunded, e.RegionCode }).ToListAsync(cancellationToken);
            if (payments.Count == 0)
            {
                return [];
            }

            var cardIds = payments.Select(p => p.CardId!.Value).Distinct().ToList();
            var cards = await db.Set<ServiceCard>().AsNoTracking().Where(c => cardIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
            var elderIds = cards.Values.Select(c => c.ElderId).Distinct().ToList();
            var elders = await db.Elders.AsNoTracking().Where(e => elderIds.Contains(e.Id)).Select(e => new { e.Id, e.Status, e.StatusDate }).ToDictionaryAsync(e => e.Id, cancellationToken);
            var orgIds = payments.Select(p => p.OrganisationId!.Value).Distinct().ToList();
            var orgs = await db.Organisations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
            var flags = new List<CardFlag>();
            CardFlag Flag(FlagKind kind, ServiceCard card, DateTime at, string detail) =>
                new(kind, card.Id, CardPayments.Masked(card.Number), card.ElderId, card.ElderName, card.RegionCode, at, detail);

            var window = TimeSpan.FromMinutes(options.TwoPlacesMinutes);
            foreach (var byCard in payments.GroupBy(p => p.CardId!.Value))
            {
                var card = cards[byCard.Key];
                var ordered = byCard.OrderBy(p => p.AtUtc).ToList();
                for (var i = 1; i < ordered.Count; i++)
                {
                    if (ordered[i].OrganisationId != ordered[i - 1].OrganisationId && ordered[i].AtUtc - ordered[i - 1].AtUtc <= window)
                    {
                        flags.Add(Flag(FlagKind.TwoPlaces, card, ordered[i].AtUtc, l["Card.Flags.TwoPlacesDetail", orgs.GetValueOrDefault(ordered[i - 1].OrganisationId!.Value) ?? "-",
                            orgs.GetValueOrDefault(ordered[i].OrganisationId!.Value) ?? "-", (int)Math.Round((ordered[i].AtUtc - ordered[i - 1].AtUtc).TotalMinutes)]));
                    }
                }

                if (elders.TryGetValue(card.ElderId, out var elder) && elder.Status != ElderStatus.Active
                    && elder.StatusDate is { } since && ShanghaiTime.ToUtc(since) <= ordered[^1].AtUtc)
                {
                    flags.Add(Flag(FlagKind.InactiveElder, card, ordered[^1].AtUtc, l["Card.Flags.InactiveDetail", l.Enum(elder.Status), since.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)]));
                }

                var total = ordered.Sum(p => p.Amount - p.Refunded);
                if (Fen.FromYuan(options.UnusualDailyTotal) is { } limit && total > limit)
                {
                    flags.Add(Flag(FlagKind.UnusualDailyTotal, card, ordered[^1].AtUtc, l["Card.Flags.UnusualDetail", Fen.Format(total), Fen.Format(limit)]));
                }
            }

            // Hospital stays are recorded by another module; used when it publishes them.
            if (services.GetService<IHospitalStays>() is { } stays)
            {
                var inHospital = await stays.OverlappingAsync(elderIds, query.Day, query.Day, cancellationToken);
                foreach (var stay in inHospital.Where(s => s.From < query.Day && (s.To is null || s.To > query.Day)))
                {
                    foreach (var card in cards.Values.Where(c => c.ElderId == stay.ElderId))
                    {
                        var at = payments.Where(p => p.CardId == card.Id).Max(p => p.AtUtc);
                        flags.Add(Flag(FlagKind.InHospital, card, at, l["Card.Flags.HospitalDetail", stay.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)]));
                    }
                }
            }

            return flags.OrderByDescending(f => f.AtUtc).ThenBy(f => f.Kind).ToList();
        }
    }
}
