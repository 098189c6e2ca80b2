using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmartEldercare.Card.Cards;
using SmartEldercare.Card.Ledger;
using SmartEldercare.Platform.Auditing;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Elders;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Live;
using SmartEldercare.Platform.Localization;
using SmartEldercare.Platform.Persistence;
using SmartEldercare.Platform.Regions;

namespace SmartEldercare.Card.Features.Cards;

public sealed record CardListItem(Guid Id, string Number, Guid ElderId, string ElderName, string IdNumberMasked, string RegionCode, CardStatus Status, long Subsidy, long SelfPaid, DateTime IssuedAtUtc);

public sealed record CardMovement(Guid EntryId, EntryKind Kind, DateTime AtUtc, long Amount, long SubsidyChange, long SelfChange, string? Note, string? By, long Refundable);

public sealed record CardDetail(CardListItem Card, string? Uid, string? StatusReason, Guid? ReplacedByCardId, Guid? ReplacesCardId, ElderStatus ElderStatus, IReadOnlyList<CardMovement> Movements);

internal static class CardViews
{
    public static IQueryable<CardListItem> Items(EldercareDbContext db, IQueryable<ServiceCard> cards) =>
        cards.Select(c => new CardListItem(c.Id, c.Number, c.ElderId, c.ElderName, "****" + c.IdNumberTail, c.RegionCode, c.Status,
            db.Set<CardAccount>().Where(a => a.Id == c.SubsidyAccountId).Select(a => a.Balance).FirstOrDefault(),
            db.Set<CardAccount>().Where(a => a.Id == c.SelfAccountId).Select(a => a.Balance).FirstOrDefault(),
            c.IssuedAtUtc));

    public static async Task<Guid> IssueAsync(EldercareDbContext db, Elder elder, string? uid, string by, DateTime now, Guid? seed, Guid? replaces, CancellationToken ct)
    {
        var cardId = Guid.CreateVersion7();
        var subsidy = new CardAccount { Key = CardAccount.KeyOf(AccountKind.Subsidy, cardId), Kind = AccountKind.Subsidy, CardId = cardId };
        var self = new CardAccount { Key = CardAccount.KeyOf(AccountKind.SelfPaid, cardId), Kind = AccountKind.SelfPaid, CardId = cardId };
        var number = CardNumber.From(seed ?? Guid.NewGuid());
        while (await db.Set<ServiceCard>().AnyAsync(c => c.Number == number, ct))
        {
            number = CardNumber.New();
        }

        db.AddRange(subsidy, self, new ServiceCard
        {
            Id = cardId, Number = number, Uid = string.IsNullOrWhiteSpace(uid) ? null : uid.Trim(), ElderId = elder.Id, ElderName = elder.Name,
            IdNumberTail = elder.IdNumberTail, RegionCode = elder.RegionCode, SubsidyAccountId = subsidy.Id, SelfAccountId = self.Id,
            IssuedAtUtc = now, IssuedBy = by, ReplacesCardId = replaces,
        });
        return cardId;
    }
}

public static class SearchCards
{
    public sealed record Query(string? Search = null, string? Region = null, int Page = 1, int PageSize = 20) : IQuery<PagedResult<CardListItem>>, IRequirePermission
    {
        public string Permission => Permissions.CardRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user) : IQueryHandler<Query, PagedResult<CardListItem>>
    {
        public async ValueTask<PagedResult<CardListItem>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var cards = db.Set<ServiceCard>().AsNoTracking().InScopeOf(user);
            if (!string.IsNullOrWhiteSpace(query.Region) && RegionScope.Contains(user.RegionCode, query.Region))
            {
                cards = cards.InRegion(query.Region);
            }

            var search = query.Search?.Replace(" ", string.Empty, StringComparison.Ordinal);
            if (!string.IsNullOrEmpty(search))
            {
                cards = search.All(char.IsAsciiDigit)
                    ? cards.Where(c => c.Number.StartsWith(search) || c.IdNumberTail == search || c.Uid == search)
                    : cards.Where(c => c.ElderName.StartsWith(search) || c.Uid == search);
            }

            var (page, size) = (Math.Max(1, query.Page), Math.Clamp(query.PageSize, 1, 200));
            var total = await cards.CountAsync(cancellationToken);
            var items = await CardViews.Items(db, cards.OrderBy(c => c.RegionCode).ThenBy(c => c.ElderName).ThenBy(c => c.Id).Skip((page - 1) * size).Take(size)).ToListAsync(cancellationToken);
            return new PagedResult<CardListItem>(items, total, page, size);
        }
    }
}

