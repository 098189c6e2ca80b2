using FluentValidation;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Welfare.Away;

namespace SmartEldercare.Welfare.Features.Away;

/// <summary>Staff record an elder's away period (外出报备); it may not share a day with another away period or a hospital stay.</summary>
public static class RecordAway
{
    public const int MaxDaysAhead = 30;

    public sealed record Command(Guid ElderId, DateOnly From, DateOnly? To, string? Note) : RequiresPermission(Permissions.WelfareCare), ICommand<Result<Guid>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l, TimeProvider clock)
        {
            RuleFor(c => c.To).Must((c, to) => to is null || to >= c.From).WithMessage(l["Welfare.Away.Range"]);
            RuleFor(c => c.From).Must(from => from <= clock.Today().AddDays(MaxDaysAhead)).WithMessage(l["Welfare.Away.FromFuture"]);
            RuleFor(c => c.Note).MaximumLength(AwayPeriod.NoteMaxLength).WithMessage(l["Validation.MaxLength", AwayPeriod.NoteMaxLength]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, IEnumerable<IHospitalStays> hospitals, TimeProvider clock, IStringLocalizer<Strings> l)
        : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var elder = await db.Elders.AsNoTracking().InScopeOf(user).Select(e => new { e.Id, e.RegionCode }).SingleOrDefaultAsync(e => e.Id == command.ElderId, cancellationToken);
            if (elder is null)
            {
                return Result.NotFound().As<Guid>();
            }

            var periods = await db.Set<AwayPeriod>().AsNoTracking().Where(a => a.ElderId == elder.Id).ToListAsync(cancellationToken);
            var overlapsAway = periods.Any(a => AwayPeriod.Overlap(a.From, a.To, command.From, command.To));
            var overlapsHospital = false;
            foreach (var hospital in hospitals)
            {
                overlapsHospital |= (await hospital.OverlappingAsync([elder.Id], command.From, command.To ?? DateOnly.MaxValue, cancellationToken)).Count > 0;
            }

            if (overlapsAway || overlapsHospital)
            {
                return Result.Invalid(nameof(Command.From), l["Welfare.Away.Overlap"]).As<Guid>();
            }

            var period = new AwayPeriod
            {
                ElderId = elder.Id, RegionCode = elder.RegionCode, From = command.From, To = command.To,
                Note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim(), RecordedBy = user.DisplayName, RecordedAtUtc = clock.UtcNow(),
            };
            db.Add(period);
            await db.SaveChangesAsync(cancellationToken);
            return period.Id;
        }
    }
}
