using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Digest;

namespace FutureOfCustoms.Bot.Polls;

internal static class PollsServiceCollectionExtensions
{
    public static IServiceCollection AddPolls(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PollsOptions>()
            .Bind(configuration.GetSection(PollsOptions.SectionName))
            .Validate(o => string.IsNullOrEmpty(o.BallotKey) || o.BallotKey.Length >= 32, "Polls:BallotKey must be at least 32 characters (a random secret), or empty to let the bot generate and keep one.")
            .Validate(o => o.CloseCheckInterval >= TimeSpan.FromSeconds(1) && o.CloseCheckInterval <= TimeSpan.FromHours(1), "Polls:CloseCheckInterval must be between 00:00:01 and 01:00:00.")
            .Validate(o => o.RosterCacheDuration >= TimeSpan.Zero && o.RosterCacheDuration <= TimeSpan.FromHours(1), "Polls:RosterCacheDuration must be between 00:00:00 and 01:00:00.")
            .Validate(o => o.SharedCardUpdateDelay >= TimeSpan.Zero && o.SharedCardUpdateDelay <= TimeSpan.FromMinutes(1), "Polls:SharedCardUpdateDelay must be between 00:00:00 and 00:01:00.")
            .ValidateOnStart();
        services.AddSingleton<PollStore>();
        services.AddSingleton<PollBallotWriter>();
        services.AddSingleton<PollRoster>();
        services.AddSingleton<PollTurnout>();
        services.AddSingleton<PollCards>();
        services.AddSingleton<PollService>();
        services.AddSingleton<PollDraft>();
        services.AddSingleton<IDigestSource, PollsDigestSource>();
        services.AddHostedService<PollClosingService>();

        services.AddCommand<PollCommands>(PollCommands.Create, "poll", () => PollsStrings.Poll_Description, moderatorOnly: true);
        services.AddCommand<PollCommands>(PollCommands.List, "polls", () => PollsStrings.Polls_Description);
        services.AddCommand<PollCommands>(new CommandDefinition
        {
            Verb = PollCommands.Export,
            Handler = typeof(PollCommands),
            Text = "export poll",
            Usage = "<id>",
            Arguments = "^\\S{1,40}$",
            ModeratorOnly = true,
            Description = () => PollsStrings.Export_Description,
        });
        foreach (var (verb, moderatorOnly) in new[]
        {
            (PollCommands.Dialog, true),
            (PollCommands.Preview, true),
            (PollCommands.Edit, true),
            (PollCommands.Launch, true),
            (PollCommands.Manage, true),
            (PollCommands.Close, true),
            (PollCommands.Remind, true),
            (PollCards.VoteVerb, false),
            (PollCards.RefreshVerb, false),
        })
        {
            services.AddCommand<PollCommands>(verb, text: null, description: null, moderatorOnly);
        }

        return services;
    }
}
