using FutureOfCustoms.Bot.Messaging;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;

namespace FutureOfCustoms.Bot.Teams;

internal static class TeamsServiceCollectionExtensions
{
    public static IServiceCollection AddTeamsBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotIdentityOptions>()
            .Bind(configuration)
            .Validate(o => o.IsAnonymous || Guid.TryParse(o.MicrosoftAppId, out _), "MicrosoftAppId must be the bot's Entra application (client) id, a GUID; leave it empty to run locally without authentication.")
            .Validate(o => o.IsAnonymous || !string.IsNullOrWhiteSpace(o.MicrosoftAppPassword) || string.Equals(o.MicrosoftAppType, "UserAssignedMSI", StringComparison.OrdinalIgnoreCase), "MicrosoftAppPassword is required with MicrosoftAppId unless MicrosoftAppType is UserAssignedMSI.")
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ConfigurationBotFrameworkAuthentication>();
        services.AddSingleton<BotFrameworkAuthentication>(sp => new SharedConnectorClients(sp.GetRequiredService<ConfigurationBotFrameworkAuthentication>()));
        services.AddSingleton<ConnectorRetry>();
        services.AddSingleton<ConnectorRetryMiddleware>();
        services.AddSingleton<OutgoingSizeGuard>();
        services.AddSingleton<TeamsBotAdapter>();
        services.AddSingleton<ConversationReferenceStore>();
        services.AddSingleton<IConversationDirectory>(sp => sp.GetRequiredService<ConversationReferenceStore>());
        services.AddSingleton<IMessenger, TeamsMessenger>();
        services.AddSingleton<PacedSender>();
        services.AddSingleton<WelcomeCard>();
        services.AddTransient<IBot, FutureOfCustomsBot>();
        return services;
    }

    public static IEndpointRouteBuilder MapBot(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/messages", (HttpRequest request, HttpResponse response, TeamsBotAdapter adapter, IBot bot, CancellationToken cancellationToken)
            => adapter.ProcessRequestAsync(request, response, bot, cancellationToken));
        return endpoints;
    }
}
