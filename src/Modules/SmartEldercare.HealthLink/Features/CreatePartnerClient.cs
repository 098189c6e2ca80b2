using FluentValidation;
using SmartEldercare.HealthLink.Partners;

namespace SmartEldercare.HealthLink.Features;

/// <summary>
/// Registers a partner system with what it is granted (event types it may post, feeds it may read) and the region
/// whose elders it concerns (null: the whole district); answers its secret, shown this once.
/// </summary>
public static partial class CreatePartnerClient
{
    public sealed record Command(string ClientId, string Name, PartnerCapabilities Capabilities = PartnerCapabilities.All, string? RegionCode = null)
        : RequiresPermission(Permissions.HealthLinkAdmin), ICommand<Result<string>>;

    public sealed partial class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.ClientId).NotEmpty().WithMessage(l["HealthLink.Partners.Required"])
                .MaximumLength(PartnerClient.ClientIdMaxLength).WithMessage(l["Validation.MaxLength", PartnerClient.ClientIdMaxLength])
                .Matches(ClientIdPattern()).WithMessage(l["HealthLink.Partners.ClientIdFormat"]);
            RuleFor(c => c.Name).NotEmpty().WithMessage(l["HealthLink.Partners.Required"])
                .MaximumLength(PartnerClient.NameMaxLength).WithMessage(l["Validation.MaxLength", PartnerClient.NameMaxLength]);
            RuleFor(c => c.Capabilities).Must(c => c != PartnerCapabilities.None && (c & ~PartnerCapabilities.All) == 0).WithMessage(l["HealthLink.Partners.Capabilities"]);
        }

        [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
        private static partial System.Text.RegularExpressions.Regex ClientIdPattern();
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, RegionDirectory regions, ICurrentUser user, TimeProvider clock, IStringLocalizer<Strings> l)
        : ICommandHandler<Command, Result<string>>
    {
        public async ValueTask<Result<string>> Handle(Command command, CancellationToken cancellationToken)
        {
            var region = string.IsNullOrWhiteSpace(command.RegionCode) ? null : command.RegionCode.Trim();
            if (region is not null && (await regions.FindAsync(region, cancellationToken) is null || !RegionScope.Contains(user.RegionCode, region)))
            {
                return Result.Invalid(nameof(Command.RegionCode), l["Regions.Unknown"]).As<string>();
            }

            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            if (await db.Set<PartnerClient>().AnyAsync(c => c.ClientId == command.ClientId, cancellationToken))
            {
                return Result.Invalid(nameof(Command.ClientId), l["HealthLink.Partners.Duplicate"]).As<string>();
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var client = new PartnerClient { ClientId = command.ClientId, Name = command.Name.Trim(), Capabilities = command.Capabilities, RegionCode = region, CreatedAtUtc = now };
            var secret = client.NewSecret(now);
            db.Add(client);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                return Result.Invalid(nameof(Command.ClientId), l["HealthLink.Partners.Duplicate"]).As<string>();
            }

            return secret;
        }
    }
}
