using FluentValidation;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Organisations;
using SmartEldercare.Social.Canteens;

namespace SmartEldercare.Social.Features.Canteens;

/// <summary>An elder of the scope had a subsidised meal at a canteen: the subsidy follows the elder's key group (Social:MealSubsidyFen).</summary>
public static class RecordSubsidisedMeal
{
    public sealed record Command(Guid CanteenId, Guid ElderId, DateOnly Date, MealMode Mode) : RequiresPermission(Permissions.SocialRecord), ICommand<Result<long>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l, TimeProvider clock)
        {
            RuleFor(c => c.Date).Must(d => d != default && d <= clock.Today()).WithMessage(l["Social.Canteen.DateInvalid"]);
            RuleFor(c => c.Mode).IsInEnum();
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, SocialOptions options, IStringLocalizer<Strings> l, IEnumerable<IMealDeliveryOrders> deliveries)
        : ICommandHandler<Command, Result<long>>
    {
        public async ValueTask<Result<long>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var district = user.RegionCode.Length >= 6 ? user.RegionCode[..6] : "~";
            // The canteen may be in a neighbouring street (elders eat where it is near); the elder must be of the scope.
            var canteen = await db.Organisations.AsNoTracking().InRegion(district).Where(o => o.Id == command.CanteenId && o.Type == OrganisationType.Canteen)
                .Select(o => new { o.Id, o.RegionCode }).SingleOrDefaultAsync(cancellationToken);
            var elder = await db.Elders.AsNoTracking().InScopeOf(user).Where(e => e.Id == command.ElderId && e.Status == ElderStatus.Active)
                .Select(e => new { e.Id, e.Name, e.RegionCode, e.KeyGroups, e.BirthDate }).SingleOrDefaultAsync(cancellationToken);
            if (canteen is null || elder is null)
            {
                return Result.NotFound().As<long>();
            }

            var subsidy = MealSubsidy.For(elder.KeyGroups, ShanghaiTime.AgeOn(elder.BirthDate, command.Date), options.MealSubsidyFen);
            if (subsidy is null)
            {
                return Result.Conflict(l["Social.Canteen.NotEligible"]).As<long>();
            }

            if (await db.Set<SubsidisedMeal>().AnyAsync(m => m.ElderId == elder.Id && m.Date == command.Date && m.Mode == command.Mode, cancellationToken))
            {
                return Result.Conflict(l["Social.Canteen.AlreadyRecorded"]).As<long>();
            }

            // A delivered meal is linked to the elder's home-service meal-delivery order of that day (the first not yet
            // linked), so the canteen's statement and the home-service orders tell of the same meal once.
            Guid? order = null;
            if (command.Mode == MealMode.Delivery)
            {
                foreach (var source in deliveries)
                {
                    var orders = await source.ForElderAsync(elder.Id, command.Date, cancellationToken);
                    var ids = orders.Select(o => o.OrderId).ToList();
                    var linked = ids.Count == 0 ? [] : await db.Set<SubsidisedMeal>().Where(m => m.HomeServiceOrderId != null && ids.Contains(m.HomeServiceOrderId.Value))
                        .Select(m => m.HomeServiceOrderId!.Value).ToListAsync(cancellationToken);
                    order ??= ids.Cast<Guid?>().FirstOrDefault(id => !linked.Contains(id!.Value));
                }
            }

            db.Add(new SubsidisedMeal
            {
                HomeServiceOrderId = order,
                CanteenId = canteen.Id, RegionCode = canteen.RegionCode, ElderId = elder.Id, ElderName = elder.Name, ElderRegionCode = elder.RegionCode, Date = command.Date,
                Mode = command.Mode, SubsidyGroup = subsidy.Value.Group, SubsidyFen = subsidy.Value.Fen, RecordedBy = user.DisplayName,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                return Result.Conflict(l["Social.Canteen.AlreadyRecorded"]).As<long>();
            }

            return subsidy.Value.Fen;
        }
    }
}
