using FluentValidation;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Welfare.Allowance;

namespace SmartEldercare.Welfare.Features.Allowance;

public sealed record GenerationResult(int Month, int Lists, int Elders, [property: JsonYuan] long Total, int NewOverpayments);

/// <summary>
/// The month's disbursement lists of every village in the scope, from one query of the eligible elders: active (or
/// deceased/moved out no earlier than the month's first day), at least the lowest band's age on the day before the
/// month. A draft is recomputed (the same records give the same lines); an approved list is left as it is. Also
/// records overpayments found since the last run.
/// </summary>
public static class GenerateAllowanceMonth
{
    public sealed record Command(int Month) : RequiresPermission(Permissions.WelfareApprove), ICommand<Result<GenerationResult>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l, TimeProvider clock)
        {
            RuleFor(c => c.Month).Must(YearMonth.IsValid).WithMessage(l["Welfare.Month.Invalid"])
                .Must(m => !YearMonth.IsValid(m) || m <= YearMonth.Of(clock.Today())).WithMessage(l["Welfare.Allowance.MonthInFuture"]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, ILiveUpdates live, TimeProvider clock, IStringLocalizer<Strings> l)
        : ICommandHandler<Command, Result<GenerationResult>>
    {
        public async ValueTask<Result<GenerationResult>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var bands = await db.Set<AllowanceBand>().AsNoTracking().ToListAsync(cancellationToken);
            if (bands.Count == 0)
            {
                return Result.Conflict(l["Welfare.Allowance.NoBands"]).As<GenerationResult>();
            }

            var month = command.Month;
            var (first, ageDay) = (YearMonth.FirstDay(month), AllowanceRules.AgeDay(month));
            var cutoff = VeryOld.BornOnOrBefore(bands.Min(b => b.FromAge), ageDay);
            var eligible = await db.Elders.AsNoTracking().InScopeOf(user)
                .Where(e => e.BirthDate <= cutoff && (e.Status == ElderStatus.Active || e.StatusDate >= first))
                .Select(e => new { e.Id, e.Name, e.IdNumberTail, e.BirthDate, e.RegionCode })
                .ToListAsync(cancellationToken);
            var lists = await db.Set<AllowanceList>().InScopeOf(user).Where(a => a.Month == month).Include(a => a.Lines).ToDictionaryAsync(a => a.RegionCode, cancellationToken);
            var now = clock.UtcNow();
            foreach (var village in eligible.GroupBy(e => e.RegionCode).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var list = lists.GetValueOrDefault(village.Key);
                if (list is { Status: not AllowanceListStatus.Draft })
                {
                    continue;
                }

                var listId = list?.Id ?? Guid.CreateVersion7();
                var lines = village.OrderBy(e => e.BirthDate).ThenBy(e => e.Id).Select(e =>
                {
                    var age = ShanghaiTime.AgeOn(e.BirthDate, ageDay);
                    var band = AllowanceRules.BandFor(bands, age)!;
                    return new AllowanceLine { ListId = listId, ElderId = e.Id, ElderName = e.Name, IdNumberTail = e.IdNumberTail, BirthDate = e.BirthDate, Age = age, BandFromAge = band.FromAge, Amount = band.MonthlyAmount };
                }).ToList();
                if (list is null)
                {
                    list = new AllowanceList { Id = listId, RegionCode = village.Key, Month = month, FirstDay = first };
                    list.Fill(lines, user.DisplayName, now);
                    db.Add(list);
                    lists[village.Key] = list;
                }
                else if (list.Differs(lines))
                {
                    list.Fill(lines, user.DisplayName, now);
                }
            }

            // A draft of a village with nobody eligible any more (everyone left) is emptied.
            foreach (var stale in lists.Values.Where(a => a.Status == AllowanceListStatus.Draft && a.Lines.Count > 0 && eligible.All(e => e.RegionCode != a.RegionCode)))
            {
                stale.Fill([], user.DisplayName, now);
            }

            int found;
            var liveUpdate = new LiveUpdate(LiveUpdate.NewId(), user.RegionCode, "welfare.allowance.generated", YearMonth.Label(month), now);
            LiveEvent.Stage(db, liveUpdate);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                found = await Overpayments.RecordAsync(db, user.RegionCode, now, cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Generated at the same moment by someone else: theirs stands.
                return Result.Conflict(l["Common.ChangedByOthers"]).As<GenerationResult>();
            }

            await live.PushAsync(liveUpdate, cancellationToken);
            var inMonth = lists.Values.Where(a => a.Elders > 0).ToList();
            return new GenerationResult(month, inMonth.Count, inMonth.Sum(a => a.Elders), inMonth.Sum(a => a.Total), found);
        }
    }
}

/// <summary>Paid lines (district-approved) of elders whose death or move-out, recorded since, falls before the paid month.</summary>
internal static class Overpayments
{
    public static async Task<int> RecordAsync(EldercareDbContext db, string scope, DateTime utcNow, CancellationToken ct)
    {
        var found = await (
                from list in db.Set<AllowanceList>().InRegion(scope)
                where list.Status == AllowanceListStatus.DistrictApproved
                from line in list.Lines
                join elder in db.Elders on line.ElderId equals elder.Id
                where elder.Status != ElderStatus.Active && elder.StatusDate < list.FirstDay
                   && !db.Set<Overpayment>().Any(o => o.LineId == line.Id)
                select new { line.Id, line.ElderId, line.ElderName, list.RegionCode, list.Month, line.Amount, elder.Status, elder.StatusDate })
            .ToListAsync(ct);
        if (found.Count == 0)
        {
            return 0;
        }

        db.AddRange(found.Select(f => new Overpayment
        {
            LineId = f.Id, ElderId = f.ElderId, ElderName = f.ElderName, RegionCode = f.RegionCode, Month = f.Month, Amount = f.Amount,
            Reason = f.Status, StatusDate = f.StatusDate!.Value, FoundAtUtc = utcNow,
        }));
        await db.SaveChangesAsync(ct);
        return found.Count;
    }
}
