using FutureOfCustoms.Bot.Commands;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Teams;

/// <summary>
/// The first middleware: an activity from a tenant outside <see cref="BotOptions.AllowedTenants"/> never reaches
/// the bot, so nothing about it (conversation reference, suggestion, vote) is stored. A message or card action
/// gets one polite refusal; installs and other events get nothing.
/// </summary>
internal sealed partial class TenantGuard(IOptions<BotOptions> options, ILogger<TenantGuard> logger) : Microsoft.Bot.Builder.IMiddleware
{
    private readonly HashSet<string> _allowed = new(options.Value.AllowedTenants, StringComparer.OrdinalIgnoreCase);

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var activity = turnContext.Activity;
        var tenant = TurnMapping.ToConversationRef(activity).TenantId;
        if (_allowed.Count == 0 || (tenant is not null && _allowed.Contains(tenant)))
        {
            await next(cancellationToken);
            return;
        }

        LogRefused(logger, tenant ?? "(none)", activity.Type, activity.From?.Id);
        var refusal = TeamsStrings.ResourceManager.GetString(nameof(TeamsStrings.ForeignTenant), TurnMapping.CultureOf(activity));
        if (activity.Type == ActivityTypes.Message)
        {
            await turnContext.SendActivityAsync(MessageFactory.Text(refusal), cancellationToken);
        }
        else if (activity.Type == ActivityTypes.Invoke)
        {
            // A card action waits for an invoke response: the refusal is shown to the one who acted.
            await turnContext.SendActivityAsync(new Activity
            {
                Type = ActivityTypesEx.InvokeResponse,
                Value = new InvokeResponse { Status = 200, Body = new AdaptiveCardInvokeResponse { StatusCode = 200, Type = "application/vnd.microsoft.activity.message", Value = refusal } },
            }, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an activity from tenant {Tenant} (not in Bot:AllowedTenants): {Type} from {User}")]
    private static partial void LogRefused(ILogger logger, string tenant, string type, string? user);
}
