using FluentValidation;
using SmartEldercare.Facilities.Complaints;

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
            var liveUpdate = FacilityLive.Update(org.RegionCode, org.Id, "complaint.registered", now);
            LiveEvent.Stage(db, liveUpdate);
            await db.SaveChangesAsync(cancellationToken);
            await live.PushAsync(liveUpdate, cancellationToken);
            return Result<Guid>.Ok(complaint.Id);
        }
    }
}
