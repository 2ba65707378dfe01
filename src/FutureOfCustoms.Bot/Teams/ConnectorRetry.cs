using System.Globalization;
using System.Net;
using Microsoft.Bot.Schema;

namespace FutureOfCustoms.Bot.Teams;

/// <summary>
/// Teams throttles bots (429) and its connector has transient failures (5xx, timeouts). Every call to the
/// connector retries those with exponential backoff and full jitter, and waits at least what Retry-After
/// asks. Other errors (400, 403, 404) are not retried: trying again cannot help.
/// </summary>
internal sealed class ConnectorRetry(TimeProvider time, ILogger<ConnectorRetry> logger)
{
    public const int MaxAttempts = 6;
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(2);

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call(cancellationToken);
            }
            catch (Exception ex) when (attempt < MaxAttempts && IsTransient(ex, cancellationToken))
            {
                var delay = DelayFor(ex, attempt);
                logger.LogWarning("Teams connector call failed ({Reason}); attempt {Attempt} of {MaxAttempts}, retrying in {Delay} ms", Describe(ex), attempt, MaxAttempts, (int)delay.TotalMilliseconds);
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    public Task RunAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken)
        => RunAsync<bool>(async ct => { await call(ct); return true; }, cancellationToken);

    internal static HttpStatusCode? StatusOf(Exception ex) => ex switch
    {
        ErrorResponseException { Response: { } response } => response.StatusCode,
        HttpRequestException { StatusCode: { } status } => status,
        _ => null,
    };

    private static bool IsTransient(Exception ex, CancellationToken cancellationToken) => StatusOf(ex) switch
    {
        HttpStatusCode.TooManyRequests => true,
        { } status => (int)status >= 500 && status != HttpStatusCode.NotImplemented,
        null => ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested),
    };

    private static TimeSpan DelayFor(Exception ex, int attempt)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        var backoff = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
        var retryAfter = RetryAfterOf(ex);
        return retryAfter is { } wait && wait > backoff ? (wait > MaxRetryAfter ? MaxRetryAfter : wait) : backoff;
    }

    internal static TimeSpan? RetryAfterOf(Exception ex)
    {
        if (ex is not ErrorResponseException { Response.Headers: { } headers })
        {
            return null;
        }

        var value = headers.FirstOrDefault(h => string.Equals(h.Key, "Retry-After", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
        if (value is null)
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(Math.Max(0, seconds));
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at - DateTimeOffset.UtcNow
            : null;
    }

    private static string Describe(Exception ex) => StatusOf(ex) is { } status ? $"HTTP {(int)status}" : ex.GetType().Name;
}
