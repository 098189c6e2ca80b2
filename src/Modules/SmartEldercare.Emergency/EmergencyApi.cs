using Microsoft.AspNetCore.Mvc;
using SmartEldercare.Emergency.Alarms;
using SmartEldercare.Emergency.Features.Alarms;
using SmartEldercare.Emergency.Features.Devices;

namespace SmartEldercare.Emergency;

public static class EmergencyApi
{
    /// <summary>Staff endpoints (bearer token): the alarm queue, one alarm, and its transitions.</summary>
    public static void MapEmergencyApi(this RouteGroupBuilder api)
    {
        api.MapDeviceApi();
        var alarms = api.MapGroup("/alarms").WithTags("Alarms");
        alarms.MapGet("/", async (IMediator mediator, CancellationToken ct, [FromQuery] bool mine = false) =>
                TypedResults.Ok(await mediator.Send(new GetAlarmQueue.Query(mine), ct)))
            .WithSummary("Open alarms of the caller's scope: unanswered and most urgent first");
        alarms.MapGet("/{id:guid}", async (Guid id, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new GetAlarm.Query(id), ct), l))
            .WithSummary("One alarm with its timeline and the elder's card (masked)");
        alarms.MapPost("/", async (RaiseAlarm.Command command, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(command, ct), l, id => TypedResults.Created($"/api/v1/alarms/{id}", new { id })))
            .WithSummary("Raise an alarm by hand (e.g. an elder phoned)");
        alarms.MapPost("/{id:guid}/acknowledge", async (Guid id, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
            ApiResults.From(await mediator.Send(new AcknowledgeAlarm.Command(id), ct), l));
        alarms.MapPost("/{id:guid}/dispatch", async (Guid id, DispatchBody? body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
            ApiResults.From(await mediator.Send(new DispatchAlarm.Command(id, body?.ResponderId, body?.Note), ct), l))
            .WithSummary("Send a responder (`responderId`, see /responders), or without a body take the alarm yourself");
        alarms.MapGet("/{id:guid}/responders", async (Guid id, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
            ApiResults.From(await mediator.Send(new ListResponders.Query(id), ct), l)).WithSummary("Who can be sent to the alarm");
        alarms.MapPost("/{id:guid}/on-scene", async (Guid id, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
            ApiResults.From(await mediator.Send(new ArriveOnScene.Command(id), ct), l));
        alarms.MapPost("/{id:guid}/resolve", async (Guid id, ResolveBody body, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
            ApiResults.From(await mediator.Send(new ResolveAlarm.Command(id, body.Outcome, body.Note), ct), l));
    }

    /// <summary>Device management for installers and integrations: the secret is in the answer once, never again.</summary>
    public static void MapDeviceApi(this RouteGroupBuilder api)
    {
        var devices = api.MapGroup("/devices").WithTags("Devices");
        devices.MapGet("/", async (IMediator mediator, CancellationToken ct, [FromQuery] DeviceHealth? health, [FromQuery] string? code, [FromQuery] int page = 1, [FromQuery] int pageSize = 20) =>
                TypedResults.Ok(await mediator.Send(new ListDevices.Query(health, code, page, pageSize), ct)))
            .WithSummary("Devices of the caller's scope with their health and the scope's health counts");
        devices.MapPost("/", async (RegisterDevice.Command command, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(command, ct), l, secret => TypedResults.Created($"/api/v1/devices/{secret.Id}", secret)))
            .WithSummary("Register a device bound to an elder or an institution; answers its secret (shown once)");
        devices.MapPost("/{id:guid}/rotate-secret", async (Guid id, IMediator mediator, IStringLocalizer<Strings> l, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new RotateDeviceSecret.Command(id), ct), l))
            .WithSummary("A new secret for the device (the old one stops working at once)");
    }

    /// <param name="ResponderId">The person sent (one of the alarm's responders); empty: the caller.</param>
    /// <param name="Note">For the timeline.</param>
    public sealed record DispatchBody(Guid? ResponderId, string? Note);

    /// <param name="Outcome">How it ended.</param>
    /// <param name="Note">What happened (required for Other).</param>
    public sealed record ResolveBody(AlarmOutcome Outcome, string? Note);
}
