using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Messaging;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Teams;

internal static class TeamsServiceCollectionExtensions
{
    public static IServiceCollection AddTeamsBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotIdentityOptions>()
            .Bind(configuration)
            .Validate(o => o.IsAnonymous || Guid.TryParse(o.MicrosoftAppId, out _), "MicrosoftAppId must be the bot's Entra application (client) id, a GUID; leave it empty to run locally without authentication.")
            .Validate(o => o.IsAnonymous || !string.IsNullOrWhiteSpace(o.MicrosoftAppPassword) || string.Equals(o.MicrosoftAppType, "UserAssignedMSI", StringComparison.OrdinalIgnoreCase), "MicrosoftAppPassword is required with MicrosoftAppId unless MicrosoftAppType is UserAssignedMSI.")
            .Validate<IOptions<BotOptions>>((o, bot) => o.IsAnonymous || bot.Value.AllowedTenants.Any(t => !string.IsNullOrWhiteSpace(t)), "Bot:AllowedTenants is required when MicrosoftAppId is set: list the Entra tenant ids whose users may use the bot (Bot:AllowedTenants:0, ...). Any tenant could install a multi-tenant app otherwise.")
            .ValidateOnStart();
        services.AddOptions<ConnectorOptions>()
            .Bind(configuration.GetSection(ConnectorOptions.SectionName))
            .Validate(o => o.Timeout > TimeSpan.Zero && o.Timeout <= TimeSpan.FromMinutes(5), "Connector:Timeout must be between 00:00:00.001 and 00:05:00.")
            .Validate(o => o.MaxAttempts is >= 1 and <= 10, "Connector:MaxAttempts must be between 1 (no retry) and 10.")
            .Validate(o => o.BaseDelay > TimeSpan.Zero && o.BaseDelay <= o.MaxDelay, "Connector:BaseDelay must be positive and at most Connector:MaxDelay.")
            .Validate(o => o.MaxDelay <= TimeSpan.FromMinutes(5), "Connector:MaxDelay must be at most 00:05:00.")
            .Validate(o => o.MaxRetryAfter >= TimeSpan.Zero && o.MaxRetryAfter <= TimeSpan.FromMinutes(10), "Connector:MaxRetryAfter must be between 00:00:00 and 00:10:00.")
            .ValidateOnStart();
        // Connector clients are shared for the life of the bot (SharedConnectorClients), so their connections are
        // renewed by age rather than by the factory's handler rotation: Teams' service URLs sit behind Traffic Manager DNS.
        services.AddHttpClient(ConnectorOptions.HttpClientName, (sp, client) => client.Timeout = sp.GetRequiredService<IOptions<ConnectorOptions>>().Value.Timeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<BotFrameworkAuthentication>(sp => new SharedConnectorClients(new ConfigurationBotFrameworkAuthentication(
            sp.GetRequiredService<IConfiguration>(),
            httpClientFactory: new ConnectorHttpClients(sp.GetRequiredService<IHttpClientFactory>()),
            logger: sp.GetRequiredService<ILogger<ConfigurationBotFrameworkAuthentication>>())));
        services.AddSingleton<ConnectorRetry>();
        services.AddSingleton<ConnectorRetryMiddleware>();
        services.AddSingleton<TenantGuard>();
        services.AddSingleton<MemberTurnGate>();
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

    /// <summary>
    /// The Bot Framework asks its factory for the default client; it gets the connector's own, so the
    /// connector's timeout is not every client's.
    /// </summary>
    private sealed class ConnectorHttpClients(IHttpClientFactory clients) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => clients.CreateClient(ConnectorOptions.HttpClientName);
    }
}
