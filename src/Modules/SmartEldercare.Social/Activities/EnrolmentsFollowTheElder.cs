using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Social.Activities;

/// <summary>
/// An elder's enrolments (places and waiting-list numbers) move with the elder: the new village's staff see and change
/// them. Attendance already taken and subsidised meals already eaten stay with the village and canteen where they were
/// recorded (a canteen's statement of a closed month does not change).
/// </summary>
internal sealed class EnrolmentsFollowTheElder : IElderRecordsFollow
{
    public Task FollowAsync(EldercareDbContext db, ElderMove move, CancellationToken ct) =>
        db.Set<Enrolment>().Where(e => e.ElderId == move.ElderId && e.RegionCode == move.FromRegionCode && e.Status != EnrolmentStatus.Withdrawn)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.RegionCode, move.ToRegionCode), ct);
}
