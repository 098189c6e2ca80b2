using FluentValidation;

namespace SmartEldercare.Social.Features.Circle;

internal static class Coordinates
{
    public static void Rules<T>(AbstractValidator<T> v, System.Linq.Expressions.Expression<Func<T, double>> lat, System.Linq.Expressions.Expression<Func<T, double>> lon, SocialOptions o, IStringLocalizer l)
    {
        var message = l["Social.Circle.OutsideDistrict", o.MinLatitude, o.MaxLatitude, o.MinLongitude, o.MaxLongitude].Value;
        v.RuleFor(lat).InclusiveBetween(o.MinLatitude, o.MaxLatitude).WithMessage(message);
        v.RuleFor(lon).InclusiveBetween(o.MinLongitude, o.MaxLongitude).WithMessage(message);
    }
}
