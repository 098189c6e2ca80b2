using SmartEldercare.HomeService.Catalogue;
using SmartEldercare.HomeService.Entitlements;

namespace SmartEldercare.HomeService.Orders;

/// <summary>The self-paid part of a verified visit, as the elder's service card answered.</summary>
public enum SelfPayStatus
{
    /// <summary>Nothing to collect (fully subsidised, or not verified yet).</summary>
    NotDue,

    /// <summary>Verified with a self-paid part not yet taken from the card.</summary>
    Due,

    Charged,

    /// <summary>The elder has no active card: the street collects it otherwise.</summary>
    NoCard,

    /// <summary>The card's own balance was short: tried again until it is topped up.</summary>
    Insufficient,
}

public enum OrderStatus
{
    Requested,
    Dispatched,
    Assigned,
    CheckedIn,
    CheckedOut,
    Verified,
    Cancelled,
    Missed,
}

/// <summary>What supervision noticed about a visit (kept after the fact: a corrected visit keeps its flags).</summary>
[Flags]
public enum VisitFlags
{
    None = 0,
    Late = 1,
    Missed = 2,
    FarCheckIn = 4,
    Overlap = 8,
    DuringHospitalStay = 16,
    TooShort = 32,
    TooLong = 64,
    Corrected = 128,
}

public enum CheckInMethod
{
    Location,
    QrCode,
}

/// <summary>Why a visit ran more than the tolerance shorter or longer than the standard.</summary>
public enum DurationReason
{
    ElderRequest,
    ElderUnwell,
    MoreTasks,
    FewerTasks,
    AccessProblem,
    Other,
}

/// <summary>Why a visit record was corrected by staff.</summary>
public enum CorrectionReason
{
    DeviceProblem,
    WorkerForgot,
    WrongTimeRecorded,
    ElderConfirmed,
    Other,
}

/// <summary>
/// One home-service order from request to verification: the six facts of a visit (service, recipient, date,
/// location, worker, start and end) with every step's time and actor. Each transition is a rule here; the handler
/// orchestrates. <see cref="Version"/> is the concurrency token: of two dispatchers at once, one wins.
/// </summary>
public sealed class ServiceOrder : IRegionScoped
{
    public const int NoteMaxLength = 500;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid ElderId { get; init; }

    /// <summary>The elder's village: the order's scope.</summary>
    public string RegionCode { get; init; } = string.Empty;

    public Guid ItemId { get; init; }

    public ServiceCategory Category { get; init; }

    public int Quantity { get; init; } = 1;

    public DateTime WindowStartUtc { get; private set; }

    public DateTime WindowEndUtc { get; private set; }

    /// <summary>yyyyMM of the window's Shanghai date: the entitlement month and the settlement month.</summary>
    public int Month { get; private set; }

    public DateOnly ServiceDate { get; private set; }

    public string? Note { get; init; }

    /// <summary>The elder (or family) agreed to pay what the entitlement does not cover.</summary>
    public bool SelfPayConsent { get; init; }

    public Guid? PlanId { get; init; }

    public Guid? ProviderId { get; private set; }

    /// <summary>The provider's price per unit when dispatched (fen).</summary>
    public long? UnitPrice { get; private set; }

    public Guid? WorkerId { get; private set; }

    public string? WorkerName { get; private set; }

    public OrderStatus Status { get; private set; }

    public DateTime RequestedAtUtc { get; init; }

    public string RequestedBy { get; init; } = string.Empty;

    public DateTime? DispatchedAtUtc { get; private set; }

    public string? DispatchedBy { get; private set; }

    public DateTime? AssignedAtUtc { get; private set; }

    public DateTime? CheckedInAtUtc { get; private set; }

    public CheckInMethod? CheckInMethod { get; private set; }

    /// <summary>Metres between the reported position and the home (null for a QR check-in).</summary>
    public int? CheckInDistanceMeters { get; private set; }

    public DateTime? CheckedOutAtUtc { get; private set; }

    public DurationReason? DurationReason { get; private set; }

    public string? DurationNote { get; private set; }

    /// <summary>The checklist tasks done, one per line.</summary>
    public string? TasksDone { get; private set; }

    public string? WorkerNotes { get; private set; }

    public DateTime? VerifiedAtUtc { get; private set; }

    public string? VerifiedBy { get; private set; }

    public DateTime? ClosedAtUtc { get; private set; }

    /// <summary>A missed order was re-dispatched as a new order or closed by staff: it leaves the board.</summary>
    public bool MissedHandled { get; private set; }

    public Guid? ReplacedByOrderId { get; private set; }

    public VisitFlags Flags { get; private set; }

