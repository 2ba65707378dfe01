using FutureOfCustoms.Bot.Commands;

namespace FutureOfCustoms.Bot.Messaging;

/// <summary>
/// How a batch of 1:1 messages went: who got it, who cannot be reached (no chat with the bot), and whose
/// message Teams did not take even after retrying (worth sending again later).
/// </summary>
public sealed record PacedSendReport(IReadOnlyList<UserRef> Sent, IReadOnlyList<UserRef> Unreachable, IReadOnlyList<UserRef> Failed)
{
    public int NotReached => Unreachable.Count + Failed.Count;
}

/// <summary>
/// Sends one 1:1 message to each of many members (reminders, notifications) under the Teams limits for a
/// bot: at most 7 messages a second and 60 in any 30 seconds. Throttling that still happens (429) is
/// retried by the connector layer; a member the bot cannot reach, or whose message still failed, is
/// reported and the others still get theirs.
/// </summary>
/// <remarks>
/// Hand-written rather than System.Threading.RateLimiting's SlidingWindowRateLimiter: those limiters replenish on
/// their own timers with no TimeProvider, so the pacing could only be tested by waiting real seconds. This window
/// runs on the injected clock, which tests move by hand.
/// </remarks>
public sealed partial class PacedSender(IMessenger messenger, TimeProvider time, ILogger<PacedSender> logger) : IDisposable
{
    private static readonly (int Count, TimeSpan Window)[] Limits = [(7, TimeSpan.FromSeconds(1)), (60, TimeSpan.FromSeconds(30))];
    private readonly Queue<DateTimeOffset> _recent = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<PacedSendReport> SendAsync(IEnumerable<UserRef> users, string? tenantId, Func<UserRef, OutgoingMessage> message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(message);
        var sent = new List<UserRef>();
        var unreachable = new List<UserRef>();
        var failed = new List<UserRef>();
        foreach (var user in users)
        {
            await WaitForSlotAsync(cancellationToken);
            try
            {
                await messenger.SendToUserAsync(user, tenantId, message(user), cancellationToken);
                sent.Add(user);
            }
            catch (ConversationUnavailableException ex)
            {
                LogUnreachable(logger, user.Id, ex.Message);
                unreachable.Add(user);
            }
            catch (DeliveryFailedException ex)
            {
                LogFailed(logger, user.Id, ex.Message);
                failed.Add(user);
            }
        }

        return new PacedSendReport(sent, unreachable, failed);
    }

    private async Task WaitForSlotAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                var now = time.GetUtcNow();
                while (_recent.Count > 0 && now - _recent.Peek() >= Limits[^1].Window)
                {
                    _recent.Dequeue();
                }

                var wait = Limits
                    .Select(limit => WaitFor(limit.Count, limit.Window, now))
                    .Max();
                if (wait <= TimeSpan.Zero)
                {
                    _recent.Enqueue(now);
                    return;
                }

                await Task.Delay(wait, time, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>How long until fewer than <paramref name="count"/> sends fall inside the window ending now.</summary>
    private TimeSpan WaitFor(int count, TimeSpan window, DateTimeOffset now)
    {
        var inWindow = _recent.Where(t => now - t < window).ToList();
        return inWindow.Count < count ? TimeSpan.Zero : inWindow[^count] + window - now;
    }

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reach {User} for a 1:1 message: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string user, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams did not take the 1:1 message to {User}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string user, string reason);
}
