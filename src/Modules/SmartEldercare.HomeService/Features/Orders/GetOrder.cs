using SmartEldercare.HomeService.Catalogue;
using SmartEldercare.HomeService.Entitlements;
using SmartEldercare.HomeService.Orders;

namespace SmartEldercare.HomeService.Features.Orders;

public sealed record FollowUpView(int Satisfaction, string? Comment, bool IsComplaint, DateTime RecordedAtUtc, string RecordedBy);

/// <summary>An order as its page shows it; money in fen (yuan numbers in the API's JSON).</summary>
public sealed record OrderDetails(
    Guid Id, Guid ElderId, string ElderName, int ElderAge, string MaskedAddress, string RegionCode, string RegionPath,
    Guid ItemId, string ItemName, ServiceCategory Category, ServiceUnit Unit, int Quantity, int StandardMinutes, IReadOnlyList<string> Tasks,
    DateTime WindowStartUtc, DateTime WindowEndUtc, OrderStatus Status, VisitFlags Flags, string? Note, bool SelfPayConsent, Guid? PlanId,
    Guid? ProviderId, string? ProviderName, [property: JsonYuan] long? UnitPrice, Guid? WorkerId, string? WorkerName,
    DateTime? CheckedInAtUtc, CheckInMethod? CheckInMethod, int? CheckInDistanceMeters, DateTime? CheckedOutAtUtc,
    DurationReason? DurationReason, string? DurationNote, IReadOnlyList<string> TasksDone, string? WorkerNotes,
    int SubsidisedUnits, [property: JsonYuan] long Amount, [property: JsonYuan] long SubsidyAmount, [property: JsonYuan] long SelfPayAmount,
    SelfPayStatus SelfPay, bool MissedHandled, Guid? ReplacedByOrderId,
    int Version, IReadOnlyList<OrderStep> Steps, BalanceView Balance, FollowUpView? FollowUp);

/// <summary>One order with its timeline, the elder's month, and the follow-up; personal data masked.</summary>
public static class GetOrder
{
    public sealed record Query(Guid Id) : RequiresPermission(Permissions.HomeServiceRead), IQuery<Result<OrderDetails>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, TimeProvider clock)
        : IQueryHandler<Query, Result<OrderDetails>>
    {
        public async ValueTask<Result<OrderDetails>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var o = await db.Set<ServiceOrder>().AsNoTracking().Include(x => x.Steps).InScopeOf(user).SingleOrDefaultAsync(x => x.Id == query.Id, cancellationToken);
            if (o is null)
            {
                return Result.NotFound().As<OrderDetails>();
            }

            var elder = await db.Elders.AsNoTracking().SingleAsync(e => e.Id == o.ElderId, cancellationToken);
            var item = await db.Set<ServiceItem>().AsNoTracking().SingleAsync(i => i.Id == o.ItemId, cancellationToken);
            var provider = o.ProviderId is { } p ? await db.Organisations.AsNoTracking().Where(x => x.Id == p).Select(x => x.Name).SingleOrDefaultAsync(cancellationToken) : null;
            var followUp = await db.Set<FollowUp>().AsNoTracking().Where(f => f.OrderId == o.Id)
                .Select(f => new FollowUpView(f.Satisfaction, f.Comment, f.IsComplaint, f.RecordedAtUtc, f.RecordedBy)).SingleOrDefaultAsync(cancellationToken);
            var balance = await Balances.ViewAsync(db, elder, o.Month, cancellationToken);
            return new OrderDetails(
                o.Id, elder.Id, elder.Name, elder.AgeOn(clock.Today()), Masking.Address(elder.Address), o.RegionCode, await regions.PathAsync(o.RegionCode, cancellationToken),
                item.Id, item.Name, item.Category, item.Unit, o.Quantity, item.StandardMinutesFor(o.Quantity), item.Tasks,
                o.WindowStartUtc, o.WindowEndUtc, o.Status, o.Flags, o.Note, o.SelfPayConsent, o.PlanId,
                o.ProviderId, provider, o.UnitPrice, o.WorkerId, o.WorkerName,
                o.CheckedInAtUtc, o.CheckInMethod, o.CheckInDistanceMeters, o.CheckedOutAtUtc,
                o.DurationReason, o.DurationNote, o.TasksDone?.Split('\n') ?? [], o.WorkerNotes,
                o.SubsidisedUnits, o.Amount, o.SubsidyAmount, o.SelfPayAmount, o.SelfPay, o.MissedHandled, o.ReplacedByOrderId,
                o.Version, [.. o.Steps.OrderBy(s => s.AtUtc).ThenBy(s => s.Id)], balance, followUp);
        }
    }
}
