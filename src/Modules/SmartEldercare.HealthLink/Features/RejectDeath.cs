using FluentValidation;
using SmartEldercare.HealthLink.Partners;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.HealthLink.Features;

/// <summary>A reported death that staff know to be wrong (the elder is alive): closed with the reason, nothing changes.</summary>
public static class RejectDeath
{
    public sealed record Command(Guid EventId, string Note, int Version) : RequiresPermission(Permissions.HealthLinkConfirm), ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Note).NotEmpty().WithMessage(l["HealthLink.Review.NoteRequired"])
                .MaximumLength(PartnerEvent.NoteMaxLength).WithMessage(l["Validation.MaxLength", PartnerEvent.NoteMaxLength]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, TimeProvider clock, IStringLocalizer<Strings> l) : ICommandHandler<Command, Result>
    {
        public ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            Review.CloseAsync(dbs, db => db.Set<PartnerEvent>().InScopeOf(user).Where(e => e.Type == PartnerEventType.Death), command.EventId, command.Version,
                PartnerEventStatus.AwaitingConfirmation, PartnerEventStatus.Rejected, command.Note, user, clock, l, cancellationToken);
    }
}
