using FluentValidation;
using Mediator;
using Microsoft.Extensions.Localization;
using SmartEldercare.Emergency.Alarms;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Localization;

namespace SmartEldercare.Emergency.Features.Alarms;

public static class AcknowledgeAlarm
{
    public sealed record Command(Guid AlarmId, string? Note = null) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.EmergencyRespond;
    }

    public sealed class Handler(AlarmChange change, ICurrentUser user) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            await change.ApplyAsync(command.AlarmId, "acknowledged", (a, now) => a.Acknowledge(user.DisplayName, now, command.Note), cancellationToken);
    }
}

/// <summary>Sends a responder (by default the one acting: "I'm going").</summary>
public static class DispatchAlarm
{
    public sealed record Command(Guid AlarmId, Guid? ResponderId = null, string? ResponderName = null, string? Note = null) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.EmergencyRespond;
    }

    public sealed class Handler(AlarmChange change, ICurrentUser user) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            await change.ApplyAsync(command.AlarmId, "dispatched",
                (a, now) => a.Dispatch(command.ResponderId ?? user.Id, command.ResponderId is null ? user.DisplayName : command.ResponderName ?? "-", user.DisplayName, now, command.Note),
                cancellationToken);
    }
}

public static class ArriveOnScene
{
    public sealed record Command(Guid AlarmId, string? Note = null) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.EmergencyRespond;
    }

    public sealed class Handler(AlarmChange change, ICurrentUser user) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            await change.ApplyAsync(command.AlarmId, "onscene", (a, now) => a.ArriveOnScene(user.DisplayName, now, command.Note), cancellationToken);
    }
}

public static class ResolveAlarm
{
    public sealed record Command(Guid AlarmId, AlarmOutcome Outcome, string? Note = null) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.EmergencyRespond;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Outcome).IsInEnum().WithMessage(l["Validation.Choice"]);
            RuleFor(c => c.Note).MaximumLength(Alarm.NoteMaxLength).WithMessage(l["Validation.MaxLength", Alarm.NoteMaxLength]);
        }
    }

    public sealed class Handler(AlarmChange change, ICurrentUser user) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            await change.ApplyAsync(command.AlarmId, "resolved", (a, now) => a.Resolve(command.Outcome, user.DisplayName, now, command.Note), cancellationToken);
    }
}

public static class CancelAlarm
{
    public sealed record Command(Guid AlarmId, string Note) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.EmergencyRespond;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l) =>
            RuleFor(c => c.Note).MaximumLength(Alarm.NoteMaxLength).WithMessage(l["Validation.MaxLength", Alarm.NoteMaxLength]);
    }

    public sealed class Handler(AlarmChange change, ICurrentUser user) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            await change.ApplyAsync(command.AlarmId, "cancelled", (a, now) => a.Cancel(user.DisplayName, now, command.Note), cancellationToken);
    }
}
