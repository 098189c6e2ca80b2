using FluentValidation;
using SmartEldercare.Social.Charities;

namespace SmartEldercare.Social.Features.Charities;

/// <summary>Adds to a charity's activity record (a charity of the scope; beneficiaries never negative; not in the future).</summary>
public static class RecordCharityActivity
{
    public sealed record Command : ICommand<Result<Guid>>, IRequirePermission
    {
        public Guid CharityId { get; set; }

        public DateOnly Date { get; set; }

        public string Title { get; set; } = string.Empty;

        public int Beneficiaries { get; set; }

        public string? Notes { get; set; }

        public string Permission => Permissions.SocialRecord;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l, TimeProvider clock)
        {
            RuleFor(c => c.Title).NotEmpty().WithMessage(l["Social.Charity.TitleRequired"]).MaximumLength(Charity.NameMaxLength);
            RuleFor(c => c.Beneficiaries).InclusiveBetween(0, 100_000).WithMessage(l["Social.Charity.BeneficiariesRange"]);
            RuleFor(c => c.Date).Must(d => d != default && d <= clock.Today()).WithMessage(l["Social.Canteen.DateInvalid"]);
            RuleFor(c => c.Notes).MaximumLength(Charity.TextMaxLength);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user) : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var charity = await db.Set<Charity>().AsNoTracking().InScopeOf(user).SingleOrDefaultAsync(c => c.Id == command.CharityId, cancellationToken);
            if (charity is null)
            {
                return Result.NotFound().As<Guid>();
            }

            var activity = new CharityActivity
            {
                CharityId = charity.Id, RegionCode = charity.RegionCode, Date = command.Date, Title = command.Title.Trim(), Beneficiaries = command.Beneficiaries,
                Notes = command.Notes, RecordedBy = user.DisplayName,
            };
            db.Add(activity);
            await db.SaveChangesAsync(cancellationToken);
            return activity.Id;
        }
    }
}
