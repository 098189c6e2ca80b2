using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.Platform.Features.Elders;

/// <summary>
/// Registers a new elder (no <see cref="Command.Id"/>) or edits one. Personal fields (ID number, phone, address,
/// health notes, contact phones) are write-only on edit: empty keeps the stored value, so editing never reveals it.
/// </summary>
public static class SaveElder
{
    public sealed class ContactInput
    {
        public int? Id { get; set; }

        public string Name { get; set; } = string.Empty;

        public string Relation { get; set; } = string.Empty;

        /// <summary>Required for a new contact; empty on an existing one keeps its phone.</summary>
        public string? Phone { get; set; }

        public string? MaskedPhone { get; set; }
    }

    /// <summary>Mutable so the same object backs the MudBlazor form and its validator.</summary>
    public sealed class Command : ICommand<Result<Guid>>, IRequirePermission
    {
        public Guid? Id { get; set; }

        public int? Version { get; set; }

        public string Name { get; set; } = string.Empty;

        public string? IdNumber { get; set; }

        /// <summary>Optional; when given it must agree with the ID number.</summary>
        public DateOnly? BirthDate { get; set; }

        /// <summary>Optional; when given it must agree with the ID number.</summary>
        public Gender? Gender { get; set; }

        public string? Phone { get; set; }

        public string? Address { get; set; }

        public string RegionCode { get; set; } = string.Empty;

        public LivingSituation LivingSituation { get; set; }

        public bool LowIncome { get; set; }

        public bool Destitute { get; set; }

        public int CareLevel { get; set; }

        public string? HealthNotes { get; set; }

        public List<ContactInput> EmergencyContacts { get; set; } = [];

        public string Permission => Permissions.EldersWrite;

        public bool IsNew => Id is null;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(l["Elders.Name.Required"])
                .MaximumLength(Elder.NameMaxLength).WithMessage(l["Validation.MaxLength", Elder.NameMaxLength]);
            RuleFor(c => c.IdNumber).Must(v => !string.IsNullOrWhiteSpace(v)).When(c => c.IsNew).WithMessage(l["Elders.IdNumber.Required"]);
            RuleFor(c => c.IdNumber).Must(ChinaIdNumber.IsValid).When(c => !string.IsNullOrWhiteSpace(c.IdNumber)).WithMessage(l["Elders.IdNumber.Invalid"]);
            RuleFor(c => c.BirthDate).Must((c, birth) => ChinaIdNumber.TryParse(c.IdNumber, out var derived, out _) && derived == birth)
                .When(c => c.BirthDate is not null && ChinaIdNumber.IsValid(c.IdNumber)).WithMessage(l["Elders.BirthDate.Contradicts"]);
            RuleFor(c => c.Gender).Must((c, gender) => ChinaIdNumber.TryParse(c.IdNumber, out _, out var derived) && derived == gender)
                .When(c => c.Gender is not null and not Common.Gender.Unknown && ChinaIdNumber.IsValid(c.IdNumber)).WithMessage(l["Elders.Gender.Contradicts"]);
            RuleFor(c => c.Phone).Must(p => PhoneNumber.IsValid(PhoneNumber.Normalize(p))).When(c => !string.IsNullOrWhiteSpace(c.Phone)).WithMessage(l["Validation.Phone"]);
            RuleFor(c => c.Address).MaximumLength(Elder.AddressMaxLength).WithMessage(l["Validation.MaxLength", Elder.AddressMaxLength]);
            RuleFor(c => c.HealthNotes).MaximumLength(Elder.HealthNotesMaxLength).WithMessage(l["Validation.MaxLength", Elder.HealthNotesMaxLength]);
            RuleFor(c => c.RegionCode).Must(c => Region.LevelOf(c) == RegionLevel.Village).WithMessage(l["Elders.Region.Required"]);
            RuleFor(c => c.CareLevel).InclusiveBetween(0, Elder.MaxCareLevel).WithMessage(l["Elders.CareLevel.Invalid"]);
            RuleFor(c => c.LivingSituation).IsInEnum().WithMessage(l["Validation.Choice"]);
            RuleFor(c => c.EmergencyContacts).Must(c => c.Count > 0).WithMessage(l["Elders.Contacts.Required"])
                .Must(c => c.Count <= 5).WithMessage(l["Elders.Contacts.TooMany", 5]);
            RuleForEach(c => c.EmergencyContacts).ChildRules(contact =>
            {
                contact.RuleFor(x => x.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(l["Elders.Contacts.NameRequired"])
                    .MaximumLength(Elder.NameMaxLength).WithMessage(l["Validation.MaxLength", Elder.NameMaxLength]);
                contact.RuleFor(x => x.Relation).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(l["Elders.Contacts.RelationRequired"])
                    .MaximumLength(20).WithMessage(l["Validation.MaxLength", 20]);
                contact.RuleFor(x => x.Phone).Must(p => !string.IsNullOrWhiteSpace(p)).When(x => x.Id is null).WithMessage(l["Elders.Contacts.PhoneRequired"]);
                contact.RuleFor(x => x.Phone).Must(p => PhoneNumber.IsValid(PhoneNumber.Normalize(p))).When(x => !string.IsNullOrWhiteSpace(x.Phone)).WithMessage(l["Validation.Phone"]);
            });
        }
    }

