using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Messaging;

namespace FutureOfCustoms.Bot.Graph;

/// <summary>
/// Moderators are the configured ones plus the team's owners, so a group changes its moderators in Teams.
/// In a channel, the owners of that channel's team. In a personal chat, owners of any team the bot is installed
/// in: the group's moderators prepare polls and discussions in their own chat, and the bot serves one group, so
/// owning its team is what makes a moderator there. A group chat has no owners: only configured moderators.
/// When Graph fails, the configured moderators still work and the refusal is logged.
/// </summary>
internal sealed partial class GraphModeratorPolicy(
    ConfiguredModeratorPolicy configured, GraphConnection graph, GraphDirectory directory, IConversationDirectory conversations, ILogger<GraphModeratorPolicy> logger) : IModeratorPolicy
{
    public async Task<bool> IsModeratorAsync(UserRef user, ConversationRef conversation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(conversation);
        if (await configured.IsModeratorAsync(user, conversation, cancellationToken))
        {
            return true;
        }

        if (!graph.Enabled || string.IsNullOrEmpty(user.AadObjectId))
        {
            return false;
        }

        foreach (var team in await TeamsOfAsync(conversation, cancellationToken))
        {
            try
            {
                if ((await directory.TeamOwnersAsync(team, cancellationToken)).Contains(user.AadObjectId))
                {
                    return true;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogOwnersUnavailable(logger, team, e);
            }
        }

        return false;
    }

    private async Task<IReadOnlyList<string>> TeamsOfAsync(ConversationRef conversation, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(conversation.TeamAadGroupId))
        {
            return [conversation.TeamAadGroupId];
        }

        if (conversation.Kind != ConversationKind.Personal)
        {
            return [];
        }

        return [.. (await conversations.ListAsync(cancellationToken))
            .Where(c => c.Installed && !string.IsNullOrEmpty(c.Conversation.TeamAadGroupId))
            .Select(c => c.Conversation.TeamAadGroupId!)
            .Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph could not list the owners of team {Team}; only configured moderators are recognised there")]
    private static partial void LogOwnersUnavailable(ILogger logger, string team, Exception exception);
}
