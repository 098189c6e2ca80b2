using FluentValidation;
using SmartEldercare.HomeService.Features.Catalogue;
using SmartEldercare.HomeService.Orders;

namespace SmartEldercare.HomeService.Features.Providers;

public sealed record ProviderCredit(Guid Id, string Name, string RegionPath, string? ContactName, string MaskedPhone, IReadOnlyList<CreditFigures> Trend, IReadOnlyList<ComplaintView> Complaints);

/// <summary>One provider's page: its credit over the last six months (the trend) and its latest complaints.</summary>
public static class GetProviderCredit
{
    public const int Months = 6;

    public sealed record Query(Guid ProviderId) : RequiresPermission(Permissions.HomeServiceRead), IQuery<Result<ProviderCredit>>;

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, TimeProvider clock, HomeServiceOptions options)
        : IQueryHandler<Query, Result<ProviderCredit>>
    {
        public async ValueTask<Result<ProviderCredit>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var provider = await ListCatalogue.Serving(db, user).SingleOrDefaultAsync(o => o.Id == query.ProviderId, cancellationToken);
            if (provider is null)
            {
                return Result.NotFound().As<ProviderCredit>();
            }

            var last = YearMonth.Of(clock.Today());
            var months = Enumerable.Range(0, Months).Select(i => YearMonth.Of(YearMonth.FirstDay(last).AddMonths(i - Months + 1))).ToList();
            var (visits, opinions) = await CreditScore.LoadAsync(db, [provider.Id], months[0], last, cancellationToken);
            var complaints = await db.Set<FollowUp>().AsNoTracking().Where(f => f.ProviderId == provider.Id && f.IsComplaint)
                .OrderByDescending(f => f.RecordedAtUtc).Take(10)
                .Select(f => new ComplaintView(f.OrderId, f.RecordedAtUtc, f.Satisfaction, f.Comment, f.RecordedBy)).ToListAsync(cancellationToken);
            return new ProviderCredit(provider.Id, provider.Name, await regions.PathAsync(provider.RegionCode, cancellationToken), provider.ContactName,
                Masking.Phone(provider.ContactPhone), [.. months.Select(m => CreditScore.Figures(m, visits, opinions, options.LateAfterMinutes))], complaints);
        }
    }
}
