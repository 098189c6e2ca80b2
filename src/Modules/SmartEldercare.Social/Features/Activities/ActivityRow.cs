using SmartEldercare.Social.Activities;

namespace SmartEldercare.Social.Features.Activities;

public sealed record ActivityRow(
    Guid Id, string Title, ActivityKind Kind, ActivityTrack Track, string RegionCode, string RegionName, string VenueName,
    int Capacity, int Enrolled, int Waiting, DateTime? NextSessionUtc, int Sessions);
