using FutureOfCustoms.Bot.Commands;

namespace FutureOfCustoms.Bot.Observability;

internal static class ObservabilityServiceCollectionExtensions
{
    public static IServiceCollection AddObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        services.AddSingleton<BotTelemetry>();

        // The outermost filter: a turn refused by a rate limit is still a turn, timed and counted.
        services.AddSingleton<ICommandFilter, TurnTelemetry>();
        return services;
    }
}
