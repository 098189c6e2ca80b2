using SmartEldercare.Platform.Persistence;

namespace SmartEldercare.Platform.Elders;

/// <summary>An elder moving from one village to another (an edit of the elder's village; later an import or a merge of villages).</summary>
public sealed record ElderMove(Guid ElderId, string FromRegionCode, string ToRegionCode);

/// <summary>
/// The one contract by which a module's records that carry an elder's village (devices, cards, open orders, plans,
/// enrolments, …) follow the elder: called in the transaction that moves the elder, on its <see cref="EldercareDbContext"/>,
/// so the move and every module's records commit together or not at all. After it, the next alarm, payment or visit
/// belongs to the new village, and the old village's staff no longer see them. A module moves only its rows that were
/// in the elder's old village (a facility's device stays with the facility) and leaves settled history where it
/// happened (a verified order, a statement's lines); it says which in its page under docs/modules.
/// </summary>
public interface IElderRecordsFollow
{
    Task FollowAsync(EldercareDbContext db, ElderMove move, CancellationToken ct);
}
