using FluentValidation;
using SmartEldercare.HomeService.Features.Catalogue;

namespace SmartEldercare.HomeService.Features.Providers;

public sealed record ProviderCreditRow(Guid Id, string Name, string RegionCode, CreditFigures Figures);

/// <summary>The credit of every provider of the user's scope for a month, best first.</summary>
public static class ListProviderCredit
{
    public sealed record Query(int Month) : RequiresPermission(Permissions.HomeServiceRead), IQuery<IReadOnlyList<ProviderCreditRow>>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<Strings> l) => RuleFor(q => q.Month).Must(YearMonth.IsValid).WithMessage(l["HomeService.Month.Invalid"]);
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, HomeServiceOptions options) : IQueryHandler<Query, IReadOnlyList<ProviderCreditRow>>
    {
        public async ValueTask<IReadOnlyList<ProviderCreditRow>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var providers = await ListCatalogue.ProvidersAsync(db, user, cancellationToken);
            var (visits, opinions) = await CreditScore.LoadAsync(db, [.. providers.Select(p => p.Id)], query.Month, query.Month, cancellationToken);
            return [.. providers
                .Select(p => new ProviderCreditRow(p.Id, p.Name, p.RegionCode, CreditScore.Figures(query.Month,
                    [.. visits.Where(v => v.ProviderId == p.Id)], [.. opinions.Where(o => o.ProviderId == p.Id)], options.LateAfterMinutes)))
                .OrderByDescending(r => r.Figures.Score ?? -1).ThenBy(r => r.Name, StringComparer.Ordinal)];
        }
    }
}
