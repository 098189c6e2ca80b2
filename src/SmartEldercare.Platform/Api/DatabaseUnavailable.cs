using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace SmartEldercare.Platform.Api;

/// <summary>
/// When the database cannot be reached (down, restarting, locked past its timeout), machine clients are told to come back:
/// 503 with <c>Retry-After</c>, so a device or terminal retries instead of losing what it sent. One rule for every endpoint.
/// </summary>
public static class DatabaseUnavailable
{
    /// <summary>
    /// The database did not answer: a provider or timeout error, also wrapped by EF Core's save or by a failed connection
    /// open. A lost concurrency race is not one (the row was there, someone else changed it).
    /// </summary>
    public static bool Is(Exception ex) =>
        ex is not DbUpdateConcurrencyException
        && (ex is DbException or TimeoutException or DbUpdateException
            || (ex is InvalidOperationException && ex.InnerException is DbException or TimeoutException));

    /// <summary>The answer: 503, titled for the client, with the seconds after which to retry.</summary>
    public static ProblemHttpResult Answer(HttpContext http, string title, int retryAfterSeconds)
    {
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: title);
    }
}
