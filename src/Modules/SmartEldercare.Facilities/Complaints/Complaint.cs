namespace SmartEldercare.Facilities.Complaints;

public enum ComplaintSource
{
    Hotline12345, // 12345 政务服务便民热线
    Visit,
    Phone,
    Other,
}

public enum ComplaintSeverity
{
    Urgent,  // 3 days
    Serious, // 7 days
    General, // 15 days
}

public enum ComplaintStatus
{
    Open,
    Handled, // the institution recorded its handling; the supervisor closes
    Closed,
}

/// <summary>A complaint about an institution (e.g. transferred from the 12345 hotline) with a deadline by severity.</summary>
public sealed class Complaint : IVersionedFacilityRecord
{
    public const int TextMaxLength = 1000;
    public const int NameMaxLength = 50;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; init; }

    public required string RegionCode { get; init; }

    public ComplaintSource Source { get; init; }

    public string? ReferenceNumber { get; init; }

    public ComplaintSeverity Severity { get; init; }

    public required string Summary { get; init; }

    public string? ComplainantName { get; init; }

    [Microsoft.AspNetCore.Identity.ProtectedPersonalData]
    public string? ComplainantPhone { get; init; }

    public DateTime ReceivedAtUtc { get; init; }

    public DateTime DeadlineUtc { get; init; }

    public ComplaintStatus Status { get; private set; }

    public string? Handling { get; private set; }

    public string? HandledBy { get; private set; }

    public DateTime? HandledAtUtc { get; private set; }

    public string? Resolution { get; private set; }

    public DateTime? ClosedAtUtc { get; private set; }

    public int Version { get; set; }

    public static TimeSpan TimeToAnswer(ComplaintSeverity severity) => severity switch
    {
        ComplaintSeverity.Urgent => TimeSpan.FromDays(3),
        ComplaintSeverity.Serious => TimeSpan.FromDays(7),
        _ => TimeSpan.FromDays(15),
    };

    public bool IsOverdue(DateTime utcNow) => Status != ComplaintStatus.Closed && DeadlineUtc < utcNow;

    public Result RecordHandling(string text, string by, DateTime utcNow)
    {
        if (Status == ComplaintStatus.Closed)
        {
            return Result.Conflict("Facilities.Complaint.Closed");
        }

        Handling = string.IsNullOrEmpty(Handling) ? text : $"{Handling}\n{text}";
        HandledBy = by;
        HandledAtUtc = utcNow;
        Status = ComplaintStatus.Handled;
        return Result.Ok();
    }

    public Result Close(string resolution, DateTime utcNow)
    {
        if (Status != ComplaintStatus.Handled)
        {
            return Result.Conflict(Status == ComplaintStatus.Closed ? "Facilities.Complaint.Closed" : "Facilities.Complaint.NotHandled");
        }

        Resolution = resolution;
        ClosedAtUtc = utcNow;
        Status = ComplaintStatus.Closed;
        return Result.Ok();
    }
}
