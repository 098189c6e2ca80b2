using FluentValidation;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Live;
using SmartEldercare.Welfare.Watch;

namespace SmartEldercare.Welfare.Features.Watch;

/// <summary>Village staff went (or called) and the elder is well: the check is done before it escalates.</summary>
public static class CompleteWelfareCheck
{
    public sealed record Command(Guid Id, string? Note) : RequiresPermission(Permissions.WelfareCare), ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l) => RuleFor(c => c.Note).MaximumLength(WelfareCheck.NoteMaxLength).WithMessage(l["Validation.MaxLength", WelfareCheck.NoteMaxLength]);
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, ILiveUpdates live, TimeProvider clock, IStringLocalizer<Strings> l) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var check = await db.Set<WelfareCheck>().InScopeOf(user).SingleOrDefaultAsync(c => c.Id == command.Id, cancellationToken);
            if (check is null)
            {
                return Result.NotFound();
            }

            var now = clock.UtcNow();
            var done = check.Complete(user.DisplayName, string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim(), now);
            if (!done.IsSuccess)
            {
                return done.Localized(l);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result.Conflict(l["Welfare.Watch.AlreadyEscalated"]);
            }

            await live.PublishAsync(new LiveUpdate(Guid.CreateVersion7(), check.RegionCode, "welfare.check.done", check.Id.ToString(), now), cancellationToken);
            return Result.Ok();
        }
    }
}
