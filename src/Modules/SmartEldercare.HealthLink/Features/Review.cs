using SmartEldercare.HealthLink.Partners;

namespace SmartEldercare.HealthLink.Features;

internal static class Review
{
    public static async ValueTask<Result> CloseAsync(IDbContextFactory<EldercareDbContext> dbs, Func<EldercareDbContext, IQueryable<PartnerEvent>> visible, Guid eventId, int version,
        PartnerEventStatus from, PartnerEventStatus to, string note, ICurrentUser user, TimeProvider clock, IStringLocalizer<Strings> l, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var item = await visible(db).SingleOrDefaultAsync(e => e.Id == eventId, ct);
        if (item is null)
        {
            return Result.NotFound();
        }

        if (item.Status != from || item.Version != version)
        {
            return Result.Conflict(l["HealthLink.Review.AlreadyReviewed"]);
        }

        item.Status = to;
        item.ReviewNote = note.Trim();
        item.ReviewedBy = user.DisplayName;
        item.ReviewedAtUtc = clock.GetUtcNow().UtcDateTime;
        item.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(l["HealthLink.Review.AlreadyReviewed"]);
        }

        return Result.Ok();
    }
}
