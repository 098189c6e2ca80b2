namespace SmartEldercare.Platform.Common;

public enum ResultStatus
{
    Ok,
    NotFound,
    Invalid,
    Conflict,
    Forbidden,
}

/// <summary>A field-level error; <see cref="Field"/> is the command's property name.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>
/// The outcome of a command or query: expected failures (not found, invalid, conflict) are values,
/// shown by the UI as localized messages and mapped by the API to ProblemDetails.
/// </summary>
public class Result
{
    protected Result(ResultStatus status, string? message, IReadOnlyList<FieldError>? errors)
    {
        Status = status;
        Message = message;
        Errors = errors ?? [];
    }

    public ResultStatus Status { get; }

    public string? Message { get; }

    public IReadOnlyList<FieldError> Errors { get; }

    public bool IsSuccess => Status == ResultStatus.Ok;

    public static Result Ok() => new(ResultStatus.Ok, null, null);

    public static Result NotFound(string? message = null) => new(ResultStatus.NotFound, message, null);

    public static Result Conflict(string message) => new(ResultStatus.Conflict, message, null);

    public static Result Forbidden(string? message = null) => new(ResultStatus.Forbidden, message, null);

    public static Result Invalid(string field, string message) => new(ResultStatus.Invalid, message, [new FieldError(field, message)]);

    public static Result Invalid(IReadOnlyList<FieldError> errors) => new(ResultStatus.Invalid, errors.Count > 0 ? errors[0].Message : null, errors);

    public Result<T> As<T>() => new(Status, Message, Errors, default);
}

public sealed class Result<T> : Result
{
    internal Result(ResultStatus status, string? message, IReadOnlyList<FieldError>? errors, T? value)
        : base(status, message, errors) => Value = value;

    public T? Value { get; }

    public static Result<T> Ok(T value) => new(ResultStatus.Ok, null, null, value);

    public static implicit operator Result<T>(T value) => Ok(value);
}
