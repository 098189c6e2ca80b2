namespace SmartEldercare.Platform.Privacy;

/// <summary>
/// A request that hands out an elder's personal data: an elder's page, a reveal, an export or download with elders in
/// it. Each one that succeeds is on the audit trail with who, when, what and how many rows (PIPL art. 51/55), and if
/// that entry cannot be written the request fails: no personal data leaves without its record (fail closed). Commands
/// among them (reveals) are recorded by <see cref="Behaviors.AuditBehavior{TMessage,TResponse}"/>, queries by
/// <see cref="Behaviors.PersonalDataAccessBehavior{TMessage,TResponse}"/>.
/// </summary>
public interface IPersonalDataAccess;

/// <summary>An answer that says how many elders' rows it carries (an export's lines), for its access record.</summary>
public interface IAccessCount
{
    int Rows { get; }
}
