using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Digest;

/// <summary>
/// Wakes at each scheduled moment (and at least every tick, to retry failures and notice new teams) and
/// posts what is due. All state is in the store, so a restart simply carries on.
/// </summary>
internal sealed partial class DigestBackgroundService(DigestService digests, IOptionsMonitor<DigestOptions> options, TimeProvider time, ILogger<DigestBackgroundService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await digests.RunDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogCheckFailed(logger, ex);
            }

            var now = time.GetUtcNow();
            var tick = options.CurrentValue.Tick;
            var wait = digests.NextOccurrence(now) is { } next && next - now < tick ? next - now : tick;
            try
            {
                await Task.Delay(wait, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Digest check failed; trying again at the next tick")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}
