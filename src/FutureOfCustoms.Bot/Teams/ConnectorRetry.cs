using System.Globalization;
using System.Net;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Teams;

/// <summary>
/// Teams throttles bots (429) and its connector has transient failures (5xx, timeouts). Every call to the
/// connector retries those with exponential backoff and full jitter, and waits at least what Retry-After
/// asks. Other errors (400, 403, 404) are not retried: trying again cannot help.
/// </summary>
internal sealed partial class ConnectorRetry(TimeProvider time, IOptions<ConnectorOptions> options, ILogger<ConnectorRetry> logger)
{
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call(cancellationToken);
            }
            catch (Exception ex) when (attempt < settings.MaxAttempts && IsTransient(ex, cancellationToken))
            {
                var delay = DelayFor(ex, attempt, settings);
                LogRetrying(logger, Describe(ex), attempt, settings.MaxAttempts, (int)delay.TotalMilliseconds);
                await Task.Delay(delay, time, cancellationToken);
            }
            catch (Exception ex) when (IsTransient(ex, cancellationToken))
            {
                LogGaveUp(logger, Describe(ex), attempt);
                throw;
            }
        }
    }

    public Task RunAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken)
        => RunAsync<bool>(async ct => { await call(ct); return true; }, cancellationToken);

    internal static HttpStatusCode? StatusOf(Exception ex) => ex switch
    {
        ErrorResponseException { Response: { } response } => response.StatusCode,
        HttpRequestException { StatusCode: { } status } => status,
        Microsoft.Rest.HttpOperationException { Response: { } response } => response.StatusCode,
        _ => null,
    };

    /// <summary>A failure of the connector call itself (an HTTP status, no answer, a timeout), not a bug or a cancellation.</summary>
    internal static bool IsConnectorFailure(Exception ex, CancellationToken cancellationToken)
        => StatusOf(ex) is not null || ex is HttpRequestException || IsTimeout(ex, cancellationToken);

    internal static string Describe(Exception ex) => StatusOf(ex) is { } status ? $"HTTP {(int)status}" : ex.GetType().Name;

    private static bool IsTransient(Exception ex, CancellationToken cancellationToken) => StatusOf(ex) switch
    {
        HttpStatusCode.TooManyRequests => true,
        { } status => (int)status >= 500 && status != HttpStatusCode.NotImplemented,
        null => ex is HttpRequestException || IsTimeout(ex, cancellationToken),
    };

    /// <summary>HttpClient reports its timeout as a cancellation the caller did not ask for.</summary>
    private static bool IsTimeout(Exception ex, CancellationToken cancellationToken) => ex is TaskCanceledException && !cancellationToken.IsCancellationRequested;

    private TimeSpan DelayFor(Exception ex, int attempt, ConnectorOptions settings)
    {
        var ceiling = Math.Min(settings.MaxDelay.TotalMilliseconds, settings.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        var backoff = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
        var retryAfter = RetryAfterOf(ex);
        return retryAfter is { } wait && wait > backoff ? (wait > settings.MaxRetryAfter ? settings.MaxRetryAfter : wait) : backoff;
    }

    internal TimeSpan? RetryAfterOf(Exception ex)
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
            ? at - time.GetUtcNow()
            : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams connector call failed ({Reason}); attempt {Attempt} of {MaxAttempts}, retrying in {Delay} ms")]
    private static partial void LogRetrying(ILogger logger, string reason, int attempt, int maxAttempts, int delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Teams connector call failed ({Reason}) after {Attempts} attempts; given up")]
    private static partial void LogGaveUp(ILogger logger, string reason, int attempts);
}
