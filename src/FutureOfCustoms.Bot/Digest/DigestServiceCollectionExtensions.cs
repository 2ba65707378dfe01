using FutureOfCustoms.Bot.Commands;

namespace FutureOfCustoms.Bot.Digest;

internal static class DigestServiceCollectionExtensions
{
    public static IServiceCollection AddDigest(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DigestOptions>()
            .Bind(configuration.GetSection(DigestOptions.SectionName))
            .Validate(o => o.HasValidSchedule(), "Digest:Schedule must be a five-field cron expression (minute hour day-of-month month day-of-week), e.g. \"0 9 * * 1\" for Mondays at 09:00, or six fields with seconds first.")
            .Validate(o => o.HasValidZone(), "Digest:TimeZone must be an IANA time zone id, e.g. \"Europe/Brussels\".")
            .Validate(o => o.MaxLinesPerSection is >= 1 and <= 50, "Digest:MaxLinesPerSection must be between 1 and 50.")
            .Validate(o => o.Tick >= TimeSpan.FromSeconds(1) && o.Tick <= TimeSpan.FromHours(1), "Digest:Tick must be between 00:00:01 and 01:00:00.")
            .Validate(o => o.StaleClaimAfter >= TimeSpan.FromMinutes(1), "Digest:StaleClaimAfter must be at least 00:01:00 (longer than posting one digest takes).")
            .ValidateOnStart();
        services.AddSingleton<DigestStore>();
        services.AddSingleton<DigestComposer>();
        services.AddSingleton<DigestService>();
        services.AddHostedService<DigestBackgroundService>();
        services.AddCommand<DigestCommands>(DigestCommands.Preview, "digest", () => DigestStrings.Preview_Description, moderatorOnly: true);
        services.AddCommand<DigestCommands>(DigestCommands.Post, "digest post", () => DigestStrings.Post_Description, moderatorOnly: true);
        services.AddCommand<DigestCommands>(DigestCommands.Here, "digest here", () => DigestStrings.Here_Description, moderatorOnly: true);
        services.AddCommand<DigestCommands>(DigestCommands.On, "digest on", () => DigestStrings.On_Description, moderatorOnly: true);
        return services.AddCommand<DigestCommands>(DigestCommands.Off, "digest off", () => DigestStrings.Off_Description, moderatorOnly: true);
    }
}
