using FutureOfCustoms.Bot.Commands;

namespace FutureOfCustoms.Bot.Messaging;

/// <summary>A conversation the bot has been installed in, as the features see it.</summary>
public sealed record KnownConversation(ConversationRef Conversation, DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt, bool Installed);

/// <summary>The conversations the bot knows, e.g. to find the team's channel for a digest.</summary>
public interface IConversationDirectory
{
    Task<IReadOnlyList<KnownConversation>> ListAsync(CancellationToken cancellationToken);

    Task<KnownConversation?> FindAsync(string conversationId, CancellationToken cancellationToken);
}
