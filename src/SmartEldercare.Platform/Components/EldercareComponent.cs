using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Severity = MudBlazor.Severity;
using SmartEldercare.Platform.Behaviors;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Localization;

namespace SmartEldercare.Platform.Components;

/// <summary>
/// Base of the platform's pages and dialogs: they talk to the domain only through the mediator, and the
/// pipeline's guard exceptions become localized messages rather than a broken circuit.
/// </summary>
public abstract class EldercareComponent : ComponentBase
{
    [Inject]
    protected IMediator Mediator { get; set; } = default!;

    [Inject]
    protected ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    protected IStringLocalizer<Strings> L { get; set; } = default!;

    [Inject]
    protected ICurrentUser CurrentUser { get; set; } = default!;

    /// <summary>Runs a mediator call; on a refused message shows why and answers <c>default</c>.</summary>
    protected async Task<T?> SendSafely<T>(Func<CancellationToken, ValueTask<T>> send, CancellationToken ct = default)
    {
        try
        {
            return await send(ct);
        }
        catch (ValidationException ex)
        {
            Snackbar.Add(ex.Errors.FirstOrDefault()?.ErrorMessage ?? L["Api.Invalid"], Severity.Warning);
        }
        catch (ForbiddenException)
        {
            Snackbar.Add(L["Error.AccessDenied"], Severity.Error);
        }

        return default;
    }

    protected void ShowFailure(Result result)
    {
        var message = result.Status switch
        {
            ResultStatus.NotFound => L["Common.NotFound"],
            ResultStatus.Forbidden => L["Error.AccessDenied"],
            _ => result.Message ?? L["Api.Invalid"],
        };
        Snackbar.Add(message, result.Status == ResultStatus.Conflict ? Severity.Warning : Severity.Error);
    }

    protected static string LocalTime(DateTime utc) => ShanghaiTime.Format(utc);

    /// <summary>A form's field errors (first message per field) from a validator's result.</summary>
    protected static Dictionary<string, string> FieldErrors(FluentValidation.Results.ValidationResult result) =>
        result.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.First().ErrorMessage, StringComparer.Ordinal);
}
