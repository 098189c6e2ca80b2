using FluentValidation;
using SmartEldercare.HomeService.Catalogue;
using SmartEldercare.HomeService.Features.Catalogue;
using SmartEldercare.HomeService.Orders;
using SmartEldercare.HomeService.Settlements;

namespace SmartEldercare.HomeService.Features.Settlements;

/// <summary>
/// A provider's month, once it is over: its verified visits priced as verified (subsidy and self-pay split at
/// verification, so the sums never drift), the rest listed with why they are not paid. Generating again recomputes a
/// draft from the same records to the same result; an approved month is answered as it stands.
/// </summary>
public static class GenerateSettlement
{
    public sealed record Command(Guid ProviderId, int Month) : RequiresPermission(Permissions.HomeServiceDispatch), ICommand<Result<Guid>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l, TimeProvider clock)
        {
            RuleFor(c => c.ProviderId).NotEmpty().WithMessage(l["HomeService.Provider.Required"]);
            RuleFor(c => c.Month).Must(YearMonth.IsValid).WithMessage(l["HomeService.Month.Invalid"])
                .Must(m => !YearMonth.IsValid(m) || YearMonth.EndUtc(m) <= clock.UtcNow()).WithMessage(l["HomeService.Settlement.MonthNotOver"]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, ILiveUpdates live, TimeProvider clock, IStringLocalizer<Strings> l)
        : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var provider = await ListCatalogue.Serving(db, user).InScopeOf(user).SingleOrDefaultAsync(o => o.Id == command.ProviderId, cancellationToken);
            if (provider is null)
            {
                return Result.NotFound().As<Guid>();
            }

            var settlement = await db.Set<Settlement>().Include(s => s.Lines).SingleOrDefaultAsync(s => s.ProviderId == provider.Id && s.Month == command.Month, cancellationToken);
            if (settlement is { Status: not SettlementStatus.Draft })
            {
                return settlement.Id;
            }

            var now = clock.UtcNow();
            var isNew = settlement is null;
            settlement ??= new Settlement { ProviderId = provider.Id, RegionCode = provider.RegionCode, Month = command.Month };
            settlement.ProviderName = provider.Name;
            var lines = await LinesAsync(db, settlement.Id, provider.Id, command.Month, cancellationToken);
            settlement.Fill(lines, user.DisplayName, now);
            if (isNew)
            {
                db.Add(settlement);
            }

            if (!await LiveEvent.CommitAsync(db, live, new LiveUpdate(LiveUpdate.NewId(), settlement.RegionCode, "homeservice.settlement.generated", settlement.Id.ToString(), now), cancellationToken, uniqueRace: true))
            {
                // Generated at the same moment by someone else: theirs is the month's settlement.
                return Result.Conflict(l["Common.ChangedByOthers"]).As<Guid>();
            }

            return settlement.Id;
        }

        private async Task<List<SettlementLine>> LinesAsync(EldercareDbContext db, Guid settlementId, Guid providerId, int month, CancellationToken ct)
        {
            var orders = await db.Set<ServiceOrder>().AsNoTracking()
                .Where(o => o.ProviderId == providerId && o.Month == month && o.Status != OrderStatus.Requested && o.Status != OrderStatus.Dispatched)
                .ToListAsync(ct);
            var elderIds = orders.Select(o => o.ElderId).Distinct().ToList();
            var elders = await db.Elders.AsNoTracking().Where(e => elderIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
            var items = await db.Set<ServiceItem>().AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Name, ct);
            var all = await regions.AllAsync(ct);
            return [.. orders
                // A cancelled order counts only if a worker was already on it (the provider had planned it).
                .Where(o => o.Status != OrderStatus.Cancelled || o.WorkerId is not null)
                .OrderBy(o => o.ServiceDate).ThenBy(o => o.WindowStartUtc).ThenBy(o => o.Id)
                .Select(o =>
                {
                    var included = o.Status == OrderStatus.Verified;
                    return new SettlementLine
                    {
                        SettlementId = settlementId, OrderId = o.Id, ServiceDate = o.ServiceDate, ElderName = elders.GetValueOrDefault(o.ElderId) ?? "-",
                        RegionName = all.GetValueOrDefault(o.RegionCode)?.Name ?? o.RegionCode, ItemName = items.GetValueOrDefault(o.ItemId) ?? "-",
                        Quantity = o.Quantity, UnitPrice = o.UnitPrice ?? 0, Included = included,
                        Amount = included ? o.Amount : 0, Subsidy = included ? o.SubsidyAmount : 0, SelfPay = included ? o.SelfPayAmount : 0,
                        Exclusion = o.Status switch
                        {
                            OrderStatus.Verified => null,
                            OrderStatus.CheckedOut => ExclusionReason.NotVerified,
                            OrderStatus.Missed => ExclusionReason.Missed,
                            OrderStatus.Cancelled => ExclusionReason.Cancelled,
                            _ => ExclusionReason.NotCheckedOut,
                        },
                    };
                })];
        }
    }
}
