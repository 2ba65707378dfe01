using System.Net;
using System.Runtime.ExceptionServices;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Messaging;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Teams;

/// <summary>Proactive messages through the Bot Connector, on the stored conversation references.</summary>
internal sealed class TeamsMessenger(TeamsBotAdapter adapter, ConversationReferenceStore conversations, ConnectorRetry retry, IOptions<BotIdentityOptions> identity) : IMessenger
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
        var chatId = user.AadObjectId is { Length: > 0 } aadObjectId && await conversations.FindPersonalChatAsync(tenantId, aadObjectId, cancellationToken) is { } known
            ? known
            : await OpenPersonalChatAsync(user, tenantId, cancellationToken);
        return await SendAsync(chatId, message, cancellationToken);
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
                // Only sends and updates go through the adapter's middleware: the roster read is retried here.
                var page = await retry.RunAsync(ConnectorCall.Repeatable, c => TeamsInfo.GetPagedMembersAsync(turnContext, 500, continuation, c), ct);
                members.AddRange(page.Members.Select(m => new UserRef(m.Id, m.Name ?? string.Empty, m.AadObjectId)));
                continuation = page.ContinuationToken;
            }
            while (!string.IsNullOrEmpty(continuation));
        }, cancellationToken);
        return members;
    }

    /// <summary>
    /// Opens (or finds again: Teams answers with the existing one) the 1:1 chat and stores its reference. Only
    /// the creation is retried here; the message then goes like any other, under the middleware's retries.
    /// </summary>
    private async Task<string> OpenPersonalChatAsync(UserRef user, string? tenantId, CancellationToken cancellationToken)
    {
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
        string? chatId = null;
        var turn = new ProactiveTurn(async (turnContext, ct) =>
        {
            await conversations.RememberAsync(turnContext.Activity, installed: true, ct);
            chatId = turnContext.Activity.Conversation.Id;
        });
        await CallAsync($"a 1:1 chat with {user.Id}", () => retry.RunAsync(ConnectorCall.Repeatable, ct => adapter.CreateConversationAsync(BotAppId, template.ChannelId, template.ServiceUrl, null, parameters, turn.RunAsync, ct), cancellationToken), cancellationToken);
        turn.ThrowIfFailed();
        return chatId ?? throw new DeliveryFailedException($"Teams opened no 1:1 chat with {user.Id}.");
    }

    private async Task<ConversationReference> ReferenceAsync(string conversationId, CancellationToken cancellationToken)
    {
        return await conversations.FindReferenceAsync(conversationId, cancellationToken)
            ?? throw new ConversationUnavailableException($"The bot has no reference to conversation {conversationId}: it was never installed there.");
    }

    private Task ContinueAsync(ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken)
        => CallAsync($"conversation {reference.Conversation.Id}", async () =>
        {
            var turn = new ProactiveTurn(callback);
            await adapter.ContinueConversationAsync(BotAppId, reference, turn.RunAsync, cancellationToken);
            turn.ThrowIfFailed();
        }, cancellationToken);

    /// <summary>Turns what the connector threw, once retried, into the two outcomes features act on.</summary>
    private static async Task CallAsync(string target, Func<Task> call, CancellationToken cancellationToken)
    {
        try
        {
            await call();
        }
        catch (Exception ex) when (IsGone(ex))
        {
            throw new ConversationUnavailableException($"Teams refused access to {target} ({ConnectorRetry.Describe(ex)}; the bot may have been removed).", ex);
        }
        catch (Exception ex) when (ConnectorRetry.IsConnectorFailure(ex, cancellationToken))
        {
            throw new DeliveryFailedException($"Teams did not complete a call to {target} ({ConnectorRetry.Describe(ex)}), even after retrying.", ex);
        }
    }

    private static bool IsGone(Exception ex) => ConnectorRetry.StatusOf(ex) is HttpStatusCode.Forbidden or HttpStatusCode.NotFound;

    /// <summary>
    /// The adapter hands an exception thrown in a turn to its OnTurnError, which logs it and returns: a
    /// proactive send that failed would look delivered (with an empty message id). The failure is carried out
    /// of the turn and thrown to the caller instead.
    /// </summary>
    private sealed class ProactiveTurn(BotCallbackHandler callback)
    {
        private ExceptionDispatchInfo? _failure;

        public async Task RunAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        {
            try
            {
                await callback(turnContext, cancellationToken);
            }
            catch (Exception ex)
            {
                _failure = ExceptionDispatchInfo.Capture(ex);
            }
        }

        public void ThrowIfFailed() => _failure?.Throw();
    }
}
