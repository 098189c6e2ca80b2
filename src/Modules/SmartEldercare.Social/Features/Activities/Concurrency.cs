namespace SmartEldercare.Social.Features.Activities;

/// <summary>Retries a unit of work a few times when a concurrent save won the concurrency token (the loser re-reads).</summary>
internal static class Concurrency
{
    public static async Task<T> RetryAsync<T>(Func<Task<T>> attempt, Func<T> onGiveUp, int attempts = 20)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                return await attempt();
            }
            catch (DbUpdateConcurrencyException) when (i < attempts - 1)
            {
                // Someone else changed the same row: try again from fresh data.
            }
            catch (DbUpdateConcurrencyException)
            {
                return onGiveUp();
            }
        }
    }
}
