using FluentValidation;
using SmartEldercare.Welfare.Allowance;

namespace SmartEldercare.Welfare.Features.Allowance;

/// <summary>
/// A street or the district approves, in one go, every list of the month in its scope that the level below approved;
/// refused when there is none (for instance, approving the month a second time).
/// </summary>
public static class ApproveAllowanceMonth
{
    public sealed record Command(int Month) : RequiresPermission(Permissions.WelfareApprove), ICommand<Result<int>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l) => RuleFor(c => c.Month).Must(YearMonth.IsValid).WithMessage(l["Welfare.Month.Invalid"]);
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, ILiveUpdates live, TimeProvider clock, IStringLocalizer<Strings> l) : ICommandHandler<Command, Result<int>>
    {
        public async ValueTask<Result<int>> Handle(Command command, CancellationToken cancellationToken)
        {
            var level = Region.LevelOf(user.RegionCode) ?? RegionLevel.Village;
            var ready = level switch
            {
                RegionLevel.District => AllowanceListStatus.StreetApproved,
                RegionLevel.Street => AllowanceListStatus.VillageApproved,
                _ => AllowanceListStatus.Draft,
            };
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var lists = await db.Set<AllowanceList>().InScopeOf(user).Where(a => a.Month == command.Month && a.Status == ready).ToListAsync(cancellationToken);
            if (lists.Count == 0)
            {
                return Result.Conflict(l["Welfare.Allowance.NothingToApprove"]).As<int>();
            }

            var now = clock.UtcNow();
            foreach (var list in lists)
            {
                list.Approve(level, user.DisplayName, now);
            }

            if (!await LiveEvent.CommitAsync(db, live, new LiveUpdate(LiveUpdate.NewId(), user.RegionCode, "welfare.allowance.approved", YearMonth.Label(command.Month), now), cancellationToken))
            {
                return Result.Conflict(l["Common.ChangedByOthers"]).As<int>();
            }

            return lists.Count;
        }
    }
}
