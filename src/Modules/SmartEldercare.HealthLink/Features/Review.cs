using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmartEldercare.HealthLink.Partners;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Features.Elders;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.HealthLink.Features;

/// <summary>A partner event as staff see it: the ID number only by its last four characters; the elder (null when unmatched).</summary>
public sealed record PartnerEventView(Guid Id, string ClientId, string EventId, PartnerEventType Type, string IdNumberMasked, Guid? ElderId, string? ElderName,
    string RegionCode, DateOnly OccurredOn, string? Facility, string? Doctor, DateOnly? EndsOn, string? Note, PartnerEventStatus Status, DateTime ReceivedAtUtc,
    string? ReviewedBy, DateTime? ReviewedAtUtc, string? ReviewNote, int Version);

/// <summary>Partner events of the caller's scope, newest first; unmatched ones only for the district's reviewers.</summary>
public static class ListPartnerEvents
{
    public const int MaxTake = 500;

    public sealed record Query(PartnerEventStatus? Status = null, PartnerEventType? Type = null, int Take = 100) : IQuery<IReadOnlyList<PartnerEventView>>, IRequirePermission
    {
        public string Permission => Permissions.HealthLinkRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<PartnerEventView>>
    {
        public async ValueTask<IReadOnlyList<PartnerEventView>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var reviewer = Permissions.Grants(user.Principal, Permissions.HealthLinkAdmin);
            var events = db.Set<PartnerEvent>().AsNoTracking();
            events = reviewer && query.Status is null or PartnerEventStatus.Unmatched or PartnerEventStatus.Dismissed
                ? events.Where(e => e.RegionCode == string.Empty || e.RegionCode.StartsWith(user.RegionCode))
                : events.InScopeOf(user);
            if (query.Status is { } status)
            {
                events = events.Where(e => e.Status == status);
            }

            if (query.Type is { } type)
            {
                events = events.Where(e => e.Type == type);
            }

            var rows = await events.OrderByDescending(e => e.ReceivedAtUtc).Take(Math.Clamp(query.Take, 1, MaxTake)).ToListAsync(cancellationToken);
            var elderIds = rows.Where(r => r.ElderId is not null).Select(r => r.ElderId!.Value).Distinct().ToList();
            var names = elderIds.Count == 0 ? new Dictionary<Guid, string>()
                : await db.Elders.AsNoTracking().Where(e => elderIds.Contains(e.Id)).Select(e => new { e.Id, e.Name }).ToDictionaryAsync(e => e.Id, e => e.Name, cancellationToken);
            return rows.Select(r => new PartnerEventView(r.Id, r.ClientId, r.EventId, r.Type, "**************" + r.IdNumberTail, r.ElderId,
                r.ElderId is { } id ? names.GetValueOrDefault(id) : null, r.RegionCode, r.OccurredOn, r.Facility, r.Doctor, r.EndsOn, r.Note, r.Status, r.ReceivedAtUtc,
                r.ReviewedBy, r.ReviewedAtUtc, r.ReviewNote, r.Version)).ToList();
        }
    }
}

/// <summary>How many death reports wait for confirmation in the caller's scope.</summary>
public static class CountAwaitingConfirmation
{
    public sealed record Query : IQuery<int>, IRequirePermission
    {
        public string Permission => Permissions.HealthLinkRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user) : IQueryHandler<Query, int>
    {
        public async ValueTask<int> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            return await db.Set<PartnerEvent>().AsNoTracking().InScopeOf(user).CountAsync(e => e.Status == PartnerEventStatus.AwaitingConfirmation, cancellationToken);
        }
    }
}

/// <summary>Village (or street) staff confirm a reported death: the elder's status changes through the platform's own workflow.</summary>
public static class ConfirmDeath
{
    public sealed record Command(Guid EventId, int Version) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.HealthLinkConfirm;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, IMediator mediator, TimeProvider clock, IStringLocalizer<Strings> l)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var report = await db.Set<PartnerEvent>().InScopeOf(user).SingleOrDefaultAsync(e => e.Id == command.EventId && e.Type == PartnerEventType.Death, cancellationToken);
            if (report is null)
            {
                return Result.NotFound();
            }

            if (report.Status != PartnerEventStatus.AwaitingConfirmation || report.Version != command.Version)
            {
                return Result.Conflict(l["HealthLink.Review.AlreadyReviewed"]);
            }

            var changed = await mediator.Send(new ChangeElderStatus.Command { Id = report.ElderId!.Value, Status = ElderStatus.Deceased, Date = report.OccurredOn }, cancellationToken);
            if (!changed.IsSuccess)
            {
                return changed;
            }

            report.Status = PartnerEventStatus.Confirmed;
            report.ReviewedBy = user.DisplayName;
            report.ReviewedAtUtc = clock.GetUtcNow().UtcDateTime;
            report.Version++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result.Conflict(l["HealthLink.Review.AlreadyReviewed"]);
            }

            return Result.Ok();
        }
    }
}

/// <summary>A reported death that staff know to be wrong (the elder is alive): closed with the reason, nothing changes.</summary>
public static class RejectDeath
{
    public sealed record Command(Guid EventId, string Note, int Version) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.HealthLinkConfirm;
    }

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

/// <summary>The district closes an unmatched event after looking into it (e.g. a non-resident), with the reason.</summary>
public static class DismissUnmatched
{
    public sealed record Command(Guid EventId, string Note, int Version) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.HealthLinkAdmin;
    }

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

internal static class Review
{
    public static async ValueTask<Result> CloseAsync(IDbContextFactory<EldercareDbContext> dbs, Func<EldercareDbContext, IQueryable<PartnerEvent>> visible, Guid eventId, int version,
        PartnerEventStatus from, PartnerEventStatus to, string note, ICurrentUser user, TimeProvider clock, IStringLocalizer<Strings> l, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var item = await visible(db).SingleOrDefaultAsync(e => e.Id == eventId, ct);
        if (item is null)
        {
            return Result.NotFound();
        }

        if (item.Status != from || item.Version != version)
        {
            return Result.Conflict(l["HealthLink.Review.AlreadyReviewed"]);
        }

        item.Status = to;
        item.ReviewNote = note.Trim();
        item.ReviewedBy = user.DisplayName;
        item.ReviewedAtUtc = clock.GetUtcNow().UtcDateTime;
        item.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(l["HealthLink.Review.AlreadyReviewed"]);
        }

        return Result.Ok();
    }
}