    public sealed class Handler(
        IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, RegionDirectory regions, TimeProvider clock,
        IPublisher publisher, Live.ILiveUpdates live, Privacy.PersonalDataProtector personalData, IEnumerable<IElderRecordsFollow> followers, IStringLocalizer<Strings> l)
        : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            var region = await regions.FindAsync(command.RegionCode, cancellationToken);
            if (region is null || region.Level != RegionLevel.Village)
            {
                return Result.Invalid(nameof(Command.RegionCode), l["Regions.Unknown"]).As<Guid>();
            }

            if (!RegionScope.Contains(user.RegionCode, region.Code))
            {
                return Result.Invalid(nameof(Command.RegionCode), l["Regions.OutsideScope"]).As<Guid>();
            }

            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var now = clock.UtcNow();
            Elder elder;
            ElderFigures? before = null;
            var idNumber = string.IsNullOrWhiteSpace(command.IdNumber) ? null : ChinaIdNumber.Normalize(command.IdNumber);
            if (command.Id is { } id)
            {
                var found = await db.Elders.Include(e => e.EmergencyContacts).InScopeOf(user).SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
                if (found is null)
                {
                    return Result.NotFound().As<Guid>();
                }

                if (command.Version is { } expected && expected != found.Version)
                {
                    return Result.Conflict(l["Common.ChangedByOthers"]).As<Guid>();
                }

                elder = found;
                before = ElderFigures.Of(found);
            }
            else
            {
                elder = new Elder { Name = command.Name, IdNumber = idNumber!, RegionCode = region.Code, CreatedAtUtc = now };
                db.Elders.Add(elder);
            }

            if (idNumber is not null && idNumber != elder.IdNumber || command.IsNew)
            {
                var idHash = personalData.Hash(idNumber!);
                if (await db.Elders.AnyAsync(e => e.IdNumberHash == idHash && e.Id != elder.Id, cancellationToken))
                {
                    return Result.Invalid(nameof(Command.IdNumber), l["Elders.IdNumber.Duplicate"]).As<Guid>();
                }

                if (!ChinaIdNumber.TryParse(idNumber, out var birthDate, out var gender))
                {
                    return Result.Invalid(nameof(Command.IdNumber), l["Elders.IdNumber.Invalid"]).As<Guid>();
                }

                elder.IdNumber = idNumber!;
                elder.BirthDate = birthDate;
                elder.Gender = gender;
            }

            elder.Name = command.Name.Trim();
            var move = command.IsNew || elder.RegionCode == region.Code ? null : new ElderMove(elder.Id, elder.RegionCode, region.Code);
            elder.RegionCode = region.Code;
            if (!string.IsNullOrWhiteSpace(command.Phone))
            {
                elder.Phone = PhoneNumber.Normalize(command.Phone);
            }

