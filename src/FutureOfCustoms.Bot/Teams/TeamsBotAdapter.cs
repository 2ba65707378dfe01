using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace FutureOfCustoms.Bot.Teams;

// CloudAdapter has several public constructors, which the DI container cannot choose between.
internal sealed class TeamsBotAdapter : CloudAdapter
{
    public TeamsBotAdapter(BotFrameworkAuthentication auth, OutgoingSizeGuard sizeGuard, ConnectorRetryMiddleware retry, ILogger<TeamsBotAdapter> logger)
        : base(auth, logger)
    {
        // The guard first: what the retries send is already within Teams' limits.
        Use(sizeGuard);
        Use(retry);
        OnTurnError = async (turnContext, exception) =>
        {
            var activity = turnContext.Activity;
            logger.LogError(exception, "Unhandled error in turn {ActivityId} ({ActivityType}) of conversation {ConversationId}", activity?.Id, activity?.Type, activity?.Conversation?.Id);
            if (activity?.Type is not (ActivityTypes.Message or ActivityTypes.Invoke))
            {
                return;
            }

            try
            {
                // Only a short apology: no exception detail or stack trace ever reaches a user.
                var culture = TurnMapping.CultureOf(activity);
                await turnContext.SendActivityAsync(MessageFactory.Text(TeamsStrings.ResourceManager.GetString(nameof(TeamsStrings.TurnError), culture)));
            }
            catch (Exception sendFailure) when (sendFailure is not OperationCanceledException)
            {
                logger.LogError(sendFailure, "Could not send the apology for turn {ActivityId}", activity.Id);
            }
        };
    }
}
