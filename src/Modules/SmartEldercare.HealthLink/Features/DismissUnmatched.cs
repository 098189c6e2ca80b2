using FluentValidation;
using SmartEldercare.HealthLink.Partners;

namespace SmartEldercare.HealthLink.Features;

/// <summary>The district closes an unmatched event after looking into it (e.g. a non-resident), with the reason.</summary>
public static class DismissUnmatched
{
    public sealed record Command(Guid EventId, string Note, int Version) : RequiresPermission(Permissions.HealthLinkAdmin), ICommand<Result>;

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
            Review.CloseAsync(dbs, db => db.Set<PartnerEvent>().Where(e => e.RegionCode == string.Empty), command.EventId, command.Version,
                PartnerEventStatus.Unmatched, PartnerEventStatus.Dismissed, command.Note, user, clock, l, cancellationToken);
    }
}
