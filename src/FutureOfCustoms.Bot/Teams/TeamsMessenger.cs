using System.Net;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Messaging;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Teams;

/// <summary>Proactive messages through the Bot Connector, on the stored conversation references.</summary>
internal sealed class TeamsMessenger(TeamsBotAdapter adapter, ConversationReferenceStore conversations, IOptions<BotIdentityOptions> identity) : IMessenger
{
    private string BotAppId => identity.Value.MicrosoftAppId ?? string.Empty;

    public async Task<string> SendAsync(string conversationId, OutgoingMessage message, CancellationToken cancellationToken)
    {
        var reference = await ReferenceAsync(conversationId, cancellationToken);
        string? id = null;
        await ContinueAsync(reference, async (turnContext, ct) =>
        {
            // The continuation activity carries a made-up id; sent as a reply to it, the post would go to
            // /activities/{id} instead of starting a new post in the conversation.
            turnContext.Activity.Id = null;
            id = (await turnContext.SendActivityAsync(TurnMapping.ToActivity(message), ct))?.Id;
        }, cancellationToken);
        return id ?? string.Empty;
    }

    public async Task UpdateAsync(string conversationId, string messageId, OutgoingMessage message, CancellationToken cancellationToken)
    {
        var reference = await ReferenceAsync(conversationId, cancellationToken);
        await ContinueAsync(reference, async (turnContext, ct) =>
        {
            var activity = TurnMapping.ToActivity(message);
            activity.Id = messageId;
            await turnContext.UpdateActivityAsync(activity, ct);
        }, cancellationToken);
    }

    public async Task<string> SendToUserAsync(UserRef user, string? tenantId, OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.AadObjectId is { Length: > 0 } aadObjectId && await conversations.FindPersonalChatAsync(tenantId, aadObjectId, cancellationToken) is { } chatId)
        {
            return await SendAsync(chatId, message, cancellationToken);
        }

        var template = await conversations.AnyReferenceAsync(tenantId, cancellationToken)
            ?? throw new ConversationUnavailableException($"The bot knows no conversation in tenant {tenantId} to reach {user.Id} from.");
        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = template.Bot,
            Members = [new ChannelAccount(user.Id, user.Name, aadObjectId: user.AadObjectId)],
            TenantId = tenantId,
            ChannelData = new TeamsChannelData { Tenant = new TenantInfo(tenantId) },
        };
        string? id = null;
        try
        {
            await adapter.CreateConversationAsync(BotAppId, template.ChannelId, template.ServiceUrl, null, parameters, async (turnContext, ct) =>
            {
                await conversations.RememberAsync(turnContext.Activity, installed: true, ct);
                id = (await turnContext.SendActivityAsync(TurnMapping.ToActivity(message), ct))?.Id;
            }, cancellationToken);
        }
        catch (Exception ex) when (IsGone(ex))
        {
            throw new ConversationUnavailableException($"Teams refused a 1:1 chat with {user.Id}.", ex);
        }

        return id ?? string.Empty;
    }

    public async Task<IReadOnlyList<UserRef>> GetMembersAsync(string conversationId, CancellationToken cancellationToken)
    {
        var reference = await ReferenceAsync(conversationId, cancellationToken);
        var members = new List<UserRef>();
        await ContinueAsync(reference, async (turnContext, ct) =>
        {
            string? continuation = null;
            do
            {
                var page = await TeamsInfo.GetPagedMembersAsync(turnContext, 500, continuation, ct);
                members.AddRange(page.Members.Select(m => new UserRef(m.Id, m.Name ?? string.Empty, m.AadObjectId)));
                continuation = page.ContinuationToken;
            }
            while (!string.IsNullOrEmpty(continuation));
        }, cancellationToken);
        return members;
    }

    private async Task<ConversationReference> ReferenceAsync(string conversationId, CancellationToken cancellationToken)
    {
        return await conversations.FindReferenceAsync(conversationId, cancellationToken)
            ?? throw new ConversationUnavailableException($"The bot has no reference to conversation {conversationId}: it was never installed there.");
    }

    private async Task ContinueAsync(ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        try
        {
            await adapter.ContinueConversationAsync(BotAppId, reference, callback, cancellationToken);
        }
        catch (Exception ex) when (IsGone(ex))
        {
            throw new ConversationUnavailableException($"Teams refused access to conversation {reference.Conversation.Id} (the bot may have been removed).", ex);
        }
    }

    private static bool IsGone(Exception ex) => ConnectorRetry.StatusOf(ex) is HttpStatusCode.Forbidden or HttpStatusCode.NotFound;
}
