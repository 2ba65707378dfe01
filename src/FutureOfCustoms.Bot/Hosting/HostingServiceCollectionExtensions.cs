using FutureOfCustoms.Bot.Commands;

namespace FutureOfCustoms.Bot.Hosting;

internal static class HostingServiceCollectionExtensions
{
    public static IServiceCollection AddHosting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DownloadOptions>()
            .Bind(configuration.GetSection(DownloadOptions.SectionName))
            .Validate(o => o.PublicBaseUrl.IsAbsoluteUri && o.PublicBaseUrl.Scheme is "http" or "https", "Downloads:PublicBaseUrl must be the bot's absolute public address, e.g. https://futureofcustoms.azurewebsites.net/.")
            .Validate(o => o.LinkLifetime > TimeSpan.Zero && o.LinkLifetime <= TimeSpan.FromDays(1), "Downloads:LinkLifetime must be between 00:00:01 and 1.00:00:00 (links are meant to be short-lived).")
            .ValidateOnStart();
        services.AddOptions<RateLimitOptions>()
            .Bind(configuration.GetSection(RateLimitOptions.SectionName))
            .Validate(o => o.Window >= TimeSpan.FromSeconds(1) && o.Window <= TimeSpan.FromHours(1), "RateLimits:Window must be between 00:00:01 and 01:00:00.")
            .Validate(o => new[] { o.Questions, o.Suggestions, o.Answers, o.Votes }.All(n => n is >= 1 and <= 10_000), "RateLimits:Questions, Suggestions, Answers and Votes must each be between 1 and 10000 per window.")
            .Validate(o => o.TurnsAtOncePerMember is >= 1 and <= 100 && o.QueuedTurnsPerMember is >= 0 and <= 1000, "RateLimits:TurnsAtOncePerMember must be between 1 and 100, RateLimits:QueuedTurnsPerMember between 0 and 1000.")
            .ValidateOnStart();
        services.AddSingleton<ICommandFilter, MemberRateLimits>();
        services.AddHealth();
        services.AddSingleton<DownloadLinks>();
        services.AddSingleton<IDownloadLinks>(sp => sp.GetRequiredService<DownloadLinks>());
        services.AddCommand<FailedWorkCommand>(FailedWorkCommand.Verb, "failed work", () => HostingStrings.Work_Description, moderatorOnly: true);
        return services.AddCommand<StatusCommand>("status", "status", () => HostingStrings.Status_Description, moderatorOnly: true);
    }
}
