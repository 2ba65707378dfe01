using FutureOfCustoms.Bot.Board;
using FutureOfCustoms.Bot.Cards;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Digest;
using FutureOfCustoms.Bot.Discussion;
using FutureOfCustoms.Bot.Graph;
using FutureOfCustoms.Bot.Knowledge;
using FutureOfCustoms.Bot.Members;
using FutureOfCustoms.Bot.Observability;
using FutureOfCustoms.Bot.Polls;
using FutureOfCustoms.Bot.Storage;
using FutureOfCustoms.Bot.Suggestions;
using FutureOfCustoms.Bot.Teams;

namespace FutureOfCustoms.Bot.Hosting;

internal static class BotServiceCollectionExtensions
{
    /// <summary>Every area of the bot, in one place the host and the tests share.</summary>
    public static IServiceCollection AddFutureOfCustomsBot(this IServiceCollection services, IConfiguration configuration)
        => services
            .AddStorage(configuration)
            .AddObservability(configuration)
            .AddCards(configuration)
            .AddCommands(configuration)
            .AddTeamsBot(configuration)
            .AddHosting(configuration)
            .AddMembers()
            .AddKnowledge(configuration)
            .AddSuggestions(configuration)
            .AddDiscussion(configuration)
            .AddPolls(configuration)
            .AddDigest(configuration)
            .AddGraph(configuration)
            .AddMeetingOrganizers()
            .AddBoard(configuration);

    private static IServiceCollection AddMembers(this IServiceCollection services)
        => services.AddSingleton<IMemberProfiles, MemberProfiles>();
}
