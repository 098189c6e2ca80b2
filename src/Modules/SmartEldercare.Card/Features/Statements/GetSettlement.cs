using FluentValidation;

namespace SmartEldercare.Card.Features.Statements;

public sealed record Settlement(int Month, IReadOnlyList<MerchantSettlement> Merchants)
{
    public long Payable => Merchants.Sum(m => m.Payable);

    public long SubsidyPayable => Merchants.Sum(m => m.SubsidyPayable);

    public long SelfPayable => Merchants.Sum(m => m.SelfPayable);
}

public static class GetSettlement
{
    public sealed record Query(int Month) : RequiresPermission(Permissions.CardAdmin), IQuery<Result<Settlement>>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<Strings> l) => RuleFor(q => q.Month).Must(YearMonth.IsValid).WithMessage(l["Card.Month.Invalid"]);
    }

    public sealed class Handler(IDbContextFactory<EldercareDbContext> dbs, ICurrentUser user) : IQueryHandler<Query, Result<Settlement>>
    {
        public async ValueTask<Result<Settlement>> Handle(Query query, CancellationToken cancellationToken)
        {
            var (from, to) = YearMonth.Range(query.Month);
            return new Settlement(query.Month, await MerchantTotals.ForAsync(dbs, user.RegionCode, from, to, cancellationToken));
        }
    }
}
