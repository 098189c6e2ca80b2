using System.Globalization;
using Mediator;
using SmartEldercare.Platform.Auditing;
using SmartEldercare.Platform.Common;
using SmartEldercare.Platform.Identity;
using SmartEldercare.Platform.Privacy;

namespace SmartEldercare.Platform.Behaviors;

/// <summary>
/// Records each successful query that hands out personal data (<see cref="IPersonalDataAccess"/>: an elder's page, an
/// export) on the audit trail, with how many rows, before the answer leaves; if the entry cannot be written the query
/// fails (fail closed). Commands of that kind are recorded by <see cref="AuditBehavior{TMessage,TResponse}"/>. Refused
/// and failed queries are not recorded here: they handed nothing out.
/// </summary>
public sealed class PersonalDataAccessBehavior<TMessage, TResponse>(AuditTrail trail, ICurrentUser user) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IPersonalDataAccess, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var response = await next(message, cancellationToken);
        if (message is IBaseCommand || response is Result { IsSuccess: false })
        {
            return response;
        }

        var rows = RowsOf(response);
        var detail = string.Create(CultureInfo.InvariantCulture, $"personal data; rows: {rows}");
        // Not the caller's token: what was handed out is recorded even if the caller went away.
        await trail.AppendAsync(user, new AuditRecord(AuditFacts.ActionName(typeof(TMessage)), AuditFacts.RecordIdOf(message), AuditOutcome.Succeeded, detail), CancellationToken.None);
        return response;
    }

    /// <summary>An export's rows, a page's items, or one record.</summary>
    private static int RowsOf(object? response) => response switch
    {
        IAccessCount counted => counted.Rows,
        Result => ValueOf(response) is IAccessCount counted ? counted.Rows : 1,
        System.Collections.ICollection items => items.Count,
        _ => 1,
    };

    private static object? ValueOf(object response) => response.GetType().GetProperty(nameof(Result<object>.Value))?.GetValue(response);
}
