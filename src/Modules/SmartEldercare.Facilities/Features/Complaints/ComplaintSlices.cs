using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmartEldercare.Facilities.Complaints;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Live;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Persistence;

namespace SmartEldercare.Facilities.Features.Complaints;

/// <summary>A complaint about an institution, registered by the supervisor (e.g. from the 12345 hotline); answer within 3, 7 or 15 days by severity.</summary>
public static class RegisterComplaint
{
    public sealed class Command : ICommand<Result<Guid>>, IRequirePermission
    {
        public Guid OrganisationId { get; set; }

        public ComplaintSource Source { get; set; } = ComplaintSource.Hotline12345;

        public string? ReferenceNumber { get; set; }

        public ComplaintSeverity Severity { get; set; } = ComplaintSeverity.General;

        public string Summary { get; set; } = string.Empty;

        public string? ComplainantName { get; set; }

        public string? ComplainantPhone { get; set; }

        public string Permission => Permissions.FacilitiesInspect;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.OrganisationId).NotEmpty().WithMessage(l["Common.NotFound"]);
            RuleFor(c => c.Source).IsInEnum().WithMessage(l["Validation.Choice"]);
            RuleFor(c => c.Severity).IsInEnum().WithMessage(l["Validation.Choice"]);
            RuleFor(c => c.ReferenceNumber).MaximumLength(50).WithMessage(l["Validation.MaxLength", 50]);
            RuleFor(c => c.Summary).Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage(l["Facilities.Complaint.SummaryRequired"])
                .MaximumLength(Complaint.TextMaxLength).WithMessage(l["Validation.MaxLength", Complaint.TextMaxLength]);
            RuleFor(c => c.ComplainantName).MaximumLength(Complaint.NameMaxLength).WithMessage(l["Validation.MaxLength", Complaint.NameMaxLength]);
            RuleFor(c => c.ComplainantPhone).Must(p => PhoneNumber.IsValid(PhoneNumber.Normalize(p))).When(c => !string.IsNullOrWhiteSpace(c.ComplainantPhone)).WithMessage(l["Validation.Phone"]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, FacilityAccess access, ILiveUpdates live, TimeProvider clock) : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var org = await access.FindAsync(db, command.OrganisationId, cancellationToken);
            if (org is null)
            {
                return Result.NotFound().As<Guid>();
            }

            var now = clock.UtcNow();
            var complaint = new Complaint
            {
                OrganisationId = org.Id, RegionCode = org.RegionCode, Source = command.Source, Severity = command.Severity,
                ReferenceNumber = string.IsNullOrWhiteSpace(command.ReferenceNumber) ? null : command.ReferenceNumber.Trim(),
                Summary = command.Summary.Trim(), ComplainantName = string.IsNullOrWhiteSpace(command.ComplainantName) ? null : command.ComplainantName.Trim(),
                ComplainantPhone = string.IsNullOrWhiteSpace(command.ComplainantPhone) ? null : PhoneNumber.Normalize(command.ComplainantPhone),
                ReceivedAtUtc = now, DeadlineUtc = now + Complaint.TimeToAnswer(command.Severity),
            };
            db.Add(complaint);
            await db.SaveChangesAsync(cancellationToken);
            await live.PublishAsync(FacilityLive.Update(org.RegionCode, org.Id, "complaint.registered", now), cancellationToken);
            return Result<Guid>.Ok(complaint.Id);
        }
    }
}

