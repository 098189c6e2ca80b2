using System.Collections.Concurrent;
using System.Reflection;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Logging;
using SmartEldercare.Platform.Auditing;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Identity;

namespace SmartEldercare.Platform.Behaviors;

/// <summary>A command that names extra facts for its audit entry (a reveal's field and reason).</summary>
public interface IAuditDetail
{
    string AuditDetail { get; }
}

/// <summary>
/// Records every command in the hash-chained trail with its outcome. It runs before the authorization and
/// validation behaviors (not after, as a plain pipeline would) so that refused commands leave a trace too.
/// </summary>
public sealed class AuditBehavior<TMessage, TResponse>(AuditTrail trail, ICurrentUser user, ILogger<AuditBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBaseCommand
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var action = AuditFacts.ActionName(typeof(TMessage));
        var detail = (message as IAuditDetail)?.AuditDetail;
        TResponse response;
        try
        {
            response = await next(message, cancellationToken);
        }
        catch (ForbiddenException ex)
        {
            await Append(new AuditRecord(action, AuditFacts.RecordIdOf(message), AuditOutcome.Refused, Join(detail, "forbidden: " + ex.Permission)));
            throw;
        }
        catch (ValidationException ex)
        {
            await Append(new AuditRecord(action, AuditFacts.RecordIdOf(message), AuditOutcome.Refused, Join(detail, "invalid: " + string.Join(",", ex.Errors.Select(e => e.PropertyName).Distinct()))));
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await Append(new AuditRecord(action, AuditFacts.RecordIdOf(message), AuditOutcome.Failed, Join(detail, ex.GetType().Name)));
            throw;
        }

        var recordId = AuditFacts.RecordIdOf(message) ?? (response is Result<Guid> { IsSuccess: true } created ? created.Value.ToString() : null);
        var outcome = response is Result { IsSuccess: false } failed
            ? new AuditRecord(action, recordId, AuditOutcome.Refused, Join(detail, failed.Status.ToString()))
            : new AuditRecord(action, recordId, AuditOutcome.Succeeded, detail);
        await Append(outcome);
        return response;
    }

    private async Task Append(AuditRecord record)
    {
        try
        {
            // Not the caller's token: a command that happened must be recorded even if the caller went away.
            await trail.AppendAsync(user, record, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogCritical(ex, "Audit entry for {Action} could not be written", record.Action);
            if (FailClosed)
            {
                // A reveal hands out personal data: without its record it does not happen.
                throw;
            }
        }
    }

    private static bool FailClosed { get; } = typeof(Privacy.IPersonalDataAccess).IsAssignableFrom(typeof(TMessage));

    private static string? Join(string? a, string b) => a is null ? b : $"{a}; {b}";
}

/// <summary>How an audit entry names a request: its action (<c>Area.Slice</c>) and the record it concerns (its <c>Id</c>).</summary>
internal static class AuditFacts
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo?> IdProperties = new();

    public static string ActionName(Type type)
    {
        var slice = type.DeclaringType ?? type;
        var area = slice.Namespace?[(slice.Namespace.LastIndexOf('.') + 1)..];
        return $"{area}.{slice.Name}";
    }

    public static string? RecordIdOf(object message)
    {
        var property = IdProperties.GetOrAdd(message.GetType(), t => t.GetProperty("Id"));
        return property?.GetValue(message) switch
        {
            Guid g when g != Guid.Empty => g.ToString(),
            null => null,
            var other => other.ToString(),
        };
    }
}
