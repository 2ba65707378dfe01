using FutureOfCustoms.Bot.Commands;

namespace FutureOfCustoms.Bot.Hosting;

internal static class HostingServiceCollectionExtensions
{
    public static IServiceCollection AddHosting(this IServiceCollection services)
        => services.AddCommand<StatusCommand>("status", "status", () => HostingStrings.Status_Description, moderatorOnly: true);
}
