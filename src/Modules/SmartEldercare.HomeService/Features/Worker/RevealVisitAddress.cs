using FluentValidation;
using SmartEldercare.HomeService.Orders;

namespace SmartEldercare.HomeService.Features.Worker;

/// <summary>
/// The assigned worker needs the full address to get there: revealed for that visit only, while it is under way, and
/// audited as a command (like a responder's reveal for an alarm).
/// </summary>
public static class RevealVisitAddress
{
    public sealed record Command(Guid OrderId) : ICommand<Result<string>>, IRequirePermission, IAuditDetail, SmartEldercare.Platform.Privacy.IPersonalDataAccess
    {
        public string Permission => Permissions.HomeServiceWork;

        public string AuditDetail => $"reveal address for visit {OrderId}";
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, IStringLocalizer<Strings> l) : ICommandHandler<Command, Result<string>>
    {
        public async ValueTask<Result<string>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var me = user.Id;
            var order = await db.Set<ServiceOrder>().AsNoTracking().InScopeOf(user).Where(o => o.Id == command.OrderId && o.WorkerId == me)
                .Select(o => new { o.ElderId, o.Status }).SingleOrDefaultAsync(cancellationToken);
            if (order is null)
            {
                return Result.NotFound().As<string>();
            }

            if (order.Status is not (OrderStatus.Assigned or OrderStatus.CheckedIn))
            {
                return Result.Conflict(l["HomeService.Reveal.Closed"]).As<string>();
            }

            var address = await db.Elders.AsNoTracking().Where(e => e.Id == order.ElderId).Select(e => e.Address).SingleOrDefaultAsync(cancellationToken);
            return address is null ? Result.NotFound().As<string>() : Result<string>.Ok(address);
        }
    }
}
