using System.Globalization;
using FluentValidation;
using SmartEldercare.Card.Cards;
using SmartEldercare.Card.Ledger;
using SmartEldercare.Platform.Auditing;
using SmartEldercare.Platform.Elders;

namespace SmartEldercare.Card.Features.Crediting;

/// <param name="Month">yyyyMM.</param>
/// <param name="Credited">New credits written by this run.</param>
/// <param name="AlreadyCredited">Credits of the month found from an earlier run (not written again).</param>
/// <param name="Total">Yuan credited by this run.</param>
/// <param name="Rules">Per rule: who it is for and what this run credited.</param>
public sealed record CreditingReport(int Month, int Credited, int AlreadyCredited, [property: JsonYuan] long Total, IReadOnlyList<CreditedByRule> Rules);

/// <summary>
/// Credits a month's packages to the subsidy account of every active card in the scope whose elder matches a rule (age
/// on the month's first day, key groups, care level). Idempotent: a credit's key is elder + rule + month (unique in the
/// ledger), so running again — or on two instances at once, or after a card was replaced — credits once.
/// </summary>
public static class RunCrediting
{
    public sealed record Command(int Month) : RequiresPermission(Permissions.CardAdmin), ICommand<Result<CreditingReport>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<Strings> l, TimeProvider clock) =>
            RuleFor(c => c.Month).Must(YearMonth.IsValid).WithMessage(l["Card.Month.Invalid"])
                .Must(m => !YearMonth.IsValid(m) || m <= YearMonth.Of(clock.Today())).WithMessage(l["Card.Month.Future"]);
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, LedgerWriter ledger, ICurrentUser user, TimeProvider clock, IStringLocalizer<Strings> l, AuditTrail audit)
        : ICommandHandler<Command, Result<CreditingReport>>
    {
        public async ValueTask<Result<CreditingReport>> Handle(Command command, CancellationToken cancellationToken)
        {
            var month = command.Month;
            List<CreditRule> rules;
            List<(Guid CardId, Guid Account, Guid ElderId, string Region, DateOnly Birth, KeyGroups Groups, int Care)> cards;
            HashSet<string> done;
            await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
            {
                rules = await db.Set<CreditRule>().AsNoTracking().Where(r => r.Enabled).ToListAsync(cancellationToken);
                var rows = await db.Set<ServiceCard>().AsNoTracking().InScopeOf(user).Where(c => c.Status == CardStatus.Active)
                    .Join(db.Elders.Where(e => e.Status == ElderStatus.Active), c => c.ElderId, e => e.Id,
                        (c, e) => new { c.Id, c.SubsidyAccountId, c.ElderId, c.RegionCode, e.BirthDate, e.KeyGroups, e.CareLevel })
                    .ToListAsync(cancellationToken);
                cards = rows.Select(r => (r.Id, r.SubsidyAccountId, r.ElderId, r.RegionCode, r.BirthDate, r.KeyGroups, r.CareLevel)).ToList();
                done = (await db.Set<LedgerEntry>().AsNoTracking().InScopeOf(user).Where(e => e.Kind == EntryKind.Credit && e.Month == month)
                    .Select(e => e.IdempotencyKey!).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            }

            if (rules.Count == 0)
            {
                return Result.Conflict(l["Card.Rules.None"]).As<CreditingReport>();
            }

            var district = await LedgerWriter.SystemAccountAsync(dbs, AccountKind.DistrictFunding, null, cancellationToken);
            var firstDay = YearMonth.FirstDay(month);
            var now = clock.UtcNow();
            var (credited, already) = (0, 0);
            var byRule = rules.ToDictionary(r => r.Id, _ => (Cards: 0, Total: 0L));
            foreach (var card in cards.OrderBy(c => c.Region, StringComparer.Ordinal).ThenBy(c => c.CardId))
            {
                var age = ShanghaiTime.AgeOn(card.Birth, firstDay);
                foreach (var rule in rules.Where(r => r.Matches(age, card.Groups, card.Care)))
                {
                    var key = $"credit:{card.ElderId:N}:{rule.Id:N}:{month}";
                    if (done.Contains(key))
                    {
                        already++;
                        continue;
                    }

                    var entry = new LedgerEntry
                    {
                        Kind = EntryKind.Credit, IdempotencyKey = key, CardId = card.CardId, ElderId = card.ElderId, RegionCode = card.Region, RuleId = rule.Id, Month = month,
                        AtUtc = now, Amount = rule.MonthlyAmount, SubsidyPart = rule.MonthlyAmount, Note = rule.Name, By = user.DisplayName,
                    };
                    entry.Lines.Add(new LedgerLine { EntryId = entry.Id, AccountId = district, Amount = -rule.MonthlyAmount });
                    entry.Lines.Add(new LedgerLine { EntryId = entry.Id, AccountId = card.Account, Amount = rule.MonthlyAmount });
                    var posted = await ledger.PostAsync(l, key, _ => Task.FromResult<Result<Posting>>(new Posting(entry, new HashSet<Guid> { card.Account })), cancellationToken);
                    if (posted.Value is { Replayed: false })
                    {
                        credited++;
                        var (n, total) = byRule[rule.Id];
                        byRule[rule.Id] = (n + 1, total + rule.MonthlyAmount);
                    }
                    else
                    {
                        already++;
                    }
                }
            }

            var report = new CreditingReport(month, credited, already, byRule.Values.Sum(v => v.Total),
                rules.OrderBy(r => r.MinAge).ThenBy(r => r.Name, StringComparer.Ordinal)
                    .Select(r => new CreditedByRule(r.Id, r.Name, Why(r), byRule[r.Id].Cards, byRule[r.Id].Total)).ToList());
            await audit.AppendAsync(user, new AuditRecord("card.crediting", month.ToString(CultureInfo.InvariantCulture), AuditOutcome.Succeeded,
                $"{credited} credits, {Fen.Format(byRule.Values.Sum(v => v.Total))}"), cancellationToken);
            return report;
        }

        private string Why(CreditRule r)
        {
            var parts = new List<string> { r.MaxAge is null ? l["Card.Rules.AgeFrom", r.MinAge] : l["Card.Rules.AgeBetween", r.MinAge, r.MaxAge] };
            if (r.KeyGroups != KeyGroups.None)
            {
                parts.Add(string.Join('/', Enum.GetValues<KeyGroups>().Where(g => g != KeyGroups.None && r.KeyGroups.HasFlag(g)).Select(g => l[$"ElderTag.{g}"].Value)));
            }

            if (r.MinCareLevel > 0)
            {
                parts.Add(l["Card.Rules.CareFrom", r.MinCareLevel]);
            }

            parts.Add(l["Card.Rules.PerMonth", Fen.Format(r.MonthlyAmount)]);
            return string.Join(l["Card.Rules.Separator"], parts);
        }
    }
}
