using FluentValidation;
using SmartEldercare.HomeService.Orders;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.HomeService.Features.Elders;

/// <summary>Village staff record a hospital stay (to: empty while still there): visits in it are flagged.</summary>
public static class RecordHospitalStay
{
    public sealed record Command(Guid ElderId, DateOnly From, DateOnly? To, string? Note) : RequiresPermission(Permissions.HomeServiceOrder), ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.To).Must((c, to) => to is null || to >= c.From).WithMessage(l["HomeService.Stay.Range"]);
            RuleFor(c => c.Note).MaximumLength(HospitalStay.NoteMaxLength).WithMessage(l["Validation.MaxLength", HospitalStay.NoteMaxLength]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, TimeProvider clock, IStringLocalizer<Strings> l) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var elder = await db.Elders.AsNoTracking().InScopeOf(user).SingleOrDefaultAsync(e => e.Id == command.ElderId, cancellationToken);
            if (elder is null)
            {
                return Result.NotFound();
            }

            // One person is in one hospital stay at a time: a stay sharing a day with one already recorded is refused.
            if (await db.Set<HospitalStay>().AnyAsync(h => h.ElderId == elder.Id && (h.To == null || h.To >= command.From) && (command.To == null || h.From <= command.To), cancellationToken))
            {
                return Result.Invalid(nameof(Command.From), l["HomeService.Stay.Overlap"]);
            }

            db.Add(new HospitalStay
            {
                ElderId = elder.Id, RegionCode = elder.RegionCode, From = command.From, To = command.To, Note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim(),
                RecordedBy = user.DisplayName, RecordedAtUtc = clock.UtcNow(),
            });
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok();
        }
    }
}
