using FluentValidation;
using SmartEldercare.Welfare.Allowance;

namespace SmartEldercare.Welfare.Features.Allowance;

/// <summary>Replaces the allowance bands (from-age → monthly amount in fen); lists already generated keep their amounts.</summary>
public static class SaveAllowanceBands
{
    /// <summary>¥10,000 a month (fen).</summary>
    public const long MaxAmount = 10_000_00;

    public sealed record Command(IReadOnlyList<BandView> Bands) : RequiresPermission(Permissions.WelfareAdmin), ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Bands).NotNull().NotEmpty().WithMessage(l["Welfare.Bands.Required"])
                .Must(b => b is null || b.Select(x => x.FromAge).Distinct().Count() == b.Count).WithMessage(l["Welfare.Bands.Duplicate"]);
            RuleForEach(c => c.Bands).ChildRules(b =>
            {
                b.RuleFor(x => x.FromAge).InclusiveBetween(AllowanceBand.MinimumAge, 120).WithMessage(l["Welfare.Bands.Age", AllowanceBand.MinimumAge]);
                b.RuleFor(x => x.MonthlyAmount).GreaterThan(0).LessThanOrEqualTo(MaxAmount).WithMessage(l["Welfare.Bands.Amount", MaxAmount / 100]);
            });
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var existing = await db.Set<AllowanceBand>().ToListAsync(cancellationToken);
            db.RemoveRange(existing.Where(e => command.Bands.All(b => b.FromAge != e.FromAge)));
            foreach (var band in command.Bands)
            {
                var found = existing.SingleOrDefault(e => e.FromAge == band.FromAge);
                if (found is null)
                {
                    db.Add(new AllowanceBand { FromAge = band.FromAge, MonthlyAmount = band.MonthlyAmount });
                }
                else if (found.MonthlyAmount != band.MonthlyAmount)
                {
                    found.MonthlyAmount = band.MonthlyAmount;
                    found.Version++;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok();
        }
    }
}