public static class GetCard
{
    public sealed record Query(Guid Id, int Movements = 50) : IQuery<Result<CardDetail>>, IRequirePermission
    {
        public string Permission => Permissions.CardRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user) : IQueryHandler<Query, Result<CardDetail>>
    {
        public async ValueTask<Result<CardDetail>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var card = await db.Set<ServiceCard>().AsNoTracking().InScopeOf(user).SingleOrDefaultAsync(c => c.Id == query.Id, cancellationToken);
            if (card is null)
            {
                return Result.NotFound().As<CardDetail>();
            }

            var item = await CardViews.Items(db, db.Set<ServiceCard>().Where(c => c.Id == card.Id)).SingleAsync(cancellationToken);
            var elderStatus = await db.Elders.Where(e => e.Id == card.ElderId).Select(e => e.Status).FirstOrDefaultAsync(cancellationToken);
            var movements = await Movements(db, [card.SubsidyAccountId, card.SelfAccountId], card.SubsidyAccountId, query.Movements, cancellationToken);
            return new CardDetail(item, card.Uid, card.StatusReason, card.ReplacedByCardId, card.ReplacesCardId, elderStatus, movements);
        }

        internal static async Task<List<CardMovement>> Movements(EldercareDbContext db, Guid[] accounts, Guid subsidyAccount, int take, CancellationToken ct)
        {
            var entries = await db.Set<LedgerEntry>().AsNoTracking()
                .Where(e => e.Lines.Any(l => accounts.Contains(l.AccountId)))
                .OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id).Take(take)
                .Include(e => e.Lines).ToListAsync(ct);
            return entries.Select(e => new CardMovement(e.Id, e.Kind, e.AtUtc, e.Amount,
                e.Lines.Where(l => l.AccountId == subsidyAccount).Sum(l => l.Amount),
                e.Lines.Where(l => accounts.Contains(l.AccountId) && l.AccountId != subsidyAccount).Sum(l => l.Amount),
                e.Note, e.By, e.Kind == EntryKind.Payment ? e.Amount - e.Refunded : 0)).ToList();
        }
    }
}

public static class IssueCard
{
    public sealed record Command(Guid ElderId, string? Uid = null) : ICommand<Result<Guid>>, IRequirePermission
    {
        public string Permission => Permissions.CardIssue;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.ElderId).NotEmpty().WithMessage(l["Card.Issue.ElderRequired"]);
            RuleFor(c => c.Uid).MaximumLength(ServiceCard.UidMaxLength);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, TimeProvider clock, IStringLocalizer<Strings> l, ILiveUpdates live)
        : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var elder = await db.Elders.InScopeOf(user).SingleOrDefaultAsync(e => e.Id == command.ElderId, cancellationToken);
            if (elder is null)
            {
                return Result.NotFound().As<Guid>();
            }

            if (elder.Status != ElderStatus.Active)
            {
                return Result.Conflict(l["Card.Issue.ElderNotActive"]).As<Guid>();
            }

            if (await db.Set<ServiceCard>().AnyAsync(c => c.ElderId == elder.Id && (c.Status == CardStatus.Active || c.Status == CardStatus.ReportedLost), cancellationToken))
            {
                return Result.Conflict(l["Card.Issue.AlreadyHasCard"]).As<Guid>();
            }

            var id = await CardViews.IssueAsync(db, elder, command.Uid, user.DisplayName, clock.UtcNow(), null, null, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await live.PublishAsync(new LiveUpdate(Guid.CreateVersion7(), elder.RegionCode, "card.issued", id.ToString(), clock.UtcNow()), cancellationToken);
            return id;
        }
    }
}

public sealed record BatchIssued(int Issued, int AlreadyHad);

