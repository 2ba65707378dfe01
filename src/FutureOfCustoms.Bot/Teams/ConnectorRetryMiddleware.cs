using Microsoft.Bot.Builder;

namespace FutureOfCustoms.Bot.Teams;

/// <summary>Puts every send (a new message) and update (repeatable) of every turn, replies and proactive messages alike, under <see cref="ConnectorRetry"/>.</summary>
internal sealed class ConnectorRetryMiddleware(ConnectorRetry retry) : Microsoft.Bot.Builder.IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        turnContext.OnSendActivities((_, _, send) => retry.RunAsync(ConnectorCall.NewMessage, _ => send(), cancellationToken));
        turnContext.OnUpdateActivity((_, _, update) => retry.RunAsync(ConnectorCall.Repeatable, _ => update(), cancellationToken));
        await next(cancellationToken);
    }
}
