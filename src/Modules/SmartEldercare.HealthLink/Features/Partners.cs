using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmartEldercare.HealthLink.Partners;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Persistence;

namespace SmartEldercare.HealthLink.Features;

public sealed record PartnerClientView(Guid Id, string ClientId, string Name, bool Enabled, DateTime CreatedAtUtc, DateTime? RotatedAtUtc, int Version);

public static class ListPartnerClients
{
    public sealed record Query : IQuery<IReadOnlyList<PartnerClientView>>, IRequirePermission
    {
        public string Permission => Permissions.HealthLinkAdmin;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs) : IQueryHandler<Query, IReadOnlyList<PartnerClientView>>
    {
        public async ValueTask<IReadOnlyList<PartnerClientView>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            return await db.Set<PartnerClient>().AsNoTracking().OrderBy(c => c.ClientId)
                .Select(c => new PartnerClientView(c.Id, c.ClientId, c.Name, c.Enabled, c.CreatedAtUtc, c.RotatedAtUtc, c.Version)).ToListAsync(cancellationToken);
        }
    }
}

/// <summary>Registers a partner system; answers its secret, shown this once.</summary>
public static partial class CreatePartnerClient
{
    public sealed record Command(string ClientId, string Name) : ICommand<Result<string>>, IRequirePermission
    {
        public string Permission => Permissions.HealthLinkAdmin;
    }

    public sealed partial class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.ClientId).NotEmpty().WithMessage(l["HealthLink.Partners.Required"])
                .MaximumLength(PartnerClient.ClientIdMaxLength).WithMessage(l["Validation.MaxLength", PartnerClient.ClientIdMaxLength])
                .Matches(ClientIdPattern()).WithMessage(l["HealthLink.Partners.ClientIdFormat"]);
            RuleFor(c => c.Name).NotEmpty().WithMessage(l["HealthLink.Partners.Required"])
                .MaximumLength(PartnerClient.NameMaxLength).WithMessage(l["Validation.MaxLength", PartnerClient.NameMaxLength]);
        }

        [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
        private static partial System.Text.RegularExpressions.Regex ClientIdPattern();
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, TimeProvider clock, IStringLocalizer<Strings> l) : ICommandHandler<Command, Result<string>>
    {
        public async ValueTask<Result<string>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            if (await db.Set<PartnerClient>().AnyAsync(c => c.ClientId == command.ClientId, cancellationToken))
            {
                return Result.Invalid(nameof(Command.ClientId), l["HealthLink.Partners.Duplicate"]).As<string>();
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var client = new PartnerClient { ClientId = command.ClientId, Name = command.Name.Trim(), CreatedAtUtc = now };
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

/// <summary>A new secret for a partner (the old one stops working at once); answers it, shown this once.</summary>
public static class RotatePartnerSecret
{
    public sealed record Command(Guid Id, int Version) : ICommand<Result<string>>, IRequirePermission
    {
        public string Permission => Permissions.HealthLinkAdmin;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, TimeProvider clock, IStringLocalizer<Strings> l) : ICommandHandler<Command, Result<string>>
    {
        public async ValueTask<Result<string>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var client = await db.Set<PartnerClient>().SingleOrDefaultAsync(c => c.Id == command.Id, cancellationToken);
            if (client is null)
            {
                return Result.NotFound().As<string>();
            }

            if (client.Version != command.Version)
            {
                return Result.Conflict(l["Common.ChangedByOthers"]).As<string>();
            }

            var secret = client.NewSecret(clock.GetUtcNow().UtcDateTime);
            client.Version++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result.Conflict(l["Common.ChangedByOthers"]).As<string>();
            }

            return secret;
        }
    }
}

/// <summary>Turns a partner off (its tokens stop working at the next request) or on again.</summary>
public static class SetPartnerEnabled
{
    public sealed record Command(Guid Id, bool Enabled, int Version) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.HealthLinkAdmin;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, IStringLocalizer<Strings> l) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var client = await db.Set<PartnerClient>().SingleOrDefaultAsync(c => c.Id == command.Id, cancellationToken);
            if (client is null)
            {
                return Result.NotFound();
            }

            if (client.Version != command.Version)
            {
                return Result.Conflict(l["Common.ChangedByOthers"]);
            }

            client.Enabled = command.Enabled;
            client.Version++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result.Conflict(l["Common.ChangedByOthers"]);
            }

            return Result.Ok();
        }
    }
}
