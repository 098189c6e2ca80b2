using FluentValidation;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Welfare.Visits;

namespace SmartEldercare.Welfare.Features.Visits;

/// <summary>
/// A village worker records a visit (at home or by phone) with the wellbeing checklist and follow-ups; the elder's
/// next routine visit is planned one tier interval later, and the consoles of the village, its street and the
/// district see the overdue count change at once.
/// </summary>
public static class RecordVisit
{
    public sealed record Command(Guid VisitId, DateOnly VisitedOn, VisitMode Mode, Wellbeing Health, Wellbeing Mood, Wellbeing HomeSafety, string? Needs, FollowUps FollowUps, string? Notes)
        : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.WelfareCare;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l, TimeProvider clock)
        {
            RuleFor(c => c.VisitedOn).Must(d => d <= clock.Today()).WithMessage(l["Welfare.Visit.Future"])
                .Must(d => d >= clock.Today().AddDays(-60)).WithMessage(l["Welfare.Visit.TooOld"]);
            RuleFor(c => c.Mode).IsInEnum().WithMessage(l["Validation.Choice"]);
            RuleFor(c => c.Health).IsInEnum().WithMessage(l["Validation.Choice"]);
            RuleFor(c => c.Mood).IsInEnum().WithMessage(l["Validation.Choice"]);
            RuleFor(c => c.HomeSafety).IsInEnum().WithMessage(l["Validation.Choice"]);
            RuleFor(c => c.FollowUps).Must(f => (f & ~(FollowUps.HomeServiceOrder | FollowUps.Concern)) == 0).WithMessage(l["Validation.Choice"]);
            RuleFor(c => c.Needs).MaximumLength(Visit.TextMaxLength).WithMessage(l["Validation.MaxLength", Visit.TextMaxLength]);
            RuleFor(c => c.Notes).MaximumLength(Visit.TextMaxLength).WithMessage(l["Validation.MaxLength", Visit.TextMaxLength]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, ILiveUpdates live, WelfareOptions options, TimeProvider clock, IStringLocalizer<Strings> l)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var visit = await db.Set<Visit>().InScopeOf(user).SingleOrDefaultAsync(v => v.Id == command.VisitId, cancellationToken);
            if (visit is null)
            {
                return Result.NotFound();
            }

            var now = clock.UtcNow();
            var recorded = visit.Record(command.VisitedOn, command.Mode, command.Health, command.Mood, command.HomeSafety, Trim(command.Needs), command.FollowUps, Trim(command.Notes), user.DisplayName, now);
            if (!recorded.IsSuccess)
            {
                return recorded.Localized(l);
            }

            // The routine visit is what keeps the rhythm: the next one is due a tier interval after this visit.
            var openRoutine = await db.Set<Visit>().AnyAsync(v => v.ElderId == visit.ElderId && v.Status == VisitStatus.Planned && v.Reason == VisitReason.Routine && v.Id != visit.Id, cancellationToken);
            var next = command.VisitedOn.AddDays(options.EveryDays(visit.Tier));
            if (!openRoutine && !await db.Set<Visit>().AnyAsync(v => v.ElderId == visit.ElderId && v.Reason == VisitReason.Routine && v.DueDate == next, cancellationToken))
            {
                db.Add(new Visit
                {
                    ElderId = visit.ElderId, ElderName = visit.ElderName, RegionCode = visit.RegionCode, Tier = visit.Tier, Reason = VisitReason.Routine, DueDate = next,
                    AssignedToId = visit.AssignedToId, AssignedToName = visit.AssignedToName, CreatedAtUtc = now,
                });
            }

            List<LiveUpdate> updates = [new(LiveUpdate.NewId(), visit.RegionCode, "welfare.visit.done", visit.Id.ToString(), now)];
            if (command.FollowUps.HasFlag(FollowUps.Concern))
            {
                updates.Add(new LiveUpdate(LiveUpdate.NewId(), visit.RegionCode, "welfare.concern", visit.ElderId.ToString(), now));
            }

            updates.ForEach(u => LiveEvent.Stage(db, u));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                return Result.Conflict(l["Common.ChangedByOthers"]);
            }

            await live.PushAllAsync(updates, cancellationToken);

            return Result.Ok();
        }

        private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }
}
