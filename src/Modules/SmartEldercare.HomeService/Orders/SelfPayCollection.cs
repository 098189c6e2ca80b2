using Microsoft.Extensions.Logging;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.HomeService.Orders;

/// <summary>
/// Takes the self-paid part of verified visits from the elders' service cards and records the answer on the order.
/// Verification asks at once; a crash or a database blip in between leaves the order <see cref="SelfPayStatus.Due"/>,
/// and a card that was short is <see cref="SelfPayStatus.Insufficient"/>: the background run asks again (the card's
/// ledger makes a second ask for the same order a no-op), so a verified visit is either paid or shows why not.
/// </summary>
public sealed class SelfPayCollection(IDbContextFactory<EldercareDbContext> dbs, IEnumerable<IServiceCardCharges> cards, HomeServiceOptions options, TimeProvider clock,
    ILogger<SelfPayCollection> logger)
{
    /// <summary>Asks the card for one order's self-paid part (if still to collect) and records the answer.</summary>
    public async Task<SelfPayStatus> CollectAsync(Guid orderId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var order = await db.Set<ServiceOrder>().AsNoTracking().Where(o => o.Id == orderId)
            .Select(o => new { o.ElderId, o.ProviderId, o.SelfPayAmount, o.SelfPay }).SingleOrDefaultAsync(ct);
        if (order is null || order.SelfPay is not (SelfPayStatus.Due or SelfPayStatus.Insufficient or SelfPayStatus.NoCard) || order.ProviderId is not { } provider)
        {
            return order?.SelfPay ?? SelfPayStatus.NotDue;
        }

        var status = SelfPayStatus.NoCard;
        foreach (var card in cards)
        {
            status = await card.ChargeVerifiedVisitAsync(orderId, order.ElderId, provider, order.SelfPayAmount, "居家服务自付", ct) switch
            {
                CardChargeOutcome.Charged or CardChargeOutcome.AlreadyCharged => SelfPayStatus.Charged,
                CardChargeOutcome.Insufficient => SelfPayStatus.Insufficient,
                CardChargeOutcome.NothingToCharge => SelfPayStatus.NotDue,
                _ => SelfPayStatus.NoCard,
            };
        }

        var now = clock.UtcNow();
        await db.Set<ServiceOrder>().Where(o => o.Id == orderId)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.SelfPay, status).SetProperty(o => o.SelfPayCheckedAtUtc, now), ct);
        return status;
    }

    /// <summary>
    /// One background round: orders left due (asked more than a minute ago or never), and orders without a card or
    /// with a short card last asked more than <see cref="HomeServiceOptions.SelfPayRetryMinutes"/> ago. Answers how
    /// many it asked about.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.UtcNow();
        var (dueBefore, retryBefore) = (now.AddMinutes(-1), now.AddMinutes(-Math.Max(1, options.SelfPayRetryMinutes)));
        List<Guid> ids;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            ids = await db.Set<ServiceOrder>().AsNoTracking()
                .Where(o => (o.SelfPay == SelfPayStatus.Due && (o.SelfPayCheckedAtUtc == null || o.SelfPayCheckedAtUtc < dueBefore) && o.VerifiedAtUtc < dueBefore)
                    || ((o.SelfPay == SelfPayStatus.Insufficient || o.SelfPay == SelfPayStatus.NoCard) && o.SelfPayCheckedAtUtc < retryBefore))
                .OrderBy(o => o.SelfPayCheckedAtUtc).Select(o => o.Id).Take(200).ToListAsync(ct);
        }

        foreach (var id in ids)
        {
            var status = await CollectAsync(id, ct);
            if (status != SelfPayStatus.Charged)
            {
                logger.LogInformation("Self-paid part of order {OrderId} not collected: {Status}", id, status);
            }
        }

        return ids.Count;
    }
}
