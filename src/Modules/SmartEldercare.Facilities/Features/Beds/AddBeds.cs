using FluentValidation;
using SmartEldercare.Facilities.Beds;

namespace SmartEldercare.Facilities.Features.Beds;

/// <summary>Adds beds by code (e.g. "101-1, 101-2"); a code the institution already has is refused.</summary>
public static class AddBeds
{
    public sealed record Command(Guid OrganisationId, string Codes) : ICommand<Result<int>>, IRequirePermission
    {
        public string Permission => Permissions.FacilitiesManage;

        public IReadOnlyList<string> Parsed => Codes.Split([',', '，', ' ', '\n', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Codes).Must(c => !string.IsNullOrWhiteSpace(c)).WithMessage(l["Facilities.Bed.CodesRequired"]);
            RuleFor(c => c.Parsed).Must(p => p.Count <= 200 && p.All(c => c.Length <= Bed.CodeMaxLength)).WithMessage(l["Facilities.Bed.CodesInvalid"]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, FacilityAccess access, ILiveUpdates live, TimeProvider clock, IStringLocalizer<Strings> l)
        : ICommandHandler<Command, Result<int>>
    {
        public async ValueTask<Result<int>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var org = await access.FindAsync(db, command.OrganisationId, cancellationToken);
            if (org is null)
            {
                return Result.NotFound().As<int>();
            }

            var codes = command.Parsed;
            var existing = await db.Set<Bed>().Where(b => b.OrganisationId == org.Id && codes.Contains(b.Code)).Select(b => b.Code).ToListAsync(cancellationToken);
            if (existing.Count > 0)
            {
                return Result.Invalid(nameof(Command.Codes), l["Facilities.Bed.CodeTaken", string.Join(", ", existing)]).As<int>();
            }

            db.AddRange(codes.Select(c => new Bed { OrganisationId = org.Id, RegionCode = org.RegionCode, Code = c }));
            var liveUpdate = FacilityLive.Update(org.RegionCode, org.Id, "beds", clock.UtcNow());
            LiveEvent.Stage(db, liveUpdate);
            await db.SaveChangesAsync(cancellationToken);
            await live.PushAsync(liveUpdate, cancellationToken);
            return Result<int>.Ok(codes.Count);
        }
    }
}
