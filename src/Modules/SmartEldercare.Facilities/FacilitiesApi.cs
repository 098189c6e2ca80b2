using Microsoft.AspNetCore.Mvc;
using SmartEldercare.Facilities.Beds;
using SmartEldercare.Facilities.Features.Beds;
using SmartEldercare.Facilities.Features.Board;
using SmartEldercare.Facilities.Features.Complaints;
using SmartEldercare.Facilities.Features.Inspections;
using SmartEldercare.Facilities.Features.Institutions;
using SmartEldercare.Facilities.Features.Staff;
using SmartEldercare.Facilities.Staff;

namespace SmartEldercare.Facilities;

public static class FacilitiesApi
{
    /// <summary>Evidence travels base64 in JSON: 5 files of 10 MB would not fit, but one does, with room.</summary>
    private const long UploadBodyLimit = 16 * 1024 * 1024;

    /// <summary>Staff endpoints (bearer token) under <c>/api/v1/facilities</c>: the board, institutions, beds, staff, inspections, hazards, complaints.</summary>
    public static void MapFacilitiesApi(this RouteGroupBuilder api)
    {
        var f = api.MapGroup("/facilities").WithTags("Facilities");
        f.MapGet("/", async (IMediator mediator, CancellationToken ct, [FromQuery] string? street, [FromQuery] string? search, [FromQuery] BoardSort sort = BoardSort.Risk,
                [FromQuery] bool attentionOnly = false, [FromQuery] int page = 1, [FromQuery] int pageSize = 50) =>
                TypedResults.Ok(await mediator.Send(new GetSupervisionBoard.Query(street, search, sort, attentionOnly, page, pageSize), ct)))
            .WithSummary("The supervision board: institutions of the caller's scope with occupancy, staffing, hazards, alarms, last score, licence and the explained risk score");
        f.MapGet("/ranking", async (IMediator mediator, CancellationToken ct, [FromQuery] int? month) =>
                TypedResults.Ok(await mediator.Send(new GetMonthlyRanking.Query(month), ct)))
            .WithSummary("The month's ranking (`month=yyyyMM`, default this month) of institutions within each street");
        f.MapGet("/templates", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListTemplates.Query(ActiveOnly: false), ct)))
            .WithSummary("Checklist templates (九防, fire, food…)");
        f.MapPost("/templates", async (SaveTemplate.Command command, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(command, ct), l, id => TypedResults.Ok(new { id })))
            .WithSummary("Add (no `id`) or edit a template: `{ id, name, kind, itemsText (one item a line), active, version }`");
        f.MapGet("/care-ratios", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new GetCareRatios.Query(), ct)))
            .WithSummary("Residents per carer by care level");
        f.MapPut("/care-ratios", async (SaveCareRatios.Command command, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(command, ct), l))
            .WithSummary("Set residents per carer: `{ ratios: [{ careLevel, residentsPerCarer }] }`");

        f.MapGet("/{id:guid}", async (Guid id, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new GetInstitution.Query(id), ct), l))
            .WithSummary("One institution: profile, licence status, occupancy");
        f.MapPut("/{id:guid}/profile", async (Guid id, SaveProfile.Command command, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
            {
                command.OrganisationId = id;
                return ApiResults.From(await mediator.Send(command, ct), l);
            })
            .WithSummary("Licence, star rating, capacity, services, contact (a facility manager: their own institution only)");
        f.MapGet("/{id:guid}/beds", async (Guid id, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new GetBedBoard.Query(id), ct), l))
            .WithSummary("The bed board and occupancy");
        f.MapPost("/{id:guid}/beds", async (Guid id, CodesBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new AddBeds.Command(id, body.Codes ?? string.Empty), ct), l, n => TypedResults.Ok(new { added = n })))
            .WithSummary("Add beds: `{ codes: \"101-1, 101-2\" }`");
        f.MapPost("/beds/{bedId:guid}/admit", async (Guid bedId, Admit.Command command, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
            {
                command.BedId = bedId;
                return ApiResults.From(await mediator.Send(command, ct), l);
            })
            .WithSummary("Admit an elder of the registry, found by ID number and name together: `{ elderIdNumber, elderName, careLevel (0-4), admittedOn }`");
        f.MapPost("/beds/{bedId:guid}/discharge", async (Guid bedId, DischargeBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new Discharge.Command(bedId, body.DischargedOn, body.Reason), ct), l))
            .WithSummary("Discharge the bed's resident: `{ dischargedOn, reason }`");
        f.MapPost("/beds/{bedId:guid}/state", async (Guid bedId, StateBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new SetBedState.Command(bedId, body.State), ct), l))
            .WithSummary("Reserved/empty, or occupied/on leave/in hospital for a resident's bed");

        f.MapGet("/{id:guid}/staff", async (Guid id, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new GetRoster.Query(id), ct), l))
            .WithSummary("Staff by role with certificates, today's shifts against the carer ratio");
        f.MapPost("/{id:guid}/staff", async (Guid id, SaveStaff.Command command, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
            {
                command.OrganisationId = id;
                return ApiResults.From(await mediator.Send(command, ct), l, staffId => TypedResults.Ok(new { id = staffId }));
            })
            .WithSummary("Add (no `id`) or change a staff member");
        f.MapPost("/staff/{staffId:guid}/shifts", async (Guid staffId, ShiftBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new SetShift.Command(staffId, body.Date, body.Kind, body.OnDuty), ct), l))
            .WithSummary("On (or off) a day's day or night shift: `{ date, kind, onDuty }`");

        f.MapGet("/{id:guid}/inspections", async (Guid id, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new GetInspections.Query(id), ct), l))
            .WithSummary("Inspections and hazards of an institution");
        f.MapPost("/{id:guid}/inspections", async (Guid id, RecordInspection.Command command, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
            {
                command.OrganisationId = id;
                return ApiResults.From(await mediator.Send(command, ct), l, inspectionId => TypedResults.Created($"/api/v1/facilities/{id}/inspections", new { id = inspectionId }));
            })
            .WithMetadata(new RequestSizeLimitAttribute(UploadBodyLimit))
            .WithSummary("Record an inspection: `{ templateId, score (0-100), notes, findings: [{ checklistItem, description, risk, deadlineUtc }], evidence: [{ fileName, content (base64) }] }`");
        f.MapPost("/hazards/{hazardId:guid}/fix", async (Guid hazardId, RecordFix.Command command, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
            {
                command.HazardId = hazardId;
                return ApiResults.From(await mediator.Send(command, ct), l);
            })
            .WithMetadata(new RequestSizeLimitAttribute(UploadBodyLimit))
            .WithSummary("The institution's fix: `{ note, evidence: [{ fileName, content (base64) }] }`");
        f.MapPost("/hazards/{hazardId:guid}/review", async (Guid hazardId, ReviewBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new ReviewFix.Command(hazardId, body.Accept, body.Note, body.DeadlineUtc), ct), l))
            .WithSummary("Verify (`accept: true`) or reopen (`accept: false`, `note`, optional `deadlineUtc`) a fixed hazard");
        f.MapGet("/evidence/{evidenceId:guid}", async (Guid evidenceId, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new GetEvidence.Query(evidenceId), ct), l, file => TypedResults.File(file.Content, file.ContentType, file.FileName)))
            .WithSummary("An evidence file");

        f.MapGet("/{id:guid}/complaints", async (Guid id, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new ListComplaints.Query(id), ct), l))
            .WithSummary("Complaints of an institution (complainant's phone masked)");
        f.MapPost("/{id:guid}/complaints", async (Guid id, RegisterComplaint.Command command, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
            {
                command.OrganisationId = id;
                return ApiResults.From(await mediator.Send(command, ct), l, complaintId => TypedResults.Ok(new { id = complaintId }));
            })
            .WithSummary("Register a complaint: `{ source, referenceNumber, severity (Urgent 3 d, Serious 7 d, General 15 d), summary, complainantName, complainantPhone }`");
        f.MapPost("/complaints/{complaintId:guid}/handling", async (Guid complaintId, TextBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new RecordComplaintHandling.Command(complaintId, body.Text ?? string.Empty), ct), l))
            .WithSummary("The institution's handling: `{ text }`");
        f.MapPost("/complaints/{complaintId:guid}/close", async (Guid complaintId, TextBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new CloseComplaint.Command(complaintId, body.Text ?? string.Empty), ct), l))
            .WithSummary("Close a handled complaint with its resolution: `{ text }`");
    }

    public sealed record CodesBody(string? Codes);

    public sealed record DischargeBody(DateOnly DischargedOn, string? Reason);

    public sealed record StateBody(BedState State);

    public sealed record ShiftBody(DateOnly Date, ShiftKind Kind, bool OnDuty);

    /// <param name="Accept">True: verified; false: reopened.</param>
    /// <param name="Note">Why it is reopened.</param>
    /// <param name="DeadlineUtc">The new deadline (default by risk).</param>
    public sealed record ReviewBody(bool Accept, string? Note, DateTime? DeadlineUtc);

    public sealed record TextBody(string? Text);
}