            if (!string.IsNullOrWhiteSpace(command.Address))
            {
                elder.Address = command.Address.Trim();
            }

            if (!string.IsNullOrWhiteSpace(command.HealthNotes))
            {
                elder.HealthNotes = command.HealthNotes.Trim();
            }

            elder.LivingSituation = command.LivingSituation;
            elder.CareLevel = command.CareLevel;
            var contactsResult = ApplyContacts(elder, command.EmergencyContacts);
            if (!contactsResult.IsSuccess)
            {
                return contactsResult.Localized(l).As<Guid>();
            }

            var manual = (command.LowIncome ? KeyGroups.LowIncome : KeyGroups.None) | (command.Destitute ? KeyGroups.Destitute : KeyGroups.None);
            elder.Refresh(manual, now, personalData.Hash);
            var updates = Live.ElderLiveUpdates.Stage(db, elder.Id, command.IsNew ? "elder.registered" : "elder.updated", before, ElderFigures.Of(elder), clock);

            try
            {
                // A move to another village takes every module's records of the elder with it, in one transaction.
                await using var transaction = move is null ? null : await db.Database.BeginTransactionAsync(cancellationToken);
                if (move is not null)
                {
                    foreach (var follower in followers)
                    {
                        await follower.FollowAsync(db, move, cancellationToken);
                    }
                }

                await db.SaveChangesAsync(cancellationToken);
                if (transaction is not null)
                {
                    await transaction.CommitAsync(cancellationToken);
                }
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result.Conflict(l["Common.ChangedByOthers"]).As<Guid>();
            }
            catch (DbUpdateException)
            {
                // A concurrent registration of the same ID won the race; the unique index refused ours.
                if (await IdNumberTakenAsync(elder, cancellationToken))
                {
                    return Result.Invalid(nameof(Command.IdNumber), l["Elders.IdNumber.Duplicate"]).As<Guid>();
                }

                throw;
            }

            await Live.LiveUpdatesExtensions.PushAllAsync(live, updates, cancellationToken);
            await publisher.Publish(new ElderSaved(elder.Id, elder.RegionCode, command.IsNew, before, ElderFigures.Of(elder)), cancellationToken);

            return Result<Guid>.Ok(elder.Id);
        }

        private async Task<bool> IdNumberTakenAsync(Elder elder, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            return await db.Elders.AnyAsync(e => e.IdNumberHash == elder.IdNumberHash && e.Id != elder.Id, ct);
        }

        private static Result ApplyContacts(Elder elder, List<ContactInput> inputs)
        {
            var kept = new List<EmergencyContact>();
            foreach (var input in inputs)
            {
                var phone = string.IsNullOrWhiteSpace(input.Phone) ? null : PhoneNumber.Normalize(input.Phone);
                if (input.Id is { } contactId)
                {
                    var existing = elder.EmergencyContacts.FirstOrDefault(c => c.Id == contactId);
                    if (existing is null)
                    {
                        return Result.Invalid(nameof(Command.EmergencyContacts), "Elders.Contacts.Unknown");
                    }

                    existing.Name = input.Name.Trim();
                    existing.Relation = input.Relation.Trim();
                    existing.Phone = phone ?? existing.Phone;
                    kept.Add(existing);
                }
                else
                {
                    kept.Add(new EmergencyContact { Name = input.Name.Trim(), Relation = input.Relation.Trim(), Phone = phone! });
                }
            }

            elder.EmergencyContacts.RemoveAll(c => !kept.Contains(c));
            foreach (var contact in kept.Where(c => !elder.EmergencyContacts.Contains(c)))
            {
                elder.EmergencyContacts.Add(contact);
            }

            return Result.Ok();
        }
    }

    /// <summary>Raised after the commit; live consoles and later modules listen. <paramref name="Before"/> is null for a new elder.</summary>
    public sealed record ElderSaved(Guid ElderId, string RegionCode, bool IsNew, ElderFigures? Before, ElderFigures After) : INotification;
}