    public int SubsidisedUnits { get; private set; }

    /// <summary>What the visit costs (fen): <see cref="SubsidyAmount"/> + <see cref="SelfPayAmount"/>.</summary>
    public long Amount { get; private set; }

    public long SubsidyAmount { get; private set; }

    public long SelfPayAmount { get; private set; }

    /// <summary>
    /// Whether the self-paid part of a verified visit was taken from the elder's card: <see cref="SelfPayStatus.Due"/> from
    /// verification (in its transaction), then what the card answered; due and insufficient ones are tried again
    /// (<see cref="SelfPayCollection"/>), so nothing verified is left unpaid without a visible reason.
    /// </summary>
    public SelfPayStatus SelfPay { get; private set; }

    /// <summary>When the card was last asked for the self-paid part.</summary>
    public DateTime? SelfPayCheckedAtUtc { get; private set; }

    public int Version { get; private set; }

    public List<OrderStep> Steps { get; private set; } = [];

    public bool IsOpen => Status is OrderStatus.Requested or OrderStatus.Dispatched or OrderStatus.Assigned or OrderStatus.CheckedIn or OrderStatus.CheckedOut;

    public bool AwaitsCheckIn => Status is OrderStatus.Requested or OrderStatus.Dispatched or OrderStatus.Assigned;

