
namespace SmartEldercare.Social.Features.Canteens;

public sealed record StatementDay(DateOnly Date, int DineIn, int Delivery, int SubsidisedMeals, long SubsidyFen);