/// <summary>A step of handling (the institution's answer, the action taken): appended to the complaint's record.</summary>
public static class RecordComplaintHandling
{
    public sealed record Command(Guid ComplaintId, string Text) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.FacilitiesManage;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l) =>
            RuleFor(c => c.Text).Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage(l["Facilities.Complaint.HandlingRequired"])
                .MaximumLength(Complaint.TextMaxLength).WithMessage(l["Validation.MaxLength", Complaint.TextMaxLength]);
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, FacilityAccess access, ICurrentUser user, ILiveUpdates live, TimeProvider clock, IStringLocalizer<Strings> l)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var complaint = await (await access.RecordsAsync<Complaint>(db, cancellationToken)).SingleOrDefaultAsync(c => c.Id == command.ComplaintId, cancellationToken);
            if (complaint is null)
            {
                return Result.NotFound();
            }

            var now = clock.UtcNow();
            var by = user.DisplayName.Length > 50 ? user.DisplayName[..50] : user.DisplayName;
            var outcome = complaint.RecordHandling($"{ShanghaiTime.Format(now)} {by}: {command.Text.Trim()}", by, now);
            if (!outcome.IsSuccess)
            {
                return outcome.Localized(l);
            }

            complaint.Version++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result.Conflict(l["Common.ChangedByOthers"]);
            }

            await live.PublishAsync(FacilityLive.Update(complaint.RegionCode, complaint.OrganisationId, "complaint.handled", now), cancellationToken);
            return Result.Ok();
        }
    }
}

/// <summary>The supervisor closes a handled complaint with its resolution.</summary>
public static class CloseComplaint
{
    public sealed record Command(Guid ComplaintId, string Resolution) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.FacilitiesInspect;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l) =>
            RuleFor(c => c.Resolution).Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage(l["Facilities.Complaint.ResolutionRequired"])
                .MaximumLength(Complaint.TextMaxLength).WithMessage(l["Validation.MaxLength", Complaint.TextMaxLength]);
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, FacilityAccess access, ILiveUpdates live, TimeProvider clock, IStringLocalizer<Strings> l)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var complaint = await (await access.RecordsAsync<Complaint>(db, cancellationToken)).SingleOrDefaultAsync(c => c.Id == command.ComplaintId, cancellationToken);
            if (complaint is null)
            {
                return Result.NotFound();
            }

            var now = clock.UtcNow();
            var outcome = complaint.Close(command.Resolution.Trim(), now);
            if (!outcome.IsSuccess)
            {
                return outcome.Localized(l);
            }

            complaint.Version++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result.Conflict(l["Common.ChangedByOthers"]);
            }

            await live.PublishAsync(FacilityLive.Update(complaint.RegionCode, complaint.OrganisationId, "complaint.closed", now), cancellationToken);
            return Result.Ok();
        }
    }
}

public sealed record ComplaintItem(Guid Id, ComplaintSource Source, string? ReferenceNumber, ComplaintSeverity Severity, string Summary, string? ComplainantName,
    string MaskedPhone, DateTime ReceivedAtUtc, DateTime DeadlineUtc, ComplaintStatus Status, bool Overdue, string? Handling, string? Resolution, DateTime? ClosedAtUtc);

/// <summary>An institution's complaints, open first; the complainant's phone masked.</summary>
public static class ListComplaints
{
    public sealed record Query(Guid OrganisationId) : IQuery<Result<IReadOnlyList<ComplaintItem>>>, IRequirePermission
    {
        public string Permission => Permissions.FacilitiesRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, FacilityAccess access, TimeProvider clock) : IQueryHandler<Query, Result<IReadOnlyList<ComplaintItem>>>
    {
        public async ValueTask<Result<IReadOnlyList<ComplaintItem>>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            if (await access.FindAsync(db, query.OrganisationId, cancellationToken) is null)
            {
                return Result.NotFound().As<IReadOnlyList<ComplaintItem>>();
            }

            var now = clock.UtcNow();
            var list = await db.Set<Complaint>().AsNoTracking().Where(c => c.OrganisationId == query.OrganisationId)
                .OrderByDescending(c => c.ReceivedAtUtc).Take(100).ToListAsync(cancellationToken);
            return Result<IReadOnlyList<ComplaintItem>>.Ok([.. list.OrderBy(c => c.Status == ComplaintStatus.Closed).ThenBy(c => c.DeadlineUtc)
                .Select(c => new ComplaintItem(c.Id, c.Source, c.ReferenceNumber, c.Severity, c.Summary, c.ComplainantName, Masking.Phone(c.ComplainantPhone),
                    c.ReceivedAtUtc, c.DeadlineUtc, c.Status, c.IsOverdue(now), c.Handling, c.Resolution, c.ClosedAtUtc))]);
        }
    }
}