/// <summary>Every active elder of a village without a current card gets one (the printable list then shows them).</summary>
public static class IssueVillageCards
{
    public sealed record Command(string RegionCode) : ICommand<Result<BatchIssued>>, IRequirePermission
    {
        public string Permission => Permissions.CardIssue;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l) =>
            RuleFor(c => c.RegionCode).NotEmpty().Length(12).WithMessage(l["Card.Batch.VillageRequired"]);
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, Result<BatchIssued>>
    {
        public async ValueTask<Result<BatchIssued>> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!RegionScope.Contains(user.RegionCode, command.RegionCode))
            {
                return Result.NotFound().As<BatchIssued>();
            }

            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var elders = await db.Elders.InScope(command.RegionCode).Where(e => e.Status == ElderStatus.Active).OrderBy(e => e.Name).ThenBy(e => e.Id).ToListAsync(cancellationToken);
            var holders = (await db.Set<ServiceCard>().Where(c => c.RegionCode == command.RegionCode && (c.Status == CardStatus.Active || c.Status == CardStatus.ReportedLost))
                .Select(c => c.ElderId).ToListAsync(cancellationToken)).ToHashSet();
            var now = clock.UtcNow();
            var issued = 0;
            foreach (var elder in elders.Where(e => !holders.Contains(e.Id)))
            {
                await CardViews.IssueAsync(db, elder, null, user.DisplayName, now, null, null, cancellationToken);
                issued++;
            }

            await db.SaveChangesAsync(cancellationToken);
            return new BatchIssued(issued, holders.Count);
        }
    }
}

public sealed record PrintableCard(Guid Id, string Number, string ElderName, string IdNumberMasked, string RegionCode, DateTime IssuedAtUtc);

/// <summary>The active cards of a village for printing and handing out (ID numbers masked to their last four digits).</summary>
public static class ListVillageCards
{
    public sealed record Query(string RegionCode) : IQuery<IReadOnlyList<PrintableCard>>, IRequirePermission
    {
        public string Permission => Permissions.CardRead;
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<PrintableCard>>
    {
        public async ValueTask<IReadOnlyList<PrintableCard>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(query.RegionCode) || !RegionScope.Contains(user.RegionCode, query.RegionCode))
            {
                return [];
            }

            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            return await db.Set<ServiceCard>().AsNoTracking().InRegion(query.RegionCode).Where(c => c.Status == CardStatus.Active)
                .OrderBy(c => c.ElderName).ThenBy(c => c.Id)
                .Select(c => new PrintableCard(c.Id, c.Number, c.ElderName, "****" + c.IdNumberTail, c.RegionCode, c.IssuedAtUtc))
                .ToListAsync(cancellationToken);
        }
    }
}

/// <summary>Report a card lost (blocked at once), found again, or cancel it (death, moving out).</summary>
public static class ChangeCardStatus
{
    public sealed record Command(Guid CardId, CardStatus Status, string? Reason = null) : ICommand<Result>, IRequirePermission
    {
        public string Permission => Permissions.CardIssue;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l)
        {
            RuleFor(c => c.Status).Must(s => s is CardStatus.Active or CardStatus.ReportedLost or CardStatus.Cancelled).WithMessage(l["Card.Status.NotAllowed"]);
            RuleFor(c => c.Reason).MaximumLength(ServiceCard.ReasonMaxLength);
        }
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user, TimeProvider clock, IStringLocalizer<Strings> l, AuditTrail audit)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            var card = await db.Set<ServiceCard>().InScopeOf(user).SingleOrDefaultAsync(c => c.Id == command.CardId, cancellationToken);
            if (card is null)
            {
                return Result.NotFound();
            }

            var allowed = (card.Status, command.Status) switch
            {
                (CardStatus.Active, CardStatus.ReportedLost) => true,
                (CardStatus.ReportedLost, CardStatus.Active) => true,
                (CardStatus.Active or CardStatus.ReportedLost, CardStatus.Cancelled) => true,
                _ => false,
            };
            if (!allowed)
            {
                return Result.Conflict(l["Card.Status.NotAllowed"]);
            }

            card.Status = command.Status;
            card.StatusReason = command.Reason;
            card.StatusChangedAtUtc = clock.UtcNow();
            card.Version++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result.Conflict(l["Card.Changed"]);
            }

            await audit.AppendAsync(user, new AuditRecord("card.status." + command.Status, card.Id.ToString(), AuditOutcome.Succeeded), cancellationToken);
            return Result.Ok();
        }
    }
}

