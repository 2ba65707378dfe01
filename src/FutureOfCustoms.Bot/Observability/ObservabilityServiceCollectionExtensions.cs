namespace FutureOfCustoms.Bot.Observability;

internal static class ObservabilityServiceCollectionExtensions
{
    public static IServiceCollection AddObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        services.AddSingleton<BotTelemetry>();
        return services;
    }
}
