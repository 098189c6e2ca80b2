using SmartEldercare.Welfare.Visits;

namespace SmartEldercare.Welfare.Features.Visits;

public sealed record VisitView(
    Guid Id, Guid ElderId, string ElderName, string RegionCode, string RegionName, RiskTier Tier, VisitReason Reason, DateOnly DueDate, string? AssignedToName,
    VisitStatus Status, DateOnly? VisitedOn, VisitMode? Mode, Wellbeing? Health, Wellbeing? Mood, Wellbeing? HomeSafety, string? Needs, FollowUps FollowUps, string? Notes, string? RecordedBy);
