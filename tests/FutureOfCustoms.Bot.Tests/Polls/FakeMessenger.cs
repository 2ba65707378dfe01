using System.Collections.Concurrent;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Messaging;

namespace FutureOfCustoms.Bot.Tests.Polls;

/// <summary>Proactive sends recorded in memory, and a roster the test chooses.</summary>
internal sealed class FakeMessenger : IMessenger
{
    private readonly TaskCompletionSource _firstUpdate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextId;

    public List<UserRef> Members { get; } = [];

    public ConcurrentQueue<(string ConversationId, OutgoingMessage Message)> Sent { get; } = new();

    public ConcurrentQueue<(string ConversationId, string MessageId, OutgoingMessage Message)> Updated { get; } = new();

    /// <summary>Completes with the first card update: a test awaits the work it set off instead of polling the clock.</summary>
    public Task FirstUpdate => _firstUpdate.Task;

    public ConcurrentQueue<(UserRef User, OutgoingMessage Message)> ToUsers { get; } = new();

    public int RosterReads;

    public static UserRef Member(string aadObjectId) => new($"29:{aadObjectId}", Support.TestBot.NameOf(aadObjectId), aadObjectId);

    public Task<string> SendAsync(string conversationId, OutgoingMessage message, CancellationToken cancellationToken)
    {
        Sent.Enqueue((conversationId, message));
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
