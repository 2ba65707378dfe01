using FutureOfCustoms.Bot.Commands;

namespace FutureOfCustoms.Bot.Messaging;

/// <summary>
/// Proactive messages: what features send outside a turn (digests, reminders, notifications to an
/// author). Conversations are addressed by id; the bot must have been installed there (their references
/// are stored on install and on every turn). Throttling and transient failures are retried underneath; a
/// call that still fails throws <see cref="ConversationUnavailableException"/> (gone: do not try again) or
/// <see cref="DeliveryFailedException"/> (Teams did not take it: nothing was delivered, try again later), or, for a
/// new message Teams did not answer, <see cref="DeliveryUnknownException"/> (it may have been posted: never send it
/// again blindly).
/// </summary>
public interface IMessenger
{
    /// <summary>Posts a new message; in a channel, a new post (not a reply in a thread). Returns the message id.</summary>
    /// <exception cref="ConversationUnavailableException">the bot was removed or never installed there.</exception>
    Task<string> SendAsync(string conversationId, OutgoingMessage message, CancellationToken cancellationToken);

    /// <summary>Replaces a message the bot sent earlier, e.g. a card whose status changed.</summary>
    /// <exception cref="ConversationUnavailableException">the bot was removed, or the message is gone.</exception>
    Task UpdateAsync(string conversationId, string messageId, OutgoingMessage message, CancellationToken cancellationToken);

    /// <summary>Sends a 1:1 message to a member, opening the personal chat when there is none yet.</summary>
    Task<string> SendToUserAsync(UserRef user, string? tenantId, OutgoingMessage message, CancellationToken cancellationToken);

    /// <summary>The roster of a conversation (for a channel, the team's members), all pages.</summary>
    Task<IReadOnlyList<UserRef>> GetMembersAsync(string conversationId, CancellationToken cancellationToken);
}

/// <summary>A conversation the bot can no longer reach (removed from the team: 403, or unknown: 404).</summary>
public sealed class ConversationUnavailableException : Exception
{
    public ConversationUnavailableException()
    {
    }

    public ConversationUnavailableException(string message)
        : base(message)
    {
    }

    public ConversationUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// A send, update or roster read Teams did not complete even after the retries (throttled, server errors,
/// no answer in time): the conversation is still there, so it is worth trying again later.
/// </summary>
public class DeliveryFailedException : Exception
{
    public DeliveryFailedException()
    {
    }

    public DeliveryFailedException(string message)
        : base(message)
    {
    }

    public DeliveryFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// A new message Teams did not answer (a timeout, a connection lost after the request went out): it may have
/// been posted. It is a <see cref="DeliveryFailedException"/> so every existing handler still copes, but work
/// that would post again on failure (digests, results) records it as unknown and tells the moderator instead.
/// </summary>
public sealed class DeliveryUnknownException : DeliveryFailedException
{
    public DeliveryUnknownException()
    {
    }

    public DeliveryUnknownException(string message)
        : base(message)
    {
    }

    public DeliveryUnknownException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
