using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmartEldercare.HomeService.Entitlements;
using SmartEldercare.HomeService.Features.Catalogue;
using SmartEldercare.HomeService.Orders;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.HomeService.Features.Providers;

/// <summary>
/// A month of a provider (or any group of visits): <c>Due</c> visits (checked in, out, verified or missed; cancelled ones
/// are not counted), the share checked in no later than the late threshold (<c>OnTimeRate</c>), the share checked out
/// (<c>CompletionRate</c>), the mean follow-up (1–5), complaints, and the <see cref="CreditScore"/> (null without a due visit).
/// </summary>
public sealed record CreditFigures(int Month, int Due, double? OnTimeRate, double? CompletionRate, double? Satisfaction, int FollowUps, int Complaints, double? Score);

public sealed record ProviderCreditRow(Guid Id, string Name, string RegionCode, CreditFigures Figures);

public sealed record ComplaintView(Guid OrderId, DateTime RecordedAtUtc, int Satisfaction, string? Comment, string RecordedBy);

public sealed record ProviderCredit(Guid Id, string Name, string RegionPath, string? ContactName, string MaskedPhone, IReadOnlyList<CreditFigures> Trend, IReadOnlyList<ComplaintView> Complaints);

/// <summary>
/// A provider's credit for a month: 35 % on-time rate, 35 % completion, 30 % satisfaction (scaled from 1–5), minus 5
/// points per complaint, within 0–100. Without follow-ups the first two share the weight.
/// </summary>
public static class CreditScore
{
    internal sealed record Visit(Guid ProviderId, OrderStatus Status, DateTime WindowStartUtc, DateTime? CheckedInAtUtc, int Month);

    internal sealed record Opinion(Guid ProviderId, int Satisfaction, bool IsComplaint, int Month);

    public static double? Score(double? onTime, double? completion, double? satisfaction, int complaints)
    {
        if (onTime is not { } t || completion is not { } c)
        {
            return null;
        }

        var score = satisfaction is { } s ? 100 * (0.35 * t + 0.35 * c + 0.30 * (s - 1) / 4) : 100 * (0.5 * t + 0.5 * c);
        return Math.Round(Math.Clamp(score - 5 * complaints, 0, 100), 1);
    }

    internal static CreditFigures Figures(int month, IReadOnlyCollection<Visit> visits, IReadOnlyCollection<Opinion> opinions, int lateAfterMinutes)
    {
        var due = visits.Where(v => v.Month == month && v.Status is OrderStatus.CheckedIn or OrderStatus.CheckedOut or OrderStatus.Verified or OrderStatus.Missed).ToList();
        var said = opinions.Where(o => o.Month == month).ToList();
        double? Share(Func<Visit, bool> ok) => due.Count == 0 ? null : (double)due.Count(ok) / due.Count;
        var onTime = Share(v => v.CheckedInAtUtc is { } at && at <= v.WindowStartUtc.AddMinutes(lateAfterMinutes));
        var completion = Share(v => v.Status is OrderStatus.CheckedOut or OrderStatus.Verified);
        double? satisfaction = said.Count == 0 ? null : Math.Round(said.Average(o => o.Satisfaction), 2);
        var complaints = said.Count(o => o.IsComplaint);
        return new CreditFigures(month, due.Count, onTime, completion, satisfaction, said.Count, complaints, Score(onTime, completion, satisfaction, complaints));
    }

    internal static async Task<(List<Visit> Visits, List<Opinion> Opinions)> LoadAsync(EldercareDbContext db, IReadOnlyCollection<Guid> providerIds, int fromMonth, int toMonth, CancellationToken ct)
    {
        var visits = await db.Set<ServiceOrder>().AsNoTracking()
            .Where(o => o.ProviderId != null && providerIds.Contains(o.ProviderId.Value) && o.Month >= fromMonth && o.Month <= toMonth)
            .Select(o => new Visit(o.ProviderId!.Value, o.Status, o.WindowStartUtc, o.CheckedInAtUtc, o.Month)).ToListAsync(ct);
        // A follow-up counts in the month of the visit it is about.
        var opinions = await db.Set<FollowUp>().AsNoTracking()
            .Where(f => providerIds.Contains(f.ProviderId))
            .Join(db.Set<ServiceOrder>(), f => f.OrderId, o => o.Id, (f, o) => new { f.ProviderId, f.Satisfaction, f.IsComplaint, o.Month })
            .Where(x => x.Month >= fromMonth && x.Month <= toMonth)
            .Select(x => new Opinion(x.ProviderId, x.Satisfaction, x.IsComplaint, x.Month))
            .ToListAsync(ct);
        return (visits, opinions);
    }
}

/// <summary>The credit of every provider of the user's scope for a month, best first.</summary>
public static class ListProviderCredit
{
    public sealed record Query(int Month) : IQuery<IReadOnlyList<ProviderCreditRow>>, IRequirePermission
    {
        public string Permission => Permissions.HomeServiceRead;
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<Strings> l) => RuleFor(q => q.Month).Must(ServiceMonth.IsValid).WithMessage(l["HomeService.Month.Invalid"]);
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

/// <summary>One provider's page: its credit over the last six months (the trend) and its latest complaints.</summary>
public static class GetProviderCredit
{
    public const int Months = 6;

    public sealed record Query(Guid ProviderId) : IQuery<Result<ProviderCredit>>, IRequirePermission
    {
        public string Permission => Permissions.HomeServiceRead;
    }

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

            var last = ServiceMonth.Of(clock.Today());
            var months = Enumerable.Range(0, Months).Select(i => ServiceMonth.Of(ServiceMonth.FirstDay(last).AddMonths(i - Months + 1))).ToList();
            var (visits, opinions) = await CreditScore.LoadAsync(db, [provider.Id], months[0], last, cancellationToken);
            var complaints = await db.Set<FollowUp>().AsNoTracking().Where(f => f.ProviderId == provider.Id && f.IsComplaint)
                .OrderByDescending(f => f.RecordedAtUtc).Take(10)
                .Select(f => new ComplaintView(f.OrderId, f.RecordedAtUtc, f.Satisfaction, f.Comment, f.RecordedBy)).ToListAsync(cancellationToken);
            return new ProviderCredit(provider.Id, provider.Name, await regions.PathAsync(provider.RegionCode, cancellationToken), provider.ContactName,
                Masking.Phone(provider.ContactPhone), [.. months.Select(m => CreditScore.Figures(m, visits, opinions, options.LateAfterMinutes))], complaints);
        }
    }
}