/// <summary>
/// A new card for a lost or damaged one: in one transaction the old card is marked replaced (no payment passes it
/// any more) and both of its balances move to the new card in one balanced transfer entry.
/// </summary>
public static class ReplaceCard
{
    public sealed record Command(Guid CardId, string? Uid = null, string? Reason = null) : ICommand<Result<Guid>>, IRequirePermission
    {
        public string Permission => Permissions.CardIssue;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Uid).MaximumLength(ServiceCard.UidMaxLength);
            RuleFor(c => c.Reason).MaximumLength(ServiceCard.ReasonMaxLength);
        }
    }

    public sealed class Handler(LedgerWriter ledger, ICurrentUser user, TimeProvider clock, IStringLocalizer<Strings> l, AuditTrail audit)
        : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            Guid newCardId = default;
            var posted = await ledger.PostAsync(l, null, async db =>
            {
                var old = await db.Set<ServiceCard>().InScopeOf(user).SingleOrDefaultAsync(c => c.Id == command.CardId, cancellationToken);
                if (old is null)
                {
                    return Result.NotFound().As<Posting>();
                }

                if (!old.IsCurrent)
                {
                    return Result.Conflict(l["Card.Status.NotAllowed"]).As<Posting>();
                }

                var elder = await db.Elders.SingleAsync(e => e.Id == old.ElderId, cancellationToken);
                var now = clock.UtcNow();
                newCardId = await CardViews.IssueAsync(db, elder, command.Uid, user.DisplayName, now, null, old.Id, cancellationToken);
                var fresh = db.ChangeTracker.Entries<ServiceCard>().Single(e => e.Entity.Id == newCardId).Entity;
                old.Status = CardStatus.Replaced;
                old.ReplacedByCardId = newCardId;
                old.StatusReason = command.Reason;
                old.StatusChangedAtUtc = now;
                old.Version++;

                var balances = await db.Set<CardAccount>().AsNoTracking().Where(a => a.Id == old.SubsidyAccountId || a.Id == old.SelfAccountId)
                    .ToDictionaryAsync(a => a.Id, a => a.Balance, cancellationToken);
                var (subsidy, self) = (balances[old.SubsidyAccountId], balances[old.SelfAccountId]);
                var entry = new LedgerEntry
                {
                    Kind = EntryKind.Transfer, CardId = newCardId, ElderId = elder.Id, RegionCode = old.RegionCode, AtUtc = now, Amount = subsidy + self,
                    SubsidyPart = subsidy, SelfPart = self, Note = old.Number, By = user.DisplayName,
                };
                AddPair(entry, old.SubsidyAccountId, fresh.SubsidyAccountId, subsidy);
                AddPair(entry, old.SelfAccountId, fresh.SelfAccountId, self);
                // The old balances must still be exactly what was carried when the transaction runs.
                return new Posting(entry, new HashSet<Guid> { old.SubsidyAccountId, old.SelfAccountId, fresh.SubsidyAccountId, fresh.SelfAccountId },
                    Guard: async (tx, ct) => await tx.Set<CardAccount>().Where(a => (a.Id == old.SubsidyAccountId && a.Balance == subsidy) || (a.Id == old.SelfAccountId && a.Balance == self))
                        .ExecuteUpdateAsync(s => s.SetProperty(a => a.Balance, a => a.Balance), ct) == 2);
            }, cancellationToken);
            if (!posted.IsSuccess)
            {
                return posted.As<Guid>();
            }

            await audit.AppendAsync(user, new AuditRecord("card.replace", command.CardId.ToString(), AuditOutcome.Succeeded, newCardId.ToString()), cancellationToken);
            return newCardId;
        }

        private static void AddPair(LedgerEntry entry, Guid from, Guid to, long amount)
        {
            if (amount != 0)
            {
                entry.Lines.Add(new LedgerLine { EntryId = entry.Id, AccountId = from, Amount = -amount });
                entry.Lines.Add(new LedgerLine { EntryId = entry.Id, AccountId = to, Amount = amount });
            }
        }
    }
}
