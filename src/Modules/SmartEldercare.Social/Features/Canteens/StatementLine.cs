using SmartEldercare.Social.Canteens;

namespace SmartEldercare.Social.Features.Canteens;

public sealed record StatementLine(long Id, DateOnly Date, Guid ElderId, string ElderName, MealMode Mode, string SubsidyGroup, long SubsidyFen, Guid? HomeServiceOrderId = null);
