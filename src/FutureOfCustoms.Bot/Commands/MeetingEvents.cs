namespace FutureOfCustoms.Bot.Commands;

/// <summary>What features do when a Teams meeting whose chat the bot is in ends (the Teams layer raises it).</summary>
public interface IMeetingEvents
{
    Task MeetingEndedAsync(ConversationRef conversation, CancellationToken cancellationToken);
}
