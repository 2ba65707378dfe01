using System.Collections.Concurrent;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Messaging;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Polls;

/// <summary>
/// The members of a poll's conversation, for "n of N members", refresh.userIds and reminders. Read through
/// the paged roster at most once per conversation every few minutes: 200 simultaneous votes share one read.
/// </summary>
internal sealed partial class PollRoster(IMessenger messenger, TimeProvider time, IOptions<PollsOptions> options, ILogger<PollRoster> logger)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset ReadAt, Lazy<Task<IReadOnlyList<UserRef>>> Members)> _cache = new(StringComparer.Ordinal);

    /// <summary>The members, or an empty list when the roster cannot be read (the bot was removed, or it is not a team).</summary>
    /// <param name="readAgain">Skip the cache: a ballot from someone the cached roster does not list may come from a member who joined since.</param>
    public async Task<IReadOnlyList<UserRef>> MembersAsync(string conversationId, CancellationToken cancellationToken, bool readAgain = false)
    {
        var now = time.GetUtcNow();
        var entry = _cache.AddOrUpdate(
            conversationId,
            _ => (now, new Lazy<Task<IReadOnlyList<UserRef>>>(() => ReadAsync(conversationId))),
            (_, existing) => !readAgain && now - existing.ReadAt < options.Value.RosterCacheDuration ? existing : (now, new Lazy<Task<IReadOnlyList<UserRef>>>(() => ReadAsync(conversationId))));
        return await entry.Members.Value.WaitAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<UserRef>> ReadAsync(string conversationId)
    {
        try
        {
            return await messenger.GetMembersAsync(conversationId, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A poll works without its roster (participation then shows ballots only); a failed read is retried after the cache delay.
            LogRosterUnavailable(logger, conversationId, ex.Message);
            return [];
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No roster for poll conversation {Conversation}: {Reason}")]
    private static partial void LogRosterUnavailable(ILogger logger, string conversation, string reason);
}
