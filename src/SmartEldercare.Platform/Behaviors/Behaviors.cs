using System.Diagnostics;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Logging;
using SmartEldercare.Platform.Identity;

namespace SmartEldercare.Platform.Behaviors;

/// <summary>A message that only users holding <see cref="Permission"/> may send.</summary>
public interface IRequirePermission
{
    string Permission { get; }
}

/// <summary>
/// The usual way a command or query declares its permission: <c>record Command(Guid Id) : RequiresPermission(Permissions.X), ICommand&lt;Result&gt;</c>.
/// The permission is fixed by the type: get-only and never read from or written to JSON, so a request body cannot change it.
/// </summary>
public abstract record RequiresPermission : IRequirePermission
{
    protected RequiresPermission(string permission) => Permission = permission;

    [System.Text.Json.Serialization.JsonIgnore]
    public string Permission { get; }
}

/// <summary>Thrown when a user sends a message their roles do not permit; the API answers 403, the UI a localized message.</summary>
public sealed class ForbiddenException(string permission) : Exception($"Permission '{permission}' is required.")
{
    public string Permission { get; } = permission;
}

/// <summary>First in the pipeline: names and times every message; never logs its content (personal data).</summary>
public sealed class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger, ICurrentUser user)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var name = typeof(TMessage).FullName?.Replace("SmartEldercare.", string.Empty, StringComparison.Ordinal) ?? typeof(TMessage).Name;
        try
        {
            var response = await next(message, cancellationToken);
            logger.LogInformation("{Message} by {User} in {Elapsed:0.0} ms", name, user.UserName, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception ex) when (ex is ValidationException or ForbiddenException)
        {
            logger.LogInformation("{Message} by {User} refused: {Reason}", name, user.UserName, ex.GetType().Name);
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "{Message} by {User} failed after {Elapsed:0.0} ms", name, user.UserName, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }
}

/// <summary>Third (after the audit, so refusals are recorded): the permission check. Data scope is applied by each handler's queries (<c>InScopeOf</c>).</summary>
public sealed class AuthorizationBehavior<TMessage, TResponse>(ICurrentUser user, TwoFactorPolicy twoFactor) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IRequirePermission, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (!user.IsAuthenticated || !user.Has(message.Permission))
        {
            throw new ForbiddenException(message.Permission);
        }

        if (message is not IAllowedBeforeTwoFactor && twoFactor.MustEnroll(user.Principal))
        {
            throw new ForbiddenException("two-factor enrollment");
        }

        return next(message, cancellationToken);
    }
}

/// <summary>Fourth: the same FluentValidation validators the forms use, as the server's guard.</summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            if (!result.IsValid)
            {
                throw new ValidationException(result.Errors);
            }
        }

        return await next(message, cancellationToken);
    }
}
