using FluentValidation;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Welfare.Away;

namespace SmartEldercare.Welfare.Features.Away;

/// <param name="Id">The away period's id (null for a hospital stay, which the home-service module keeps).</param>
/// <param name="Kind">Away or in hospital.</param>
/// <param name="From">The first day.</param>
/// <param name="To">The last day, or null while it lasts.</param>
/// <param name="Note">Staff's note.</param>
public sealed record AbsenceView(Guid? Id, AbsenceKind Kind, DateOnly From, DateOnly? To, string? Note);

/// <summary>An elder's away periods and hospital stays, newest first.</summary>
public static class ListAbsences
{
    public sealed record Query(Guid ElderId) : RequiresPermission(Permissions.WelfareRead), IQuery<Result<IReadOnlyList<AbsenceView>>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, IEnumerable<IHospitalStays> hospitals) : IQueryHandler<Query, Result<IReadOnlyList<AbsenceView>>>
    {
        public async ValueTask<Result<IReadOnlyList<AbsenceView>>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            if (!await db.Elders.InScopeOf(user).AnyAsync(e => e.Id == query.ElderId, cancellationToken))
            {
                return Result.NotFound().As<IReadOnlyList<AbsenceView>>();
            }

            var list = (await db.Set<AwayPeriod>().AsNoTracking().Where(a => a.ElderId == query.ElderId).ToListAsync(cancellationToken))
                .Select(a => new AbsenceView(a.Id, AbsenceKind.Away, a.From, a.To, a.Note)).ToList();
            foreach (var hospital in hospitals)
            {
                list.AddRange((await hospital.OverlappingAsync([query.ElderId], DateOnly.MinValue, DateOnly.MaxValue, cancellationToken))
                    .Select(h => new AbsenceView(null, AbsenceKind.Hospital, h.From, h.To, null)));
            }

            return Result<IReadOnlyList<AbsenceView>>.Ok([.. list.OrderByDescending(a => a.From)]);
        }
    }
}
