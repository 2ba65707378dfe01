using System.Globalization;
using System.Net;
using FutureOfCustoms.Bot.Messaging;
using FutureOfCustoms.Bot.Observability;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace FutureOfCustoms.Bot.Teams;

/// <summary>What a connector call does to Teams, which decides what may be tried again.</summary>
internal enum ConnectorCall
{
    /// <summary>
    /// A new message (POST). The Bot Connector takes no idempotency key, so it is sent again only when Teams
    /// answered that it did not take it (429, 5xx). Without an answer (a timeout, a connection cut after the
    /// request went out) it may have been posted: the send ends as <see cref="DeliveryUnknownException"/>.
    /// </summary>
    NewMessage,

    /// <summary>An update (PUT), a read, or opening a 1:1 chat (Teams answers with the existing one): safe to repeat.</summary>
    Repeatable,
}

/// <summary>
/// Teams throttles bots (429) and its connector has transient failures (5xx, timeouts). Every call goes
/// through a Polly retry pipeline: exponential backoff with jitter, at least what Retry-After asks. Other
/// errors (400, 403, 404) are not retried: trying again cannot help. Which failures are retried depends on
/// <see cref="ConnectorCall"/>: a new message is never sent again when it may already have been posted.
/// </summary>
internal sealed partial class ConnectorRetry
{
    private readonly TimeProvider _time;
    private readonly BotTelemetry _telemetry;
    private readonly ILogger<ConnectorRetry> _logger;
    private readonly ConnectorOptions _settings;
    private readonly ResiliencePipeline _newMessages;
    private readonly ResiliencePipeline _repeatable;

    public ConnectorRetry(TimeProvider time, IOptions<ConnectorOptions> options, BotTelemetry telemetry, ILogger<ConnectorRetry> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _telemetry = telemetry;
        _logger = logger;
        _settings = options.Value;
        _newMessages = Build(ConnectorCall.NewMessage);
        _repeatable = Build(ConnectorCall.Repeatable);
    }

    public async Task<T> RunAsync<T>(ConnectorCall kind, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var pipeline = kind == ConnectorCall.NewMessage ? _newMessages : _repeatable;
        var attempts = 0;
        try
        {
            var result = await pipeline.ExecuteAsync(
                async (state, ct) =>
                {
                    attempts++;
                    return await state(ct);
                },
                call,
                cancellationToken);
            Counted(kind, "ok");
            return result;
        }
        catch (Exception ex) when (kind == ConnectorCall.NewMessage && MayHaveArrived(ex, cancellationToken))
        {
            LogUnknown(_logger, Describe(ex));
            Counted(kind, "unknown");
            throw new DeliveryUnknownException($"Teams did not answer a new message ({Describe(ex)}); it may have been posted, so it is not sent again.", ex);
        }
        catch (Exception ex) when (IsConnectorFailure(ex, cancellationToken))
        {
            if (IsTransient(kind, ex, cancellationToken))
            {
                LogGaveUp(_logger, Describe(ex), attempts);
            }

            Counted(kind, StatusOf(ex) is { } status ? ((int)status).ToString(CultureInfo.InvariantCulture) : "failed");
            throw;
        }
    }

    public Task RunAsync(ConnectorCall kind, Func<CancellationToken, Task> call, CancellationToken cancellationToken)
        => RunAsync<bool>(kind, async ct => { await call(ct); return true; }, cancellationToken);

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

    private static string KindName(ConnectorCall kind) => kind == ConnectorCall.NewMessage ? "new-message" : "repeatable";

    private void Counted(ConnectorCall kind, string outcome) => _telemetry.ConnectorCall(KindName(kind), outcome);

    // Polly counts retries, not attempts: one attempt in all is a pipeline without the retry.
    private ResiliencePipeline Build(ConnectorCall kind) => _settings.MaxAttempts == 1 ? ResiliencePipeline.Empty : new ResiliencePipelineBuilder { TimeProvider = _time }
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = _settings.MaxAttempts - 1,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = _settings.BaseDelay,
            MaxDelay = _settings.MaxDelay,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && IsTransient(kind, ex, args.Context.CancellationToken)),
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is { } ex ? RetryAfterOf(ex) : null),
            OnRetry = args =>
            {
                var reason = Describe(args.Outcome.Exception!);
                _telemetry.ConnectorRetry(KindName(kind), StatusOf(args.Outcome.Exception!) is { } status ? (int)status : null);
                LogRetrying(_logger, reason, args.AttemptNumber + 1, _settings.MaxAttempts, (int)args.RetryDelay.TotalMilliseconds);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    /// <summary>
    /// Failures worth another attempt. For a new message only an answer saying Teams did not take it (429, 5xx)
    /// or a connection that was never made; for a repeatable call any transient failure, timeouts included.
    /// </summary>
    private static bool IsTransient(ConnectorCall kind, Exception ex, CancellationToken cancellationToken) => StatusOf(ex) switch
    {
        HttpStatusCode.TooManyRequests => true,
        { } status => (int)status >= 500 && status != HttpStatusCode.NotImplemented,
        null when kind == ConnectorCall.NewMessage => NeverSent(ex),
        null => ex is HttpRequestException || IsTimeout(ex, cancellationToken),
    };

    /// <summary>No answer, yet the request may have reached Teams: a timeout or a connection lost after it was made.</summary>
    private static bool MayHaveArrived(Exception ex, CancellationToken cancellationToken)
        => StatusOf(ex) is null && (IsTimeout(ex, cancellationToken) || (ex is HttpRequestException && !NeverSent(ex)));

    /// <summary>The connection was never made (name, connect or TLS failure), so nothing reached Teams.</summary>
    private static bool NeverSent(Exception ex) => ex is HttpRequestException
    {
        HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError,
    };

    /// <summary>HttpClient reports its timeout as a cancellation the caller did not ask for.</summary>
    private static bool IsTimeout(Exception ex, CancellationToken cancellationToken) => ex is TaskCanceledException && !cancellationToken.IsCancellationRequested;

    /// <summary>Retry-After, cut to <see cref="ConnectorOptions.MaxRetryAfter"/>; null (the backoff) when Teams gave none.</summary>
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

        TimeSpan? wait = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(Math.Max(0, seconds))
            : DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at - _time.GetUtcNow() : null;
        return wait is { } w ? TimeSpan.FromTicks(Math.Clamp(w.Ticks, 0, _settings.MaxRetryAfter.Ticks)) : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams connector call failed ({Reason}); attempt {Attempt} of {MaxAttempts} next, in {Delay} ms")]
    private static partial void LogRetrying(ILogger logger, string reason, int attempt, int maxAttempts, int delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Teams connector call failed ({Reason}) after {Attempts} attempts; given up")]
    private static partial void LogGaveUp(ILogger logger, string reason, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Teams did not answer a new message ({Reason}); its outcome is unknown and it is not sent again")]
    private static partial void LogUnknown(ILogger logger, string reason);
}
