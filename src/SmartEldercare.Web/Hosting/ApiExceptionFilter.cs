using FluentValidation;
using Microsoft.Extensions.Localization;
using SmartEldercare.Platform.Api;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Localization;

namespace SmartEldercare.Web.Hosting;

/// <summary>
/// An endpoint filter over the API: the pipeline's guard exceptions become ProblemDetails (validation 400,
/// permission 403), so bad input never surfaces as a 500 or an HTML error page.
/// </summary>
public sealed class ApiExceptionFilter(IStringLocalizer<Strings> l) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ValidationException v)
        {
            return TypedResults.ValidationProblem(
                v.Errors.GroupBy(e => ApiResults.Camel(e.PropertyName)).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray()),
                title: l["Api.Invalid"]);
        }
        catch (ForbiddenException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: l["Api.Forbidden"]);
        }
    }
}
