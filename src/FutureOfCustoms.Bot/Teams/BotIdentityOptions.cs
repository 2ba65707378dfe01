namespace FutureOfCustoms.Bot.Teams;

/// <summary>
/// The bot's Entra app registration, under the Bot Framework's own top-level keys (MicrosoftAppId, ...),
/// which ConfigurationBotFrameworkAuthentication also reads. No MicrosoftAppId: anonymous local traffic
/// (Agents Playground) is accepted; with one, every request needs a valid Bot Connector token.
/// </summary>
public sealed class BotIdentityOptions
{
    public string? MicrosoftAppId { get; set; }

    public string? MicrosoftAppPassword { get; set; }

    /// <summary>MultiTenant, SingleTenant or UserAssignedMSI.</summary>
    public string? MicrosoftAppType { get; set; }

    public string? MicrosoftAppTenantId { get; set; }

    public bool IsAnonymous => string.IsNullOrWhiteSpace(MicrosoftAppId);
}
