using FluentValidation;
using SmartEldercare.HomeService.Orders;

namespace SmartEldercare.HomeService.Features.Providers;

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
