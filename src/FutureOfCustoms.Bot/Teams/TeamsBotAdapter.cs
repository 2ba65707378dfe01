using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace FutureOfCustoms.Bot.Teams;

// CloudAdapter has several public constructors, which the DI container cannot choose between.
internal sealed partial class TeamsBotAdapter : CloudAdapter
{
    private readonly ILogger<TeamsBotAdapter> _logger;

    public TeamsBotAdapter(BotFrameworkAuthentication auth, TenantGuard tenants, MemberTurnGate members, OutgoingSizeGuard sizeGuard, ConnectorRetryMiddleware retry, ILogger<TeamsBotAdapter> logger)
        : base(auth, logger)
    {
        _logger = logger;

        // Strangers first: a foreign tenant's activity goes no further, and its refusal still goes through the retries.
        Use(tenants);
        Use(members);
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

    /// <summary>
    /// <see cref="CloudAdapter.ProcessAsync(HttpRequest, HttpResponse, IBot, CancellationToken)"/>, with malformed
    /// activities answered 400. Before any turn starts, the Bot Framework builds a connector client from the
    /// activity's serviceUrl; a missing or mistyped one throws outside the turn's error handler and would end
    /// the request in a 500. Exceptions inside a turn never get here (OnTurnError handles them), so an argument
    /// or URI error escaping is the sender's malformed activity, not a fault of the bot.
    /// </summary>
    public async Task ProcessRequestAsync(HttpRequest request, HttpResponse response, IBot bot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        try
        {
            await ProcessAsync(request, response, bot, cancellationToken);
        }
        catch (Exception exception) when (exception is ArgumentException or UriFormatException && !response.HasStarted)
        {
            LogMalformed(_logger, exception.Message);
            response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a malformed activity: {Reason}")]
    private static partial void LogMalformed(ILogger logger, string reason);
}
