using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Polls;

namespace FutureOfCustoms.Bot.Board;

internal static class BoardServiceCollectionExtensions
{
    public static IServiceCollection AddBoard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BoardOptions>()
            .Bind(configuration.GetSection(BoardOptions.SectionName))
            .Validate(o => string.IsNullOrWhiteSpace(o.ApplicationIdUri) || (Uri.TryCreate(o.ApplicationIdUri, UriKind.Absolute, out var uri) && uri.Scheme == "api"), "Board:ApplicationIdUri must be the Entra application ID URI of the bot's app, api://<host>/botid-<MicrosoftAppId> (the manifest's webApplicationInfo.resource).")
            .Validate(o => string.IsNullOrWhiteSpace(o.TeamsAppId) || Guid.TryParse(o.TeamsAppId, out _), "Board:TeamsAppId must be the Teams app's id from its manifest (a GUID), or empty.")
            .Validate(o => o.LiveInterval >= TimeSpan.FromMilliseconds(50) && o.LiveInterval <= TimeSpan.FromSeconds(10), "Board:LiveInterval must be between 00:00:00.050 and 00:00:10.")
            .Validate(o => o.UnansweredWindow >= TimeSpan.FromDays(1) && o.UnansweredWindow <= TimeSpan.FromDays(366), "Board:UnansweredWindow must be between 1.00:00:00 and 366.00:00:00.")
            .ValidateOnStart();
        services.AddBoardIdentity(configuration);
        services.AddSingleton<BoardAccess>();
        services.AddSingleton<BoardPolls>();
        services.AddSingleton<BoardSections>();
        services.AddSingleton<LivePolls>();
        services.AddSingleton<MeetingPolls>();
        services.AddSingleton<IPollLaunchListener>(sp => sp.GetRequiredService<MeetingPolls>());
        services.AddSingleton<IMeetingEvents>(sp => sp.GetRequiredService<MeetingPolls>());
        return services;
    }
}
