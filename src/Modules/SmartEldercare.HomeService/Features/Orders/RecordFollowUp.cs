using FluentValidation;
using SmartEldercare.HomeService.Orders;

namespace SmartEldercare.HomeService.Features.Orders;

/// <summary>回访: after a completed visit, village staff record the elder's satisfaction (1–5), comments, and whether it is a complaint.</summary>
public static class RecordFollowUp
{
    public sealed record Command(Guid OrderId, int Satisfaction, string? Comment, bool IsComplaint = false) : RequiresPermission(Permissions.HomeServiceOrder), ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Satisfaction).InclusiveBetween(1, 5).WithMessage(l["HomeService.FollowUp.Satisfaction.Range"]);
            RuleFor(c => c.Comment).MaximumLength(FollowUp.CommentMaxLength).WithMessage(l["Validation.MaxLength", FollowUp.CommentMaxLength]);
            RuleFor(c => c.Comment).NotEmpty().When(c => c.IsComplaint).WithMessage(l["HomeService.FollowUp.ComplaintText"]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, ILiveUpdates live, TimeProvider clock, IStringLocalizer<Strings> l)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var order = await db.Set<ServiceOrder>().AsNoTracking().InScopeOf(user).SingleOrDefaultAsync(o => o.Id == command.OrderId, cancellationToken);
            if (order is null)
            {
                return Result.NotFound();
            }

            if (order.Status is not (OrderStatus.CheckedOut or OrderStatus.Verified) || order.ProviderId is not { } providerId)
            {
                return Result.Conflict(l["HomeService.FollowUp.NotCompleted"]);
            }

            if (await db.Set<FollowUp>().AnyAsync(f => f.OrderId == order.Id, cancellationToken))
            {
                return Result.Conflict(l["HomeService.FollowUp.Twice"]);
            }

            var now = clock.UtcNow();
            db.Add(new FollowUp
            {
                OrderId = order.Id, ElderId = order.ElderId, ProviderId = providerId, RegionCode = order.RegionCode, Satisfaction = command.Satisfaction,
                Comment = string.IsNullOrWhiteSpace(command.Comment) ? null : command.Comment.Trim(), IsComplaint = command.IsComplaint, RecordedAtUtc = now, RecordedBy = user.DisplayName,
            });
            if (!await LiveEvent.CommitAsync(db, live, OrderLive.Update(order, command.IsComplaint ? "complaint" : "followup", now), cancellationToken, uniqueRace: true))
            {
                return Result.Conflict(l["HomeService.FollowUp.Twice"]);
            }

            return Result.Ok();
        }
    }
}
