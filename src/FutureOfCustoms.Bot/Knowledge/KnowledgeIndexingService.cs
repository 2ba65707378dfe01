using System.Diagnostics;

namespace FutureOfCustoms.Bot.Knowledge;

/// <summary>Builds the index in the background at start-up so the first question does not pay for it.</summary>
internal sealed partial class KnowledgeIndexingService(KnowledgeBase knowledge, ILogger<KnowledgeIndexingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            await knowledge.EnsureIndexedAsync(stoppingToken);
            var count = await knowledge.CountAsync(stoppingToken);
            LogIndexed(count, watch.ElapsedMilliseconds);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The bot keeps answering its other commands; searches will report the same failure.
            LogFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge index ready: {Count} passages in {ElapsedMs} ms")]
    private partial void LogIndexed(long count, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Knowledge index could not be built")]
    private partial void LogFailed(Exception exception);
}
