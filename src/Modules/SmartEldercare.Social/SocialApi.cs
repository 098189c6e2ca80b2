using Microsoft.AspNetCore.Mvc;
using SmartEldercare.Social.Activities;
using SmartEldercare.Social.Circle;
using SmartEldercare.Social.Features.Activities;
using SmartEldercare.Social.Canteens;
using SmartEldercare.Social.Features.Canteens;
using SmartEldercare.Social.Features.Charities;
using SmartEldercare.Social.Features.Circle;
using SmartEldercare.Social.Features.Volunteers;

namespace SmartEldercare.Social;

public static class SocialApi
{
    /// <summary>Staff endpoints (bearer token) under <c>/api/v1/social</c>: classes and events, the service circle, volunteers and the time bank.</summary>
    public static void MapSocialApi(this RouteGroupBuilder api)
    {
        var social = api.MapGroup("/social").WithTags("Social");

        var activities = social.MapGroup("/activities");
        activities.MapGet("/", async (IMediator mediator, CancellationToken ct, [FromQuery] ActivityTrack? track, [FromQuery] bool? digital) =>
                TypedResults.Ok(await mediator.Send(new ListActivities.Query(track, digital ?? false), ct)))
            .WithSummary("Classes and events the caller's scope sees (`track`, or `digital=true` for the digital-skills track)");
        activities.MapPost("/", async (CreateActivity.Command command, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(command, ct), l, id => TypedResults.Ok(new { id })))
            .WithSummary("Plan a class or event: `{ title, kind, track, regionCode, venueId | venueName, capacity, firstSession, durationMinutes, sessions }` (weekly sessions)");
        activities.MapGet("/{id:guid}", async (Guid id, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new GetActivity.Query(id), ct), l))
            .WithSummary("One activity with its sessions and the caller's scope's enrolments and attendance");
        activities.MapPost("/{id:guid}/enrolments", async (Guid id, EnrolBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new Enrol.Command(id, body.ElderId), ct), l, status => TypedResults.Ok(new { status })))
            .WithSummary("Enrol an elder `{ elderId }`: `Enrolled` while places are free, else `Waiting` (never over capacity)");
        activities.MapPost("/enrolments/{id:guid}/withdraw", async (Guid id, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new Withdraw.Command(id), ct), l))
            .WithSummary("Withdraw an enrolment; a freed place goes to the first on the waiting list");
        activities.MapPost("/sessions/{id:guid}/attendance", async (Guid id, EnrolBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new RecordAttendance.Command(id, body.ElderId), ct), l))
            .WithSummary("Record that an enrolled elder `{ elderId }` attended a session (409 when not enrolled)");
        social.MapGet("/digital-coverage", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new GetDigitalCoverage.Query(), ct)))
            .WithSummary("Per village: active elders and how many attended at least one digital-skills class");

        var circle = social.MapGroup("/circle");
        circle.MapGet("/", async (IMediator mediator, CancellationToken ct, [FromQuery] string? street) => TypedResults.Ok(await mediator.Send(new GetCircle.Query(street), ct)))
            .WithSummary("A street's 15-minute circle (`street`, default the first of the scope): per community the nearest resource of each type, reachable and missing types; the resources around");
        circle.MapGet("/gaps", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListCircleGaps.Query(), ct)))
            .WithSummary("Communities of the scope missing a service type within `Social:CircleMeters` (or without a point), most gaps first");
        circle.MapPut("/points/{regionCode}", async (string regionCode, PointBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new SetCommunityPoint.Command(regionCode, body.Latitude, body.Longitude), ct), l))
            .WithSummary("Set a community's point `{ latitude, longitude }` (400 outside the district's bounding box)");

        var resources = social.MapGroup("/resources");
        resources.MapGet("/", async (IMediator mediator, CancellationToken ct, [FromQuery] ResourceType? type) => TypedResults.Ok(await mediator.Send(new ListResources.Query(type), ct)))
            .WithSummary("Service resources of the scope (`type`)");
        resources.MapPost("/", async (SaveResource.Command command, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(command with { Id = null }, ct), l, id => TypedResults.Ok(new { id })))
            .WithSummary("Add a resource `{ name, type, regionCode, latitude, longitude, organisationId, address, offers }` (400 outside the district)");
        resources.MapPut("/{id:guid}", async (Guid id, SaveResource.Command command, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(command with { Id = id }, ct), l, saved => TypedResults.Ok(new { id = saved })))
            .WithSummary("Edit a resource");

        var canteens = social.MapGroup("/canteens");
        canteens.MapGet("/", async (IMediator mediator, TimeProvider clock, CancellationToken ct, [FromQuery] int? month) =>
                TypedResults.Ok(await mediator.Send(new ListCanteens.Query(month ?? YearMonth.Of(clock.Today())), ct)))
            .WithSummary("Canteens of the scope with a month's (`month=yyyyMM`) dine-in, delivery, subsidised meals and subsidy in fen");
        canteens.MapPut("/{id:guid}/days", async (Guid id, MealDayBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new RecordMealDay.Command(id, body.Date, body.DineIn, body.Delivery), ct), l))
            .WithSummary("A canteen's meals of a day `{ date, dineIn, delivery }` (again: corrected)");
        canteens.MapPost("/{id:guid}/meals", async (Guid id, MealBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new RecordSubsidisedMeal.Command(id, body.ElderId, body.Date, body.Mode), ct), l, fen => TypedResults.Ok(new { subsidyFen = fen })))
            .WithSummary("An elder's subsidised meal `{ elderId, date, mode }`: the subsidy (fen) follows the elder's key group (`Social:MealSubsidyFen`)");
        canteens.MapGet("/{id:guid}/statement", async (Guid id, IMediator mediator, TimeProvider clock, IStringLocalizer<Strings> l, CancellationToken ct, [FromQuery] int? month) =>
                ApiResults.From(await mediator.Send(new GetCanteenStatement.Query(id, month ?? YearMonth.Of(clock.Today())), ct), l))
            .WithSummary("A canteen's monthly statement: meals per day and every subsidised meal");
        canteens.MapGet("/{id:guid}/statement.xlsx", async (Guid id, IMediator mediator, TimeProvider clock, IStringLocalizer<Strings> l, CancellationToken ct, [FromQuery] int? month) =>
                ApiResults.From(await mediator.Send(new ExportCanteenStatement.Query(id, month ?? YearMonth.Of(clock.Today())), ct), l, file => TypedResults.File(file.Content, file.ContentType, file.FileName)))
            .WithSummary("The monthly statement as .xlsx");

        var charities = social.MapGroup("/charities");
        charities.MapGet("/", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListCharities.Query(), ct)))
            .WithSummary("Charities and social organisations the scope sees, with their activity totals");
        charities.MapPost("/", async (RegisterCharity.Command command, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(command, ct), l, id => TypedResults.Ok(new { id })))
            .WithSummary("Register an organisation `{ name, regionCode, offers, contactName, contactPhone }`");
        charities.MapGet("/{id:guid}", async (Guid id, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new GetCharity.Query(id), ct), l))
            .WithSummary("An organisation with its activity record");
        charities.MapPost("/{id:guid}/activities", async (Guid id, RecordCharityActivity.Command command, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(command with { CharityId = id }, ct), l, activityId => TypedResults.Ok(new { id = activityId })))
            .WithSummary("Add to its activity record `{ date, title, beneficiaries, notes }`");

        var volunteers = social.MapGroup("/volunteers");
        volunteers.MapGet("/", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListVolunteers.Query(), ct)))
            .WithSummary("Volunteers of the scope with their time-bank balance (minutes); phones masked");
        volunteers.MapPost("/", async (RegisterVolunteer.Command command, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(command, ct), l, id => TypedResults.Ok(new { id })))
            .WithSummary("Register a volunteer `{ name, phone, skills, availability, regionCode, userId }`");
        volunteers.MapGet("/leaderboard", async (IMediator mediator, CancellationToken ct, [FromQuery] int? top) => TypedResults.Ok(await mediator.Send(new GetLeaderboard.Query(top ?? 10), ct)))
            .WithSummary("Per street, the volunteers with the most confirmed minutes");
        volunteers.MapGet("/hours/pending", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListPendingHours.Query(), ct)))
            .WithSummary("Recorded hours of the scope awaiting confirmation");
        volunteers.MapPost("/hours/{id:guid}/confirm", async (Guid id, ConfirmBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new ConfirmHours.Command(id, body.Accept ?? true), ct), l))
            .WithSummary("Confirm `{ accept: true }` (earned into the time bank) or reject `{ accept: false }` recorded hours; once");
        volunteers.MapGet("/{id:guid}", async (Guid id, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new GetVolunteer.Query(id), ct), l))
            .WithSummary("A volunteer with services, the full ledger (running balance) and assignments");
        volunteers.MapPost("/{id:guid}/assignments", async (Guid id, AssignBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new AssignVolunteer.Command(id, body.ActivityId), ct), l))
            .WithSummary("Assign the volunteer to an activity `{ activityId }`");
        volunteers.MapGet("/{id:guid}/visits", async (Guid id, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new GetVolunteerVisits.Query(id), ct), l))
            .WithSummary("The welfare visits the volunteer is assigned to, and the planned ones of the volunteer's village (next 30 days) open to assign");
        volunteers.MapPost("/{id:guid}/visits", async (Guid id, VisitBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new AssignVolunteerToVisit.Command(id, body.VisitId), ct), l))
            .WithSummary("Assign the volunteer to a planned welfare visit of the scope `{ visitId }` (404 outside the scope or not planned, 409 if assigned already)");
        volunteers.MapPost("/{id:guid}/hours", async (Guid id, RecordHours.Command command, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(command with { VolunteerId = id }, ct), l, recordId => TypedResults.Ok(new { id = recordId })))
            .WithSummary("Record hours `{ description, start, end, activityId }` (Shanghai times; 400 when not positive, 409 when overlapping)");
        volunteers.MapPost("/{id:guid}/redeem", async (Guid id, MinutesBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new RedeemTime.Command(id, body.Minutes, body.Note), ct), l))
            .WithSummary("Redeem `{ minutes, note }` from the balance (409 when the balance does not cover it)");
        volunteers.MapPost("/{id:guid}/transfer", async (Guid id, TransferBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new TransferTime.Command(id, body.ToVolunteerId, body.Minutes, body.Relation), ct), l))
            .WithSummary("Transfer `{ toVolunteerId, minutes, relation }` to a family member's volunteer account in the district");
    }

    /// <param name="Latitude">WGS-84 latitude.</param>
    /// <param name="Longitude">WGS-84 longitude.</param>
    public sealed record PointBody(double Latitude, double Longitude);

    /// <param name="Accept">Confirm (default) or reject.</param>
    public sealed record ConfirmBody(bool? Accept);

    /// <param name="ActivityId">The activity.</param>
    public sealed record AssignBody(Guid ActivityId);

    public sealed record VisitBody(Guid VisitId);

    /// <param name="Minutes">Whole minutes, more than zero.</param>
    /// <param name="Note">What for.</param>
    public sealed record MinutesBody(long Minutes, string? Note);

    /// <param name="ToVolunteerId">The family member's volunteer account.</param>
    /// <param name="Minutes">Whole minutes, more than zero.</param>
    /// <param name="Relation">The family relation.</param>
    public sealed record TransferBody(Guid ToVolunteerId, long Minutes, string? Relation);

    /// <param name="Date">The day.</param>
    /// <param name="DineIn">Meals eaten at the canteen.</param>
    /// <param name="Delivery">Meals delivered.</param>
    public sealed record MealDayBody(DateOnly Date, int DineIn, int Delivery);

    /// <param name="ElderId">The elder.</param>
    /// <param name="Date">The day.</param>
    /// <param name="Mode">DineIn or Delivery.</param>
    public sealed record MealBody(Guid ElderId, DateOnly Date, MealMode Mode);

    /// <param name="ElderId">The elder.</param>
    public sealed record EnrolBody(Guid ElderId);
}
