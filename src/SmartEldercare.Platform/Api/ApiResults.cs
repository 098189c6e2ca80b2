using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Localization;

namespace SmartEldercare.Platform.Api;

/// <summary>Maps slice results to HTTP: values to 200, expected failures to RFC 7807 ProblemDetails.</summary>
public static class ApiResults
{
    public static IResult From<T>(Result<T> result, IStringLocalizer<Strings> l, Func<T, IResult>? onSuccess = null) =>
        result.IsSuccess ? (onSuccess ?? (v => TypedResults.Ok(v)))(result.Value!) : Problem(result, l);

    public static IResult From(Result result, IStringLocalizer<Strings> l) =>
        result.IsSuccess ? TypedResults.NoContent() : Problem(result, l);

    public static IResult Problem(Result result, IStringLocalizer<Strings> l) => result.Status switch
    {
        ResultStatus.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: l["Api.NotFound"]),
        ResultStatus.Invalid => TypedResults.ValidationProblem(
            result.Errors.GroupBy(e => Camel(e.Field)).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            title: l["Api.Invalid"]),
        ResultStatus.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: l["Api.Conflict"], detail: result.Message),
        ResultStatus.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: l["Api.Forbidden"]),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError),
    };

    public static string Camel(string field) =>
        string.IsNullOrEmpty(field) || char.IsLower(field[0]) ? field : char.ToLowerInvariant(field[0]) + field[1..];
}
