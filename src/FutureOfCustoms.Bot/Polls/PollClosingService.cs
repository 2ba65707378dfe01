using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Polls;

/// <summary>
/// Closes polls at their closing time. It reads due polls from the store on every tick, so a poll whose time
/// passed while the bot was down closes on the first tick after the restart; the conditional close makes
/// sure two instances close a poll once.
/// </summary>
internal sealed partial class PollClosingService(PollService polls, TimeProvider time, IOptions<PollsOptions> options, ILogger<PollClosingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CloseCheckInterval, time);
        do
        {
            try
            {
                await polls.CloseDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failing store must not stop the service: the next tick tries again.
                LogFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Closing due polls failed; retrying on the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
