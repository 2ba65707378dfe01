using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Commands;

/// <summary>The one authorization check every moderator action goes through.</summary>
public interface IModeratorPolicy
{
    Task<bool> IsModeratorAsync(UserRef user, ConversationRef conversation, CancellationToken cancellationToken);
}

/// <summary>Moderators named in configuration (Bot:Moderators), by Entra object id.</summary>
internal sealed class ConfiguredModeratorPolicy(IOptionsMonitor<BotOptions> options) : IModeratorPolicy
{
    public Task<bool> IsModeratorAsync(UserRef user, ConversationRef conversation, CancellationToken cancellationToken)
    {
        var isModerator = user.AadObjectId is { Length: > 0 } id
            && options.CurrentValue.Moderators.Contains(id, StringComparer.OrdinalIgnoreCase);
        return Task.FromResult(isModerator);
    }
}
