using System.Collections.Concurrent;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Messaging;

namespace FutureOfCustoms.Bot.Tests.Polls;

/// <summary>Proactive sends recorded in memory, and a roster the test chooses.</summary>
internal sealed class FakeMessenger : IMessenger
{
    private readonly TaskCompletionSource _firstUpdate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(Func<OutgoingMessage, bool> Condition, TaskCompletionSource<OutgoingMessage> Sent)> _awaitedPosts = [];
    private int _nextId;

    public List<UserRef> Members { get; } = [];

    public ConcurrentQueue<(string ConversationId, OutgoingMessage Message)> Sent { get; } = new();

    public ConcurrentQueue<(string ConversationId, string MessageId, OutgoingMessage Message)> Updated { get; } = new();

    /// <summary>Completes with the first card update: a test awaits the work it set off instead of polling the clock.</summary>
    public Task FirstUpdate => _firstUpdate.Task;

    public ConcurrentQueue<(UserRef User, OutgoingMessage Message)> ToUsers { get; } = new();

    /// <summary>
    /// Completes with the first post (earlier or later) that matches: a test awaits work a background service does
    /// instead of polling for it.
    /// </summary>
    public Task<OutgoingMessage> PostedAsync(Func<OutgoingMessage, bool> condition)
    {
        lock (_awaitedPosts)
        {
            if (Sent.Select(s => s.Message).FirstOrDefault(condition) is { } earlier)
            {
                return Task.FromResult(earlier);
            }

            var awaited = new TaskCompletionSource<OutgoingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
            _awaitedPosts.Add((condition, awaited));
            return awaited.Task;
        }
    }

    public int RosterReads;

    public static UserRef Member(string aadObjectId) => new($"29:{aadObjectId}", Support.TestBot.NameOf(aadObjectId), aadObjectId);

    public Task<string> SendAsync(string conversationId, OutgoingMessage message, CancellationToken cancellationToken)
    {
        lock (_awaitedPosts)
        {
            Sent.Enqueue((conversationId, message));
            foreach (var awaited in _awaitedPosts.Where(a => a.Condition(message)).ToList())
            {
                _awaitedPosts.Remove(awaited);
                awaited.Sent.TrySetResult(message);
            }
        }

        return Task.FromResult($"message-{Interlocked.Increment(ref _nextId)}");
    }

    public Task UpdateAsync(string conversationId, string messageId, OutgoingMessage message, CancellationToken cancellationToken)
    {
        Updated.Enqueue((conversationId, messageId, message));
        _firstUpdate.TrySetResult();
        return Task.CompletedTask;
    }

    public Task<string> SendToUserAsync(UserRef user, string? tenantId, OutgoingMessage message, CancellationToken cancellationToken)
    {
        ToUsers.Enqueue((user, message));
        return Task.FromResult($"message-{Interlocked.Increment(ref _nextId)}");
    }

    public Task<IReadOnlyList<UserRef>> GetMembersAsync(string conversationId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref RosterReads);
        return Task.FromResult<IReadOnlyList<UserRef>>([.. Members]);
    }
}