    public static ServiceOrder Request(Guid elderId, string regionCode, ServiceItem item, int quantity, DateTime startUtc, DateTime endUtc,
        bool selfPayConsent, string? note, Guid? planId, string actor, DateTime utcNow)
    {
        var order = new ServiceOrder
        {
            ElderId = elderId, RegionCode = regionCode, ItemId = item.Id, Category = item.Category, Quantity = quantity,
            SelfPayConsent = selfPayConsent, Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), PlanId = planId,
            RequestedAtUtc = utcNow, RequestedBy = actor,
        };
        order.SetWindow(startUtc, endUtc);
        order.Step("requested", utcNow, actor, order.Note);
        return order;
    }

    /// <summary>To a provider at its price (fen); again before check-in moves it to another provider (the worker is cleared).</summary>
    public Result Dispatch(Guid providerId, string providerName, long unitPrice, string actor, DateTime utcNow)
    {
        if (Status is not (OrderStatus.Requested or OrderStatus.Dispatched or OrderStatus.Assigned))
        {
            return Result.Conflict(Status == OrderStatus.Requested ? "HomeService.Order.WrongState" : "HomeService.Order.AlreadyStarted");
        }

        ProviderId = providerId;
        UnitPrice = unitPrice;
        WorkerId = null;
        WorkerName = null;
        AssignedAtUtc = null;
        Status = OrderStatus.Dispatched;
        DispatchedAtUtc = utcNow;
        DispatchedBy = actor;
        Step("dispatched", utcNow, actor, providerName);
        return Result.Ok();
    }

    /// <summary>To a worker of the dispatched provider (the dispatcher's choice, or the worker accepting).</summary>
    public Result Assign(Guid workerId, string workerName, string actor, DateTime utcNow)
    {
        if (Status is not (OrderStatus.Dispatched or OrderStatus.Assigned))
        {
            return Result.Conflict(Status == OrderStatus.Requested ? "HomeService.Order.NotDispatched" : "HomeService.Order.AlreadyStarted");
        }

        WorkerId = workerId;
        WorkerName = workerName;
        Status = OrderStatus.Assigned;
        AssignedAtUtc = utcNow;
        Step("assigned", utcNow, actor, workerName == actor ? null : workerName);
        return Result.Ok();
    }

    public Result CheckIn(Guid workerId, CheckInMethod method, int? distanceMeters, VisitFlags flags, string actor, DateTime utcNow)
    {
        if (Status is OrderStatus.CheckedIn or OrderStatus.CheckedOut or OrderStatus.Verified)
        {
            return Result.Conflict("HomeService.CheckIn.Twice");
        }

        if (Status != OrderStatus.Assigned || WorkerId != workerId)
        {
            return Result.Conflict("HomeService.Order.NotYours");
        }

        Status = OrderStatus.CheckedIn;
        CheckedInAtUtc = utcNow;
        CheckInMethod = method;
        CheckInDistanceMeters = distanceMeters;
        Flags |= flags & (VisitFlags.FarCheckIn | VisitFlags.Overlap | VisitFlags.DuringHospitalStay);
        Step("checkedin", utcNow, actor, distanceMeters is { } m ? $"{m} m" : null);
        return Result.Ok();
    }

    /// <summary>The worker leaves; a visit more than <paramref name="toleranceMinutes"/> off the item's <paramref name="standardMinutes"/> needs a reason.</summary>
    public Result CheckOut(Guid workerId, IReadOnlyList<string> tasksDone, string? notes, DurationReason? reason, string? reasonNote,
        int standardMinutes, int toleranceMinutes, string actor, DateTime utcNow)
    {
        if (Status is OrderStatus.Requested or OrderStatus.Dispatched or OrderStatus.Assigned)
        {
            return Result.Conflict("HomeService.CheckOut.BeforeCheckIn");
        }

        if (Status != OrderStatus.CheckedIn)
        {
            return Result.Conflict("HomeService.CheckOut.Twice");
        }

        if (WorkerId != workerId)
        {
            return Result.Conflict("HomeService.Order.NotYours");
        }

        var minutes = (utcNow - CheckedInAtUtc!.Value).TotalMinutes;
        var off = minutes < standardMinutes - toleranceMinutes ? VisitFlags.TooShort : minutes > standardMinutes + toleranceMinutes ? VisitFlags.TooLong : VisitFlags.None;
        if (off != VisitFlags.None && reason is null)
        {
            return Result.Invalid(nameof(DurationReason), off == VisitFlags.TooShort ? "HomeService.CheckOut.ShortReasonRequired" : "HomeService.CheckOut.LongReasonRequired");
        }

        if (reason == Orders.DurationReason.Other && string.IsNullOrWhiteSpace(reasonNote))
        {
            return Result.Invalid(nameof(DurationNote), "HomeService.CheckOut.ReasonNoteRequired");
        }

        Status = OrderStatus.CheckedOut;
        CheckedOutAtUtc = utcNow;
        Flags |= off;
        DurationReason = off == VisitFlags.None ? null : reason;
        DurationNote = off == VisitFlags.None || string.IsNullOrWhiteSpace(reasonNote) ? null : reasonNote.Trim();
        TasksDone = tasksDone.Count == 0 ? null : string.Join('\n', tasksDone);
        WorkerNotes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        Step("checkedout", utcNow, actor, WorkerNotes);
        return Result.Ok();
    }

    /// <summary>Staff confirm the visit happened: it draws the elder's balance and is priced (subsidy and self-pay).</summary>
    public Result Verify(EntitlementBalance balance, string actor, DateTime utcNow)
    {
        if (Status != OrderStatus.CheckedOut)
        {
            return Result.Conflict(Status == OrderStatus.Verified ? "HomeService.Verify.Twice" : "HomeService.Verify.NotCheckedOut");
        }

        if (balance.ElderId != ElderId || balance.Month != Month)
        {
            throw new InvalidOperationException("The balance of another elder or month.");
        }

        SubsidisedUnits = balance.Draw(Quantity);
        (Amount, SubsidyAmount, SelfPayAmount) = Split(UnitPrice ?? 0, Quantity, SubsidisedUnits, balance.SubsidyPercent);
        Status = OrderStatus.Verified;
        VerifiedAtUtc = utcNow;
        VerifiedBy = actor;
        SelfPay = SelfPayAmount > 0 && ProviderId is not null ? SelfPayStatus.Due : SelfPayStatus.NotDue;
        Step("verified", utcNow, actor, null);
        return Result.Ok();
    }

    /// <summary>
    /// The price of a visit split once, at verification, in fen: the subsidy's part is rounded to the fen (half away
    /// from zero) and self-pay is the exact remainder, so the two always add up to the amount and a month's sums never drift.
    /// </summary>
    public static (long Amount, long Subsidy, long SelfPay) Split(long unitPrice, int quantity, int subsidisedUnits, int subsidyPercent)
    {
        var amount = unitPrice * quantity;
        // Fen × units × percent is whole: the one rounding is the division by 100, half a fen away from zero.
        var hundredths = unitPrice * subsidisedUnits * subsidyPercent;
        var subsidy = Math.DivRem(hundredths, 100, out var rest);
        if (Math.Abs(rest) >= 50)
        {
            subsidy += Math.Sign(hundredths);
        }

        return (amount, subsidy, amount - subsidy);
    }

    public Result Cancel(string actor, DateTime utcNow, string? note)
    {
        if (!AwaitsCheckIn)
        {
            return Result.Conflict("HomeService.Order.AlreadyStarted");
        }

        if (string.IsNullOrWhiteSpace(note))
        {
            return Result.Invalid("Note", "HomeService.Cancel.NoteRequired");
        }

        Status = OrderStatus.Cancelled;
        ClosedAtUtc = utcNow;
        Step("cancelled", utcNow, actor, note);
        return Result.Ok();
    }

    /// <summary>No check-in some minutes after the window opened: a warning, once.</summary>
    public bool MarkLate(DateTime utcNow)
    {
        if (!AwaitsCheckIn || Flags.HasFlag(VisitFlags.Late))
        {
            return false;
        }

        Flags |= VisitFlags.Late;
        Step("late", utcNow, "system", null);
        return true;
    }

    /// <summary>Still no check-in later on: the visit is missed and the need goes back to the dispatch board.</summary>
    public bool MarkMissed(DateTime utcNow)
    {
        if (!AwaitsCheckIn)
        {
            return false;
        }

        Flags |= VisitFlags.Missed | VisitFlags.Late;
        Status = OrderStatus.Missed;
        ClosedAtUtc = utcNow;
        Step("missed", utcNow, "system", WorkerName);
        return true;
    }

    /// <summary>A missed order leaves the board: re-dispatched as <paramref name="replacement"/>, or closed with a note.</summary>
    public Result HandleMissed(Guid? replacement, string actor, DateTime utcNow, string? note)
    {
        if (Status != OrderStatus.Missed || MissedHandled)
        {
            return Result.Conflict("HomeService.Order.WrongState");
        }

        if (replacement is null && string.IsNullOrWhiteSpace(note))
        {
            return Result.Invalid("Note", "HomeService.Cancel.NoteRequired");
        }

        MissedHandled = true;
        ReplacedByOrderId = replacement;
        Step(replacement is null ? "missed.closed" : "missed.redispatched", utcNow, actor, note);
        return Result.Ok();
    }

    /// <summary>
    /// Staff correct the times of a visit record (e.g. the phone failed at the door), with a reason; the record keeps
    /// the flag, the step says what changed. A missed visit corrected with both times counts as checked out.
    /// </summary>
    public Result Correct(DateTime? checkedInUtc, DateTime? checkedOutUtc, CorrectionReason reason, string? note, string actor, DateTime utcNow)
    {
        if (Status is not (OrderStatus.CheckedIn or OrderStatus.CheckedOut or OrderStatus.Verified or OrderStatus.Missed)
            || (Status == OrderStatus.Missed && (MissedHandled || checkedInUtc is null || checkedOutUtc is null || WorkerId is null)))
        {
            return Result.Conflict("HomeService.Correct.WrongState");
        }

        if (reason == CorrectionReason.Other && string.IsNullOrWhiteSpace(note))
        {
            return Result.Invalid("Note", "HomeService.Correct.NoteRequired");
        }

        var newIn = checkedInUtc ?? CheckedInAtUtc;
        var newOut = checkedOutUtc ?? CheckedOutAtUtc;
        if (newIn is null || (newOut is { } o && o <= newIn) || newIn > utcNow || newOut > utcNow)
        {
            return Result.Invalid("CheckedOutAtUtc", "HomeService.Correct.TimesInvalid");
        }

        var before = $"{Show(CheckedInAtUtc)}–{Show(CheckedOutAtUtc)}";
        CheckedInAtUtc = newIn;
        CheckedOutAtUtc = newOut;
        if (Status == OrderStatus.Missed)
        {
            Status = OrderStatus.CheckedOut;
            ClosedAtUtc = null;
        }

        Flags |= VisitFlags.Corrected;
        Step("corrected", utcNow, actor, $"{reason}: {before} → {Show(newIn)}–{Show(newOut)}{(string.IsNullOrWhiteSpace(note) ? string.Empty : " · " + note.Trim())}");
        return Result.Ok();

        static string Show(DateTime? utc) => utc is { } u ? ShanghaiTime.Format(u)[11..] : "—";
    }

    private void SetWindow(DateTime startUtc, DateTime endUtc)
    {
        WindowStartUtc = startUtc;
        WindowEndUtc = endUtc;
        ServiceDate = DateOnly.FromDateTime(ShanghaiTime.ToLocal(startUtc));
        Month = YearMonth.Of(ServiceDate);
    }

    private void Step(string action, DateTime utcNow, string actor, string? note)
    {
        Steps.Add(new OrderStep { OrderId = Id, AtUtc = utcNow, Action = action, Actor = actor, Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim() });
        Version++;
    }
}

/// <summary>One line of an order's timeline: what happened, when, by whom, with what note.</summary>
public sealed class OrderStep
{
    public long Id { get; init; }

    public Guid OrderId { get; init; }

    public DateTime AtUtc { get; init; }

    /// <summary>requested, dispatched, assigned, checkedin, checkedout, verified, cancelled, late, missed, missed.closed, missed.redispatched, corrected, followup.</summary>
    public string Action { get; init; } = string.Empty;

    public string Actor { get; init; } = string.Empty;

    public string? Note { get; init; }
}
