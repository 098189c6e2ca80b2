using FluentValidation;
using SmartEldercare.Platform.Reporting;
using SmartEldercare.Reports.Generation;
using SmartEldercare.Reports.Runs;

namespace SmartEldercare.Reports.Features;

/// <summary>Requests a monthly report; generated in the background (202 + the run's id), progress shown live.</summary>
public static class RequestReport
{
    /// <param name="Kind"><c>overall</c> or a scenario key (<c>facilities</c>, <c>welfare</c>, <c>homeservice</c>, <c>social</c>, <c>emergency</c>, <c>card</c>).</param>
    /// <param name="Month">yyyyMM; only closed months (before the current Asia/Shanghai month).</param>
    /// <param name="RegionCode">The scope; the user's own when empty; must lie within the user's scope.</param>
    public sealed record Command(string Kind, int Month, string? RegionCode = null) : ICommand<Result<Guid>>, IRequirePermission, IAuditDetail
    {
        public string Permission => Permissions.ReportsGenerate;

        public string AuditDetail => $"{Kind} {Month} {RegionCode}";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l, ReportGenerator generator, TimeProvider clock)
        {
            RuleFor(c => c.Kind).Must(generator.IsKind).WithMessage(l["Reports.Kind.Unknown"]);
            RuleFor(c => c.Month).Must(m => ReportMonth.TryParse(m, out _)).WithMessage(l["Reports.Month.Invalid"])
                .Must(m => m < ReportMonth.Of(clock.Today()).Number).WithMessage(l["Reports.Month.NotClosed"]);
            RuleFor(c => c.RegionCode).Must(c => c is null || (c.Length is 6 or 9 or 12 && c.All(char.IsAsciiDigit))).WithMessage(l["Reports.Scope.Unknown"]);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, ReportQueue queue, TimeProvider clock, IStringLocalizer<Strings> l)
        : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            var scope = string.IsNullOrEmpty(command.RegionCode) ? user.RegionCode : command.RegionCode;
            if (!RegionScope.Contains(user.RegionCode, scope))
            {
                throw new ForbiddenException("reports.scope");
            }

            if (await regions.FindAsync(scope, cancellationToken) is null)
            {
                return Result.Invalid(nameof(Command.RegionCode), l["Reports.Scope.Unknown"]).As<Guid>();
            }

            var now = clock.UtcNow();
            var run = new ReportRun
            {
                Kind = command.Kind, Month = command.Month, RegionCode = scope, RequestedBy = user.UserName, RequestedById = user.Id,
                Status = ReportRunStatus.Queued, CreatedAtUtc = now, UpdatedAtUtc = now,
            };
            await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
            {
                db.Set<ReportRun>().Add(run);
                await db.SaveChangesAsync(cancellationToken);
            }

            queue.Wake();
            return Result<Guid>.Ok(run.Id);
        }
    }
}
