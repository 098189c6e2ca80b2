using FluentValidation;
using SmartEldercare.Card.Cards;
using SmartEldercare.Card.Ledger;
using SmartEldercare.Platform.Auditing;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Card.Features.Cards;

/// <summary>
/// A new card for a lost or damaged one: in one transaction the old card is marked replaced (no payment passes it
/// any more) and both of its balances move to the new card in one balanced transfer entry.
/// </summary>
public static class ReplaceCard
{
    public sealed record Command(Guid CardId, string? Uid = null, string? Reason = null) : RequiresPermission(Permissions.CardIssue), ICommand<Result<Guid>>;

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
