using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.Platform.Features.Admin;

/// <summary>Creates an account (with its first password) or changes an account's name, role and region scope.</summary>
public static class SaveUser
{
    public sealed class Command : ICommand<Result<Guid>>, IRequirePermission
    {
        public Guid? Id { get; set; }

        public string UserName { get; set; } = string.Empty;

        public string DisplayName { get; set; } = string.Empty;

        public string Role { get; set; } = Roles.VillageStaff;

        public string RegionCode { get; set; } = string.Empty;

        /// <summary>Only when creating.</summary>
        public string? Password { get; set; }

        public string Permission => Permissions.Administer;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.UserName).Matches("^[A-Za-z0-9._-]{3,40}$").WithMessage(l["Users.UserName.Invalid"]);
            RuleFor(c => c.DisplayName).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(l["Users.DisplayName.Required"])
                .MaximumLength(50).WithMessage(l["Validation.MaxLength", 50]);
            RuleFor(c => c.Role).Must(r => Roles.All.Contains(r)).WithMessage(l["Validation.Choice"]);
            RuleFor(c => c.RegionCode).Must(c => Region.LevelOf(c) is not null).WithMessage(l["Regions.Unknown"]);
            RuleFor(c => c.Password).Must(p => !string.IsNullOrEmpty(p)).When(c => c.Id is null).WithMessage(l["Users.Password.Required"]);
        }
    }

    public sealed class Handler(IServiceScopeFactory scopes, ICurrentUser user, RegionDirectory regions, IStringLocalizer<Strings> l)
        : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            if (await regions.FindAsync(command.RegionCode, cancellationToken) is null)
            {
                return Result.Invalid(nameof(Command.RegionCode), l["Regions.Unknown"]).As<Guid>();
            }

            if (!RegionScope.Contains(user.RegionCode, command.RegionCode))
            {
                return Result.Invalid(nameof(Command.RegionCode), l["Regions.OutsideScope"]).As<Guid>();
            }

            // A scope of its own per operation: UserManager holds a DbContext, which must not live as long as a circuit.
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            AppUser account;
            if (command.Id is { } id)
            {
                var found = await users.FindInScopeAsync(user, id);
                if (found is null)
                {
                    return Result.NotFound().As<Guid>();
                }

                account = found;
                account.DisplayName = command.DisplayName.Trim();
                account.RegionCode = command.RegionCode;
                var updated = await users.UpdateAsync(account);
                if (!updated.Succeeded)
                {
                    return Invalid(updated, nameof(Command.UserName));
                }

                foreach (var old in (await users.GetRolesAsync(account)).Where(r => r != command.Role))
                {
                    await users.RemoveFromRoleAsync(account, old);
                }

                // New scope or role: sessions re-validate within a minute and pick them up.
                await users.UpdateSecurityStampAsync(account);
            }
            else
            {
                if (await users.FindByNameAsync(command.UserName.Trim()) is not null)
                {
                    return Result.Invalid(nameof(Command.UserName), l["Users.UserName.Taken"]).As<Guid>();
                }

                account = new AppUser { UserName = command.UserName.Trim(), DisplayName = command.DisplayName.Trim(), RegionCode = command.RegionCode };
                var created = await users.CreateAsync(account, command.Password!);
                if (!created.Succeeded)
                {
                    return Invalid(created, nameof(Command.Password));
                }
            }

            if (!await users.IsInRoleAsync(account, command.Role))
            {
                await users.AddToRoleAsync(account, command.Role);
            }

            return Result<Guid>.Ok(account.Id);
        }

        private Result<Guid> Invalid(IdentityResult result, string field) =>
            Result.Invalid(field, result.Errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal)) ? l["Users.Password.Weak"] : l["Users.UserName.Taken"]).As<Guid>();
    }
}
