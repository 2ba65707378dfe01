using System.Diagnostics;
using System.Diagnostics.Metrics;
using FutureOfCustoms.Bot.Messaging;
using FutureOfCustoms.Bot.Observability;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Storage;

/// <summary>Does one kind of queued work. It may run again after a crash, so it must be safe to repeat.</summary>
public interface IWorkHandler
{
    string Kind { get; }

    Task HandleAsync(WorkItem item, CancellationToken cancellationToken);
}

/// <summary>
/// Claims due work from <see cref="IDurableWork"/> and runs its handler, one item at a time. On shutdown the item
/// in hand is released at once (its handler sees the cancellation), so the restarted bot or another instance
/// takes it over without waiting out the lease. A handler that throws gets the item retried after a backoff;
/// a send whose outcome is unknown is never retried: it goes straight to the dead letters, for a moderator.
/// </summary>
internal sealed partial class WorkQueueService : BackgroundService
{
    private readonly IDurableWork _queue;
    private readonly Dictionary<string, IWorkHandler> _handlers;
    private readonly IOptions<WorkQueueOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WorkQueueService> _logger;
    private readonly string _holder = $"{Environment.MachineName}-{Guid.NewGuid():N}";
    private WorkQueueStats _stats = new(0, 0, null, 0);

    public WorkQueueService(IDurableWork queue, IEnumerable<IWorkHandler> handlers, IOptions<WorkQueueOptions> options, TimeProvider time, BotTelemetry telemetry, ILogger<WorkQueueService> logger)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        _queue = queue;
        _handlers = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);
        _options = options;
        _time = time;
        _logger = logger;
        telemetry.ObserveQueue(
            () => new Measurement<long>(_stats.Waiting + _stats.InHand),
            () => new Measurement<double>(_stats.OldestDueAt is { } due ? Math.Max(0, (_time.GetUtcNow() - due).TotalSeconds) : 0));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunOnceAsync(stoppingToken))
                {
                    continue;
                }

                _stats = await _queue.StatsAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The store is out: the work stays where it is, and the next poll tries again.
                LogPollFailed(_logger, ex);
            }

            try
            {
                await Task.Delay(_options.Value.PollInterval, _time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Claims and runs the item due first; false when nothing was due.</summary>
    internal async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        if (await _queue.TryClaimAsync(_holder, stoppingToken) is not { } work)
        {
            return false;
        }

        await RunAsync(work, stoppingToken);
        return true;
    }

    private async Task RunAsync(ClaimedWork work, CancellationToken stoppingToken)
    {
        var item = work.Item;
        using var span = BotTelemetry.Traces.StartActivity($"work {item.Kind}");
        span?.SetTag("bot.work.attempt", item.Attempts);
        if (!_handlers.TryGetValue(item.Kind, out var handler))
        {
            await _queue.DeadLetterAsync(work, $"No handler for work of kind {item.Kind}.", CancellationToken.None);
            return;
        }

        try
        {
            await handler.HandleAsync(item, stoppingToken);
            await _queue.CompleteAsync(work, CancellationToken.None);
            LogDone(_logger, item.Kind, item.Key, item.Attempts);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await _queue.ReleaseAsync(work, CancellationToken.None);
            LogReleased(_logger, item.Kind, item.Key);
        }
        catch (DeliveryUnknownException ex)
        {
            span?.SetStatus(ActivityStatusCode.Error, "unknown delivery");
            LogUnknown(_logger, item.Kind, item.Key, ex.Message);
            await _queue.DeadLetterAsync(work, ex.Message, CancellationToken.None);
        }
        catch (Exception ex)
        {
            span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            LogFailed(_logger, item.Kind, item.Key, item.Attempts, ex);
            await _queue.FailAsync(work, ex.Message, CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Work {Kind} {Key} done (attempt {Attempt})")]
    private static partial void LogDone(ILogger logger, string kind, string key, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Work {Kind} {Key} released on shutdown; the next instance takes it over")]
    private static partial void LogReleased(ILogger logger, string kind, string key);

    [LoggerMessage(Level = LogLevel.Error, Message = "Work {Kind} {Key} may or may not have reached Teams ({Reason}); not retried, listed for the moderator")]
    private static partial void LogUnknown(ILogger logger, string kind, string key, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Work {Kind} {Key} failed (attempt {Attempt}); retried after a backoff or listed for the moderator once attempts are spent")]
    private static partial void LogFailed(ILogger logger, string kind, string key, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the work queue; trying again at the next poll")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
